package io.github.pieeprom.image;

import io.github.pieeprom.Soc;
import io.github.pieeprom.EepromException;
import io.github.pieeprom.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Files on disk, as Unix tools treat them. Inputs are read whole, their size checked before and while they are
 * read (a FIFO, {@code /dev/fd/N} and standard input work too). Outputs: a regular file is written to a temporary
 * file beside it and renamed over it, keeping its mode; a symbolic link is followed and its target replaced that
 * way; a device, FIFO or anything under {@code /dev} (such as {@code /dev/stdout}) is opened and written through.
 */
public final class ImageFiles {
    /** Why a folder cannot be read or written as a file: the one wording for it in every message. */
    public static final String IS_A_FOLDER = "is a folder, not a file";
    /** Why a file cannot be used as a folder: the one wording for it. */
    public static final String IS_A_FILE = "is a file, not a folder";
    /** No input file of ours is larger than an image; refuse before reading a huge file by mistake. */
    private static final long MAX_INPUT = 16L * 1024 * 1024;
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    /** Links followed to find a write's real target before giving up, as Linux's own limit (ELOOP). */
    private static final int MAX_LINKS = 40;

    private ImageFiles() {
    }

    /** Reads and parses an image; its size is checked before (a file) or while (a pipe) it is read. */
    public static EepromImage read(Path path) throws IOException {
        return EepromImage.parse(path.toString(), readImageBytes(path));
    }

    /** Reads and parses an image from a stream ({@code name} in messages), reading no more than an image holds. */
    public static EepromImage read(InputStream in, String name) throws IOException {
        return EepromImage.parse(name, readAtMost(in, name, Soc.BCM2712.imageSize(), imageSizes()));
    }

    /** The raw bytes of a file that must have an image's size. */
    public static byte[] readImageBytes(Path path) throws IOException {
        return readAtMost(path, Soc.BCM2712.imageSize(), imageSizes());
    }

    /**
     * A small input file read whole (a config, a template, a manifest, a key): a folder, or a file larger than any
     * bootloader file, is refused before anything is read.
     */
    public static byte[] readInput(Path path) throws IOException {
        return readAtMost(path, (int) MAX_INPUT);
    }

    /**
     * Every byte of a small input named on a command line: a file, a FIFO, {@code /dev/fd/N}. One larger than
     * {@code max} bytes is refused ({@code expected at most N bytes, found ...}) without reading past the limit,
     * so an endless input such as {@code /dev/zero} ends in that message, not in running out of memory.
     */
    public static byte[] readAtMost(Path path, int max) throws IOException {
        return readAtMost(path, max, "expected at most " + max + " bytes");
    }

    /** As {@link #readAtMost(Path, int)}, from a stream such as standard input, named {@code name} in messages. */
    public static byte[] readAtMost(InputStream in, String name, int max) throws IOException {
        return readAtMost(in, name, max, "expected at most " + max + " bytes");
    }

    /**
     * A stream of a file of any size (or a FIFO), for hashing: read in constant memory. A folder is refused as
     * every input is.
     */
    public static InputStream open(Path path) throws IOException {
        requireNotFolder(path);
        return Files.newInputStream(path);
    }

    private static byte[] readAtMost(Path path, int max, String expected) throws IOException {
        BasicFileAttributes attributes = requireNotFolder(path);
        if (attributes.isRegularFile() && attributes.size() > max)      // its size is known: say it
            throw EepromException.in(path.toString(), "%s, found %d bytes", expected, attributes.size());
        try (InputStream in = Files.newInputStream(path)) {
            return readAtMost(in, path.toString(), max, expected);
        }
    }

