package io.github.pieeprom.bootconf;

import java.util.Locale;

/**
 * Characters a reader cannot see in a config: a byte-order mark, zero-width and no-break spaces, control characters.
 * The bootloader reads them as part of the line, so {@code \uFEFF[all]} is no section and {@code BOOT_UART\u200B=1}
 * no property; messages name them ({@code U+FEFF (a byte-order mark)}) instead of printing them.
 */
final class Invisible {
    private Invisible() {
    }

    /** The index of the first invisible character in {@code text}, or -1. A tab is blank, not invisible. */
    static int indexOf(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x7f && c >= 0x20 || c == '\t') continue;
            int type = Character.getType(c);
            if (type == Character.FORMAT || type == Character.CONTROL || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SPACE_SEPARATOR) return i;
        }
        return -1;
    }

    /** {@code U+FEFF (a byte-order mark)}, {@code U+00A0 (no-break space)}. */
    static String name(char c) {
        String code = "U+%04X".formatted((int) c);
        if (c == '\uFEFF') return code + " (a byte-order mark)";
        String name = Character.getName(c);
        return name == null ? code : code + " (" + name.toLowerCase(Locale.ROOT) + ")";
    }
}
