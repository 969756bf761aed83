package io.github.pieeprom.bootconf;

import io.github.pieeprom.Soc;
import java.util.List;
import java.util.Set;

/**
 * A bootloader property from the {@link Catalogue}.
 *
 * @param name         as written in {@code bootconf.txt}, upper case
 * @param socs         the SoCs whose bootloader reads it
 * @param type         what a value must look like
 * @param min          smallest number allowed (numeric types), or 0
 * @param max          largest number allowed (numeric types), or the longest string allowed
 * @param choices      for enumerations, every value allowed; otherwise empty
 * @param defaultValue the bootloader's value when it is unset; empty if there is none
 * @param status       current, deprecated or removed
 * @param meaning      one line for people
 */
public record Property(String name, Set<Soc> socs, ValueType type, long min, long max, List<Long> choices,
        String defaultValue, Status status, String meaning) {
    /** Whether the bootloader still reads the property. */
    public enum Status { CURRENT, DEPRECATED, REMOVED }

    public Property {
        socs = Set.copyOf(socs);
        choices = List.copyOf(choices);
    }

    /** Why {@code value} is not acceptable, or null. An empty value means "unset" and is always acceptable. */
    String problem(String value) {
        return value.isEmpty() ? null : type.problem(this, value);
    }
}
