package io.github.pieeprom.netboot.dhcp;

import java.util.HexFormat;

/** Byte strings as operators write them: {@code dc:a6:32:01:02:03}. */
final class Hex {
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    private Hex() {
    }

    static String colons(byte[] bytes) {
        return COLONS.formatHex(bytes);
    }

    /** {@code dc:a6:32:01:02:03} (or with dashes) as bytes; throws IllegalArgumentException if it is not that. */
    static byte[] parseColons(String text) {
        return COLONS.parseHex(text.replace('-', ':').toLowerCase(java.util.Locale.ROOT));
    }
}
