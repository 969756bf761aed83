package io.github.pieeprom.release;

import io.github.pieeprom.Soc;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Catalogue;
import io.github.pieeprom.bootconf.Line;
import io.github.pieeprom.bootconf.Property;
import io.github.pieeprom.bootconf.PropertyHistory;
import io.github.pieeprom.image.BuildInfo;
import io.github.pieeprom.image.EepromImage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a migration changes for a board although its config is carried unchanged: settings the new release does
 * not read, and properties the new release reads for the first time (their defaults now apply).
 *
 * @param key    the property
 * @param kind   which of the two
 * @param detail one line for people
 */
public record SettingsChange(String key, Kind kind, String detail) {
    public enum Kind { NOT_READ, NEW_DEFAULT }

    /**
     * Release notes date a release; the build inside the image is a day or two older. A property counts as read by
     * a build made up to this many days before its release-note date.
     */
    static final int RELEASE_SLACK_DAYS = 7;

    /** The changes for {@code config} moving from {@code from} (an image, if known) onto {@code to}. */
    public static List<SettingsChange> of(Optional<EepromImage> from, byte[] config, EepromImage to) {
        LocalDate toDate = releaseDate(to);
        List<SettingsChange> changes = new ArrayList<>();
        Set<String> set = new TreeSet<>();
        BootConfig parsed = BootConfig.parse("config", config);
        for (Line line : parsed.lines()) {
            if (line.kind() != Line.Kind.PROPERTY || parsed.conditionOf(line).isParked()) continue;
            set.add(line.key());
            Optional<Property> property = Catalogue.get(line.key());
            if (property.isEmpty() || PropertyHistory.knows(property.get(), to.soc(), toDate)) continue;
            changes.add(new SettingsChange(line.key(), Kind.NOT_READ, "%s=%s: not read by this %s release (%s)"
                    .formatted(line.key(), line.value(), to.soc().id(), why(property.get(), to.soc()))));
        }
        if (from.isPresent()) {
            LocalDate fromDate = releaseDate(from.get());
            for (Property p : Catalogue.all()) {
                if (set.contains(p.name()) || !PropertyHistory.knows(p, to.soc(), toDate)
                        || PropertyHistory.knows(p, from.get().soc(), fromDate)) continue;
                changes.add(new SettingsChange(p.name(), Kind.NEW_DEFAULT, "%s: new since %s, unset, so its default %s"
                        .formatted(p.name(), PropertyHistory.since(p.name(), to.soc()).map(LocalDate::toString)
                                .orElse("the old release"), p.defaultValue().isEmpty() ? "(none)" : p.defaultValue())));
            }
        }
        return changes;
    }

    private static String why(Property property, Soc soc) {
        if (!property.socs().contains(soc)) return "a " + property.socs().iterator().next().id() + " property";
        if (property.status() == Property.Status.REMOVED) return "removed";
        return "first read by the " + PropertyHistory.since(property.name(), soc).orElseThrow() + " release";
    }

    private static LocalDate releaseDate(EepromImage image) {
        long ts = image.build().timestamp().orElse(0);
        return BuildInfo.dateOf(ts).plusDays(RELEASE_SLACK_DAYS);
    }
}
