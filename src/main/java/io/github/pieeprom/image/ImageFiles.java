package io.github.pieeprom.image;

import io.github.pieeprom.Soc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Image files on disk: read whole, written to a temporary file beside the target and renamed into place. */
public final class ImageFiles {
    /** Why a folder cannot be read or written as a file: the one wording for it in every message. */
    public static final String IS_A_FOLDER = "is a folder, not a file";
    /** Why a file cannot be used as a folder: the one wording for it. */
    public static final String IS_A_FILE = "is a file, not a folder";
    /** No input file of ours is larger than an image; refuse before reading a huge file by mistake. */
    private static final long MAX_INPUT = 16L * 1024 * 1024;
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private ImageFiles() {
    }

    /** Reads and parses an image; its size is checked before anything is read. */
    public static EepromImage read(Path path) throws IOException {
        return EepromImage.parse(path.toString(), readImageBytes(path));
    }

    /** The raw bytes of a file that must have an image's size. */
    public static byte[] readImageBytes(Path path) throws IOException {
        if (Files.isDirectory(path)) throw new AccessDeniedException(path.toString(), null, IS_A_FOLDER);
        long size = Files.size(path);
        if (Soc.ofImageSize(size).isEmpty()) throw EepromImage.wrongSize(path.toString(), size);
        return Files.readAllBytes(path);
    }

    /**
     * A small input file read whole (a config, a template, a manifest, a key): a folder, or a file larger than any
     * bootloader file, is refused before anything is read.
     */
    public static byte[] readInput(Path path) throws IOException {
        if (Files.isDirectory(path)) throw new AccessDeniedException(path.toString(), null, IS_A_FOLDER);
        long size = Files.size(path);
        if (size > MAX_INPUT) throw new AccessDeniedException(path.toString(), null,
                "is " + size + " bytes, larger than any bootloader file");
        return Files.readAllBytes(path);
    }

    /**
     * Writes {@code bytes} to {@code target} atomically: a reader sees the old file or the new one, and a
     * failure leaves no partial file. A file that is replaced keeps its permissions.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(Map.of(target, bytes));
    }

    /**
     * Writes several files that belong together (an image and its {@code .sig}): each to a temporary file beside
     * it, and only when all are complete are they renamed into place, in the map's order. A failure before the
     * renames leaves none of them and no temporary file.
     */
    public static void write(Map<Path, byte[]> files) throws IOException {
        Map<Path, Path> staged = new LinkedHashMap<>();                  // target -> its complete temporary file
        try {
            for (Map.Entry<Path, byte[]> file : files.entrySet())
                staged.put(file.getKey(), stage(file.getKey(), file.getValue()));
            for (Iterator<Map.Entry<Path, Path>> it = staged.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Path, Path> file = it.next();
                try {
                    Files.move(file.getValue(), file.getKey(), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw onTarget(file.getKey(), e);
                }
                it.remove();
            }
        } finally {
            for (Path tmp : staged.values()) Files.deleteIfExists(tmp);
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
        if (!Files.isDirectory(dir)) Files.createDirectories(dir);
        write(targets);
    }

    /** The bytes in a temporary file beside {@code target}, with the permissions the target will have. */
    private static Path stage(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (Files.exists(parent) && !Files.isDirectory(parent)) throw new FileSystemException(parent.toString(),
                null, IS_A_FILE);
        if (!Files.isDirectory(parent)) throw new NoSuchFileException(parent.toString(), null,
                "the folder for " + target + " does not exist");
        if (Files.isDirectory(target)) throw new FileAlreadyExistsException(target.toString(), null, IS_A_FOLDER);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
            writeAll(tmp, bytes, StandardOpenOption.WRITE);
            PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (posix != null) posix.setPermissions(Files.exists(target)
                    ? Files.getPosixFilePermissions(target) : NEW_FILE);
            return tmp;
        } catch (IOException e) {
            if (tmp != null) Files.deleteIfExists(tmp);
            throw onTarget(target, e);
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
