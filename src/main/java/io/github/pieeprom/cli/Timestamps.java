package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;

/** Update timestamps as {@code rpi-eeprom-config --timestamp} takes them: Python {@code int()}, 0..2^32-1. */
final class Timestamps {
    private Timestamps() {
    }

    /** Decimal digits (any Unicode decimal digit), an optional sign, single underscores between digits. */
    static long parse(String text) {
        String t = text.strip();
        boolean negative = t.startsWith("-");
        String digits = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (digits.isEmpty() || digits.startsWith("_") || digits.endsWith("_") || digits.contains("__"))
            throw bad(text);
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < digits.length(); ) {
            int c = digits.codePointAt(i);
            i += Character.charCount(c);
            if (c == '_') continue;
            int d = Character.digit(c, 10);
            if (d < 0 || Character.getType(c) != Character.DECIMAL_DIGIT_NUMBER) throw bad(text);
            ascii.append((char) ('0' + d));
        }
        String plain = ascii.toString().replaceFirst("^0+(?=.)", "");
        if (negative && !plain.equals("0") || plain.length() > 10 || Long.parseLong(plain) > 0xffff_ffffL)
            throw EepromException.in("--timestamp", "%s is outside 0..4294967295 (an unsigned 32-bit epoch)", text);
        return Long.parseLong(plain);
    }

    private static EepromException bad(String text) {
        return EepromException.in("--timestamp", "expected a decimal number of seconds since 1970, found \"%s\"", text);
    }
}
