package io.github.pieeprom.release;

import io.github.pieeprom.Soc;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Catalogue;
import io.github.pieeprom.bootconf.Condition;
import io.github.pieeprom.bootconf.Line;
import io.github.pieeprom.bootconf.Property;
import io.github.pieeprom.bootconf.PropertyHistory;
import io.github.pieeprom.bootconf.PropertyTable;
import io.github.pieeprom.image.EepromImage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a migration changes for a board although its config is carried unchanged: settings the new release does
 * not read, and documented properties the new release reads for the first time (their defaults now apply). What a
 * release reads comes from its own {@link PropertyTable}; the {@link PropertyHistory} names the releases that do.
 *
 * @param key    the property
 * @param kind   which of the two
 * @param detail one line for people
 */
public record SettingsChange(String key, Kind kind, String detail) {
    public enum Kind { NOT_READ, NEW_DEFAULT }

    /**
     * The changes for {@code config} moving from {@code from} (an image, if known) onto {@code to}; none can be told
     * when {@code to} has no property table (an image that is not a Raspberry Pi release).
     */
    public static List<SettingsChange> of(Optional<EepromImage> from, byte[] config, EepromImage to) {
        PropertyTable target = PropertyTable.of(to);
        List<SettingsChange> changes = new ArrayList<>();
        if (!target.isKnown()) return changes;
        Set<String> set = new TreeSet<>();
        BootConfig parsed = BootConfig.parse("config", config);
        for (Line line : parsed.lines()) {
            Condition condition = parsed.conditionOf(line);
            if (line.kind() != Line.Kind.PROPERTY || condition.isParked()
                    || condition.soc().isPresent() && condition.soc().get() != to.soc()) continue;
            set.add(line.key());
            boolean known = Catalogue.get(line.key()).isPresent() || PropertyHistory.names().contains(line.key());
            if (!known || target.takesEffect(line.key())) continue;
            changes.add(new SettingsChange(line.key(), Kind.NOT_READ, "%s=%s: not read by this %s release (%s)"
                    .formatted(line.key(), line.value(), to.soc().id(), target.whyNotRead(line.key()))));
        }
        PropertyTable source = from.isPresent() ? PropertyTable.of(from.get()) : null;
        if (source == null || !source.isKnown()) return changes;
        for (Property p : Catalogue.all()) {
            if (set.contains(p.name()) || !target.reads(p.name()) || source.takesEffect(p.name())) continue;
            changes.add(new SettingsChange(p.name(), Kind.NEW_DEFAULT, "%s: new since %s, unset, so its default %s"
                    .formatted(p.name(), PropertyHistory.since(p.name(), to.soc()).map(LocalDate::toString)
                            .orElse("this release"), p.defaultValue().isEmpty() ? "(none)" : p.defaultValue())));
        }
        return changes;
    }
}
