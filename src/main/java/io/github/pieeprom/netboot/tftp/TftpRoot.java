package io.github.pieeprom.netboot.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The served folder: turns a requested name into file content, refusing anything outside the folder. Contents are
 * read once and shared by every transfer of the same file until it changes (size or modification time), up to
 * {@link #CACHED_FILES} files and {@link #CACHED_BYTES} bytes, the least recently used dropped first. "The same file"
 * is the same inode where the file system says so ({@link BasicFileAttributes#fileKey}): {@code tftp stage} hard-links
 * each board's folder to the shared boot files, and keyed by path a rack of 100 boards read its 11 MB of boot files a
 * hundred times over (1.1 GB through a cache of 512 MiB, which kept evicting).
 * <p>
 * Read into memory, not mapped: a file rewritten in place (a hard-linked boot file, a {@code cp} over it) while it
 * was mapped made the next read of the mapping a SIGBUS, which the JVM turns into an {@link InternalError} that
 * stopped the server's one thread. A copy keeps sending the bytes the transfer began with.
 */
final class TftpRoot {
    private static final int CACHED_FILES = 256;
    /** A rack's boot files (a few kernels and initramfs of 10-60 MiB, their overlays) fit with room to spare. */
    private static final long CACHED_BYTES = 512L << 20;

    /** {@code file}: the file system's key for the inode, or the real path where it has none. */
    private record Key(Object file, boolean netascii) {
    }

    private record Cached(long size, FileTime modified, ByteBuffer content) {
    }

    private final Path root;
    private final Map<Key, Cached> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;

    TftpRoot(Path root) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) throw new NoSuchFileException(root.toString(), null, "not a folder");
    }

    Path path() {
        return root;
    }

    /** The bytes to send for {@code name}: the file itself (octet) or its netascii form; a read-only buffer. */
    ByteBuffer read(String name, boolean netascii) throws Refusal {
        Path file = resolve(name);
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (attrs.isDirectory()) throw new Refusal(TftpPacket.Error.ACCESS_VIOLATION, "is a folder, not a file");
            if (!attrs.isRegularFile()) throw new Refusal(TftpPacket.Error.ACCESS_VIOLATION, "not a regular file");
            if (attrs.size() > Integer.MAX_VALUE)
                throw new Refusal(TftpPacket.Error.NOT_DEFINED, "larger than 2 GiB (%d bytes)".formatted(attrs.size()));
            Key key = new Key(attrs.fileKey() != null ? attrs.fileKey() : file, netascii);
            Cached c = cache.get(key);
            if (c == null || c.size != attrs.size() || !c.modified.equals(attrs.lastModifiedTime())) {
                ByteBuffer content = readAll(file, (int) attrs.size());
                c = new Cached(attrs.size(), attrs.lastModifiedTime(),
                        (netascii ? Netascii.encode(content) : content).asReadOnlyBuffer());
                keep(key, c);
            }
            return c.content.duplicate();
        } catch (AccessDeniedException e) {
            throw new Refusal(TftpPacket.Error.ACCESS_VIOLATION, "permission denied");
        } catch (NoSuchFileException e) {
            throw new Refusal(TftpPacket.Error.NOT_FOUND, "not found");
        } catch (IOException e) {
            throw new Refusal(TftpPacket.Error.NOT_DEFINED, "cannot read: " + reason(e));
        }
    }

    /** Bytes held by the cache now. */
    long cachedBytes() {
        return cachedBytes;
    }

    /**
     * What went wrong, as the client may read it: the system's words ("Too many levels of symbolic links", "Not a
     * directory"), never the server's own paths or Java's class names.
     */
    private static String reason(IOException e) {
        String reason = e instanceof FileSystemException fs ? fs.getReason() : null;
        return reason != null ? reason : "an I/O error";
    }

    /** The real path of {@code name} inside the root, or a refusal saying how the name leaves it. */
    Path resolve(String name) throws Refusal {
        if (name.startsWith("/") || name.startsWith("\\"))
            throw new Refusal(TftpPacket.Error.ACCESS_VIOLATION, "absolute path");
        if (name.endsWith("/") || name.endsWith("\\"))     // the path API drops it: "file/" would serve "file"
            throw new Refusal(TftpPacket.Error.NOT_FOUND, "not found (a folder's name, ending in /)");
        for (String segment : name.split("[/\\\\]"))
            if (segment.equals("..")) throw new Refusal(TftpPacket.Error.ACCESS_VIOLATION, "path leaves the root (..)");
        Path real;
        try {
            real = root.resolve(name).toRealPath();
        } catch (InvalidPathException e) {
            throw new Refusal(TftpPacket.Error.ACCESS_VIOLATION, "not a valid path");
        } catch (NoSuchFileException e) {
            throw new Refusal(TftpPacket.Error.NOT_FOUND, "not found");
        } catch (IOException e) {
            throw new Refusal(TftpPacket.Error.ACCESS_VIOLATION, "cannot resolve: " + reason(e));
        }
        if (!real.startsWith(root)) throw new Refusal(TftpPacket.Error.ACCESS_VIOLATION, "symlink leaves the root");
        return real;
    }

    private void keep(Key key, Cached c) {
        Cached old = cache.put(key, c);
        if (old != null) cachedBytes -= old.content.capacity();
        cachedBytes += c.content.capacity();
        for (var eldest = cache.entrySet().iterator(); eldest.hasNext() && cache.size() > 1
                && (cache.size() > CACHED_FILES || cachedBytes > CACHED_BYTES); ) {
            cachedBytes -= eldest.next().getValue().content.capacity();
            eldest.remove();
        }
    }

    /** The file's first {@code size} bytes, or fewer if it shrank since it was measured. */
    private static ByteBuffer readAll(Path file, int size) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(size);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (content.hasRemaining() && channel.read(content) >= 0) {
            }
        }
        return content.flip();
    }
}
