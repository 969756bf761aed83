package io.github.pieeprom.bootconf;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code BOOT_ORDER} value: boot modes tried from the least significant nibble up, so {@code 0xf21} reads right
 * to left: SD card, then network, then start again. At most 8 nibbles; leading zeros are no modes.
 * <pre>
 * BootOrder.parse("0xf21").modes()   // [SD_CARD, NETWORK, RESTART]
 * </pre>
 *
 * @param text  the value as written
 * @param modes in the order the bootloader tries them
 */
record BootOrder(String text, List<BootMode> modes) {
    /** What the bootloader uses when BOOT_ORDER is unset or empty. */
    static final String DEFAULT = "0xf41";
    static final int MAX_NIBBLES = 8;

    BootOrder {
        modes = List.copyOf(modes);
    }

    /** What is wrong with a value: {@code index} is the offending character in it. */
    record Problem(int index, String message) {
    }

    /** Parses a value that {@link #check} accepts. */
    static BootOrder parse(String text) {
        Problem problem = check(text);
        if (problem != null) throw new IllegalArgumentException("BOOT_ORDER " + text + ": " + problem.message());
        int first = 2;
        while (first < text.length() - 1 && text.charAt(first) == '0') first++;     // leading zeros are no modes
        List<BootMode> modes = new ArrayList<>();
        for (int i = text.length() - 1; i >= first; i--)
            modes.add(BootMode.of(Character.digit(text.charAt(i), 16)).orElseThrow());
        return new BootOrder(text, modes);
    }

    static String problem(String text) {
        Problem problem = check(text);
        return problem == null ? null : problem.message();
    }

    /** Null when the value is {@code 0x} and 1 to 8 hex digits, each a boot mode. */
    static Problem check(String text) {
        if (!text.startsWith("0x") && !text.startsWith("0X") || text.length() == 2)
            return new Problem(0, "expected 0x and 1 to 8 hex digits of boot modes (such as 0xf41), found \""
                    + text + "\"");
        for (int i = 2; i < text.length(); i++) {
            int nibble = Character.digit(text.charAt(i), 16);
            if (nibble < 0) return new Problem(i, "\"" + text.charAt(i) + "\" is not a hex digit in \"" + text + "\"");
            if (BootMode.of(nibble).isEmpty())
                return new Problem(i, "0x" + Integer.toHexString(nibble)
                        + " is not a boot mode (modes are 0x0-0x7, 0xe and 0xf) in \"" + text + "\"");
        }
        if (text.length() - 2 > MAX_NIBBLES)
            return new Problem(2, (text.length() - 2) + " nibbles, but the bootloader reads only "
                    + MAX_NIBBLES + " (32 bits) of \"" + text + "\"");
        return null;
    }
}
