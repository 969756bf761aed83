package io.github.pieeprom.release;

import io.github.pieeprom.Soc;
import io.github.pieeprom.image.BuildInfo;
import java.nio.file.Path;

/**
 * One bootloader release found in a releases folder: a {@code pieeprom-*.bin} file, the channel folder it sits in
 * ({@code default}, {@code latest}, {@code old/beta}, or empty for a flat folder), and its build.
 */
public record Release(Path path, String channel, Soc soc, long buildTimestamp, String version, String sha256) {
    private static final java.util.regex.Pattern DATED = java.util.regex.Pattern.compile(".*pieeprom-(\\d{4}-\\d{2}-\\d{2})\\.bin");

    /** The release date as Raspberry Pi names it ({@code pieeprom-2026-08-12.bin}), else the build's UTC date. */
    public String date() {
        var m = DATED.matcher(path.getFileName().toString());
        return m.matches() ? m.group(1) : BuildInfo.dateOf(buildTimestamp).toString();
    }
}
