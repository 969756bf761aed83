package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import java.time.Clock;
import java.util.function.Function;

/** Update timestamps as {@code rpi-eeprom-config --timestamp} takes them: Python {@code int()}, 0..2^32-1. */
final class Timestamps {
    private Timestamps() {
    }

    /** Decimal digits (any Unicode decimal digit), an optional sign, single underscores between digits. */
    static long parse(String text) {
        return parse(text, "--timestamp");
    }

    /**
     * The {@code ts:} of a new {@code .sig}: {@code option}'s value ({@code --ts}, whose default is {@code
     * SOURCE_DATE_EPOCH}: {@link Specs#timestamp}), else now.
     */
    static long sigTimestamp(Parsed args, String option, Clock clock) {
        String value = args.get(option);
        if (args.has(option)) {
            try {
                return parse(value, option);
            } catch (EepromException e) {                       // given on the command line: a usage error
                throw new UsageException(e.getMessage());
            }
        }
        return sigTimestamp(null, variable -> value, clock);                   // value: the option's default
    }

    /** The {@code ts:} of a new {@code .sig}: {@code --ts}, else {@code SOURCE_DATE_EPOCH}, else now. */
    static long sigTimestamp(String option, Function<String, String> env, Clock clock) {
        if (option != null) return parse(option, "--ts");
        String epoch = env.apply("SOURCE_DATE_EPOCH");
        if (epoch != null && !epoch.isEmpty()) return parse(epoch, "SOURCE_DATE_EPOCH");
        return clock.instant().getEpochSecond();
    }

    /** Like {@link #parse(String)}; {@code source} (an option or variable name) is named in errors. */
    static long parse(String text, String source) {
        String t = text.strip();
        boolean negative = t.startsWith("-");
        String digits = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (digits.isEmpty() || digits.startsWith("_") || digits.endsWith("_") || digits.contains("__"))
            throw bad(text, source);
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < digits.length(); ) {
            int c = digits.codePointAt(i);
            i += Character.charCount(c);
            if (c == '_') continue;
            int d = Character.digit(c, 10);
            if (d < 0 || Character.getType(c) != Character.DECIMAL_DIGIT_NUMBER) throw bad(text, source);
            ascii.append((char) ('0' + d));
        }
        String plain = ascii.toString().replaceFirst("^0+(?=.)", "");
        if (negative && !plain.equals("0") || plain.length() > 10 || Long.parseLong(plain) > 0xffff_ffffL)
            throw EepromException.in(source, "%s is outside 0..4294967295 (an unsigned 32-bit epoch)", text);
        return Long.parseLong(plain);
    }

    private static EepromException bad(String text, String source) {
        return EepromException.in(source, "expected a decimal number of seconds since 1970, found \"%s\"", text);
    }
}
