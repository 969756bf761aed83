package io.github.pieeprom.batch;

import io.github.pieeprom.EepromException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a batch writes, told by the output's name: an archive by its suffix, else a folder. A name that asks for
 * an archive or compression the batch does not write ({@code .7z}, {@code .tar.zst}, a bare {@code .gz}) is
 * refused, rather than silently becoming a folder of that name.
 */
public enum Output {
    DIRECTORY, TAR, TAR_GZ, TAR_BZ2, TAR_XZ, ZIP;

    /** Suffixes of archives and compressed files, as file(1) and Commons Compress know them, that are not written. */
    private static final List<String> NOT_WRITTEN = List.of(".7z", ".rar", ".cpio", ".ar", ".arj", ".jar", ".zst",
            ".tzst", ".lz4", ".lzma", ".tlz", ".lz", ".z", ".taz", ".sz", ".br", ".gz", ".bz2", ".xz");

    /** The format {@code out}'s name asks for; {@link EepromException} (one line) when the batch cannot write it. */
    public static Output of(Path out) {
        Path file = out.getFileName();                                  // null for /
        String name = file == null ? "" : file.toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) return TAR_GZ;
        if (name.endsWith(".tar.bz2") || name.endsWith(".tbz2") || name.endsWith(".tbz")) return TAR_BZ2;
        if (name.endsWith(".tar.xz") || name.endsWith(".txz")) return TAR_XZ;
        if (name.endsWith(".tar")) return TAR;
        if (name.endsWith(".zip")) return ZIP;
        for (String suffix : NOT_WRITTEN) if (name.endsWith(suffix)) throw EepromException.in(out.toString(),
                "a batch writes a folder or a .tar, .tar.gz, .tar.bz2, .tar.xz or .zip archive, not %s", suffix);
        return DIRECTORY;
    }
}
