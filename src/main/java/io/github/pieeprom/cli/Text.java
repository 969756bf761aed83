package io.github.pieeprom.cli;

import java.util.List;

/**
 * Fixed-width fields for the commands that run most often, without {@code java.util.Formatter}: its first use in
 * a run sets up locale data, about 10 ms of a 45 ms run (docs/performance.md).
 */
final class Text {
    private Text() {
    }

    /** {@code value} in lower-case hex, zero-padded to {@code digits}. */
    static String hex(long value, int digits) {
        return zeros(Long.toHexString(value), digits);
    }

    /** Two digits: {@code 07}. */
    static String two(long value) {
        return zeros(Long.toString(value), 2);
    }

    /** {@code value} followed by spaces up to {@code width} ({@code %-Ns}). */
    static String left(Object value, int width) {
        String s = String.valueOf(value);
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Spaces, then {@code value}, up to {@code width} ({@code %Ns}). */
    static String right(Object value, int width) {
        String s = String.valueOf(value);
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** {@code a, b or c}. */
    static String either(List<String> words) {
        int last = words.size() - 1;
        return last <= 0 ? String.join("", words) : String.join(", ", words.subList(0, last)) + " or " + words.get(last);
    }

    /** "1 file", "2 files". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String zeros(String digits, int width) {
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
