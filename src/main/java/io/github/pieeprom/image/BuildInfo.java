package io.github.pieeprom.image;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The bootloader build, read from the NUL-separated ASCII strings in the boot code
 * ({@code BUILD_TIMESTAMP=1785847093}, {@code VERSION:0a7ef05f}, {@code MFG_VER: 1}).
 */
public record BuildInfo(OptionalLong timestamp, Optional<String> version, OptionalInt mfgVersion) {

    /** The build time in UTC, from {@code BUILD_TIMESTAMP}. */
    public Optional<Instant> instant() {
        return timestamp.isPresent() ? Optional.of(Instant.ofEpochSecond(timestamp.getAsLong())) : Optional.empty();
    }

    static BuildInfo scan(byte[] code) {
        String text = new String(code, StandardCharsets.ISO_8859_1);   // one char per byte: indexes stay offsets
        Optional<String> timestamp = value(text, "BUILD_TIMESTAMP=").filter(v -> v.matches("[0-9]{1,12}"));
        Optional<String> version = value(text, "VERSION:").map(String::trim).filter(v -> v.matches("[0-9a-fA-F]{4,40}"));
        Optional<String> mfg = value(text, "MFG_VER:").map(String::trim).filter(v -> v.matches("[0-9]{1,6}"));
        return new BuildInfo(
                timestamp.map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty()),
                version,
                mfg.map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty()));
    }

    private static Optional<String> value(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) return Optional.empty();
        int start = at + key.length(), end = start;
        while (end < text.length() && end - start < 64 && text.charAt(end) >= 0x20 && text.charAt(end) < 0x7f) end++;
        return Optional.of(text.substring(start, end));
    }
}