    private static byte[] readAtMost(InputStream in, String name, int max, String expected) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) throw EepromException.in(name, "%s, found more than %d bytes", expected, max);
        return bytes;
    }

    /** Concatenated, not formatted: every image read builds it, and a run's first Formatter costs it 1-3 ms. */
    private static String imageSizes() {
        return "expected " + Soc.BCM2711.imageSize() + " bytes (Pi 4) or " + Soc.BCM2712.imageSize() + " bytes (Pi 5)";
    }

    private static BasicFileAttributes requireNotFolder(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isDirectory()) throw new AccessDeniedException(path.toString(), null, IS_A_FOLDER);
        return attributes;
    }

    /**
     * Writes {@code bytes} to {@code target}: a regular file atomically (a reader sees the old file or the new
     * one, and a failure leaves no partial file), keeping the mode of the file it replaces; a device or FIFO
     * written through.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(Map.of(target, bytes));
    }

    /**
     * Writes several files that belong together (an image and its {@code .sig}): each regular file to a
     * temporary file beside it, then every device or FIFO, and only when all are complete are the temporary files
     * renamed into place, in the map's order. A failure before the renames leaves none of the regular files and
     * no temporary file; what went into a device or pipe cannot be taken back.
     */
    public static void write(Map<Path, byte[]> files) throws IOException {
        // a list, not a map keyed by the record: a record's first hashCode links its ObjectMethods bootstrap, which
        // the AOT cache does not keep: 8 ms of a 2712 config --out (marks around this loop, JDK 25, 4 runs: 7.5-9 ms
        // with the map, 0.4 ms with the list)
        List<Map.Entry<Destination, byte[]>> destinations = new ArrayList<>();
        for (Map.Entry<Path, byte[]> file : files.entrySet())
            destinations.add(Map.entry(destination(file.getKey()), file.getValue()));
        List<Staged> staged = new ArrayList<>();
        try {
            for (Map.Entry<Destination, byte[]> file : destinations)
                if (!file.getKey().through()) staged.add(new Staged(file.getKey(), stage(file.getKey(), file.getValue())));
            for (Map.Entry<Destination, byte[]> file : destinations)
                if (file.getKey().through()) writeThrough(file.getKey(), file.getValue());
            TempFiles.commit(() -> {
                for (Staged file : staged) {
                    try {
                        Files.move(file.tmp(), file.target().real(), StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        throw onTarget(file.target().named(), e);
                    }
                    TempFiles.forget(file.tmp());
                }
            });
        } finally {
            for (Staged file : staged) TempFiles.delete(file.tmp());
        }
    }

    /**
     * Refuses, before a command does any other work, a {@code target} that {@link #write(Path, byte[])} would refuse
     * for where it is: a folder, a missing folder, a file where its folder should be, a loop of links.
     */
    public static void requireWritable(Path target) throws IOException {
        destination(target);
    }

    /**
     * Puts a complete file made elsewhere ({@code staged}, say an archive built in a temporary file) in place as
     * {@code target}, as {@link #write(Path, byte[])} would write it: renamed over the file at the end of target's
     * symbolic links (the links kept, that file's mode kept), or, for a device or FIFO, copied through. {@code staged}
     * stays the caller's to delete.
     */
    public static void publish(Path staged, Path target) throws IOException {
        Destination d = destination(target);
        if (d.through()) {
            try (FileChannel from = FileChannel.open(staged); FileChannel to = FileChannel.open(d.named(),
                    StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long at = 0, size = from.size(); at < size; ) at += from.transferTo(at, size - at, to);
            } catch (IOException e) {
                throw onTarget(d.named(), e);
            }
            return;
        }
        // a rename works within one file system: beside the real target, which a link may put in another folder
        boolean beside = d.real().getParent().equals(staged.toAbsolutePath().normalize().getParent());
        Path tmp = beside ? staged : TempFiles.createFile(d.real().getParent(), "." + d.real().getFileName() + ".",
                ".tmp");
        try {
            if (!beside) Files.copy(staged, tmp, StandardCopyOption.REPLACE_EXISTING);
            modeOfTarget(tmp, d);
            TempFiles.commit(() -> Files.move(tmp, d.real(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE));
        } catch (IOException e) {
            throw onTarget(d.named(), e);
        } finally {
            if (!beside) TempFiles.delete(tmp);
        }
    }

    /**
     * Writes {@code files} into {@code dir} under their names, creating it if missing: all of them or, on a
     * failure, none ({@link #write(Map)}).
     */
    public static void writeInto(Path dir, List<ImageContents.HeldFile> files) throws IOException {
        Map<Path, byte[]> targets = new LinkedHashMap<>();
        for (ImageContents.HeldFile file : files) targets.put(dir.resolve(file.name()), file.bytes());
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new FileSystemException(dir.toString(), null,
                IS_A_FILE);
        if (Files.isDirectory(dir)) {
            write(targets);
            return;
        }
        Files.createDirectories(dir);
        TempFiles.register(dir);                // a failure or a signal before the files are in leaves no empty folder
        boolean written = false;
        try {
            write(targets);
            written = true;
        } finally {
            if (written) TempFiles.forget(dir);
            else TempFiles.delete(dir);
        }
    }

    /** A complete temporary file, waiting to be renamed over its target. */
    private record Staged(Destination target, Path tmp) {
    }

    /**
     * Where a write to {@code named} goes: {@code real} is the file at the end of its symbolic links, replaced
     * by a rename; {@code through} when it is opened and written in place instead (not a regular file).
     */
    private record Destination(Path named, Path real, boolean through) {
    }

    private static Destination destination(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        // /dev/stdout, /dev/fd/N, /proc/self/fd/N lead to whatever the shell opened: the kernel follows them
        if (absolute.startsWith("/dev") || absolute.startsWith("/proc")) return new Destination(target, absolute, true);
        Path real = absolute;
        for (int links = 0; Files.isSymbolicLink(real); links++) {
            if (links == MAX_LINKS) throw new FileSystemException(target.toString(), null,
                    "too many levels of symbolic links");
            real = real.resolveSibling(Files.readSymbolicLink(real)).normalize();
        }
        if (Files.isDirectory(real)) throw new FileAlreadyExistsException(target.toString(), null, IS_A_FOLDER);
        if (Files.exists(real) && !Files.isRegularFile(real)) return new Destination(target, real, true);
        Path parent = real.getParent();
        if (Files.exists(parent) && !Files.isDirectory(parent)) throw new FileSystemException(parent.toString(),
                null, IS_A_FILE);
        if (!Files.isDirectory(parent)) throw new NoSuchFileException(parent.toString(), null,
                "the folder for " + target + " does not exist");
        return new Destination(target, real, false);
    }

    /** The bytes in a temporary file beside the real target, with the permissions the target will have. */
    private static Path stage(Destination d, byte[] bytes) throws IOException {
        Path tmp = null;
        try {
            tmp = TempFiles.createFile(d.real().getParent(), "." + d.real().getFileName() + ".", ".tmp");
            writeAll(tmp, bytes, StandardOpenOption.WRITE);
            modeOfTarget(tmp, d);
            return tmp;
        } catch (IOException e) {
            if (tmp != null) TempFiles.delete(tmp);
            throw onTarget(d.named(), e);
        }
    }

    /** Gives {@code tmp} the mode the file it will replace has, or a new file's ({@code rw-r--r--}). */
    private static void modeOfTarget(Path tmp, Destination d) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (posix != null) posix.setPermissions(Files.exists(d.real(), LinkOption.NOFOLLOW_LINKS)
                ? Files.getPosixFilePermissions(d.real()) : NEW_FILE);
    }

    /** A device, FIFO or {@code /dev/stdout}: opened as {@code >} would open it, never replaced. */
    private static void writeThrough(Destination d, byte[] bytes) throws IOException {
        try {
            writeAll(d.named(), bytes, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw onTarget(d.named(), e);
        }
    }

    /** In as few system calls as the OS allows: {@code Files.write} writes 8 KiB at a time, 256 calls an image. */
    private static void writeAll(Path file, byte[] bytes, OpenOption... options) throws IOException {
        try (FileChannel channel = FileChannel.open(file, options)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) channel.write(buffer);
        }
    }

    /** A failed write named by the user's file: the temporary file's name would mean nothing to them. */
    private static FileSystemException onTarget(Path target, IOException e) {
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (reason == null) reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file or folder" : "cannot be written";
        FileSystemException named = new FileSystemException(target.toString(), null, reason);
        named.initCause(e);
        return named;
    }
}
