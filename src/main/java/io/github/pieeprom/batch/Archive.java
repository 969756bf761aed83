package io.github.pieeprom.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * Packs a folder's files into a reproducible archive: entries sorted by path, regular files only, mode 0644,
 * owner 0:0 without names, every time set to {@code ts}, and a gzip header without a time or name; bzip2 and xz
 * record neither.
 */
final class Archive {
    private Archive() {
    }

    static void pack(Path folder, Output format, long ts, Path target) throws IOException {
        List<String> entries;
        try (Stream<Path> files = Files.walk(folder)) {
            entries = files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        if (format == Output.ZIP) {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(target)) {
                for (String name : entries) {
                    ZipArchiveEntry entry = new ZipArchiveEntry(name);
                    entry.setUnixMode(0100644);
                    entry.setTime(dosTime(ts));
                    add(zip, entry, folder.resolve(name));
                }
            }
            return;
        }
        try (OutputStream file = Files.newOutputStream(target);
                OutputStream stream = compressed(format, file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(stream)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String name : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(Files.size(folder.resolve(name)));
                entry.setMode(0100644);
                entry.setModTime(ts * 1000);
                entry.setIds(0, 0);
                entry.setUserName("");
                entry.setGroupName("");
                add(tar, entry, folder.resolve(name));
            }
        }
    }

    private static <E extends ArchiveEntry> void add(ArchiveOutputStream<E> archive, E entry, Path file)
            throws IOException {
        archive.putArchiveEntry(entry);
        Files.copy(file, archive);
        archive.closeArchiveEntry();
    }

    /** Zip stores local wall-clock time: the UTC time of {@code ts} is stored whatever this machine's zone. */
    private static long dosTime(long ts) {
        return LocalDateTime.ofEpochSecond(ts, 0, ZoneOffset.UTC).atZone(ZoneId.systemDefault()).toInstant()
                .toEpochMilli();
    }

    /** The tar's compression; none of them records a time or name except gzip, whose header is cleared. */
    private static OutputStream compressed(Output format, OutputStream file) throws IOException {
        return switch (format) {
            case TAR_GZ -> new GzipCompressorOutputStream(file, gzip());
            case TAR_BZ2 -> new BZip2CompressorOutputStream(file);
            case TAR_XZ -> new XZCompressorOutputStream(file);
            default -> file;
        };
    }

    private static GzipParameters gzip() {
        GzipParameters parameters = new GzipParameters();
        parameters.setModificationTime(0);
        return parameters;
    }
}
