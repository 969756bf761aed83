package io.github.pieeprom.bootconf;

import io.github.pieeprom.EepromException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Properties to set and to unset in one section of a config, as {@code eeprom edit} and {@code eeprom apply --set}
 * take them. Applying them rewrites or adds only those lines; a result the validator finds errors in is refused.
 * <pre>
 * PropertyEdits edits = new PropertyEdits(Map.of("BOOT_ORDER", "0xf21"), List.of("TFTP_IP"), BootConfig.ALL);
 * PropertyEdits.Result result = edits.applyTo(config);           // result.config(), result.notes()
 * PropertyEdits.requireValid(result.config(), Validator.check(result.config(), Optional.empty()));
 * </pre>
 *
 * @param sets    property to value, set in this order
 * @param unsets  properties whose every line in the section is removed, after the sets
 * @param section the section edited, as in its {@code [FILTER]} line ({@link BootConfig#ALL}: {@code [all]})
 */
public record PropertyEdits(Map<String, String> sets, List<String> unsets, String section) {
    public PropertyEdits {
        sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
        unsets = List.copyOf(unsets);
        Objects.requireNonNull(section, "section");
    }

    /**
     * An edited config and what is worth telling about it.
     *
     * @param notes one sentence each, such as {@code TFTP_IP is not set in [all]} for an unset that removed nothing
     */
    public record Result(BootConfig config, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    public boolean isEmpty() {
        return sets.isEmpty() && unsets.isEmpty();
    }

    /** Applies the edits; every other line keeps its bytes. A key or value that cannot be a line is refused. */
    public Result applyTo(BootConfig config) {
        BootConfig out = config;
        for (Map.Entry<String, String> set : sets.entrySet()) out = out.with(section, set.getKey(), set.getValue());
        List<String> notes = new ArrayList<>();
        for (String key : unsets) {
            if (!out.has(section, key)) notes.add(key + " is not set in [" + section + "]");
            out = out.without(section, key);
        }
        return new Result(out, notes);
    }

    /** Refuses an edited config the validator found errors in (warnings pass); the caller shows the findings. */
    public static void requireValid(BootConfig edited, List<Finding> findings) {
        int errors = 0;
        for (Finding f : findings) if (f.isError()) errors++;
        if (errors > 0) throw EepromException.in(edited.file(), "the edited config has %d error%s; nothing written",
                errors, errors == 1 ? "" : "s");
    }
}
