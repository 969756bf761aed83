package io.github.pieeprom;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The temporary files and folders a command is writing (an atomic write's hidden file, a batch's spool folder),
 * deleted when the JVM shuts down before they were renamed into place or removed: Ctrl-C (SIGINT) and SIGTERM run
 * the shutdown hooks, then the JVM exits 130 or 143 as it does by default. A rename into place and the hook
 * exclude each other, so an output is either complete or absent, and no temporary file outlives the run.
 * <pre>
 * Path tmp = TempFiles.createFile(dir, ".new.bin.", ".tmp");
 * try { write(tmp); TempFiles.commit(() -&gt; Files.move(tmp, target, ATOMIC_MOVE)); } finally { TempFiles.delete(tmp); }
 * </pre>
 * The one piece of static mutable state in the library: a signal reaches the process, not an object.
 */
public final class TempFiles {
    private static final Set<Path> PENDING = new LinkedHashSet<>();       // guarded by TempFiles.class
    private static boolean hooked, shuttingDown;                         // guarded by TempFiles.class
    /** A tree that others keep writing into while it is deleted is walked again, this many times at most. */
    private static final int DELETE_ATTEMPTS = 100;
    /** Names tried for a new temporary file before giving up: each is one of 2^63. */
    private static final int NAME_ATTEMPTS = 100;
    private static final Set<PosixFilePermission> OWNER_FILE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_FOLDER = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** A step that must not be cut in half by the shutdown hook: a rename into place. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    private TempFiles() {
    }

    /** A new empty file in {@code dir} (mode 0600), deleted if the JVM stops. */
    public static synchronized Path createFile(Path dir, String prefix, String suffix) throws IOException {
        requireRunning();
        return pending(create(dir, prefix, suffix, false));
    }

    /** A new empty folder in {@code dir} (mode 0700), deleted with everything in it if the JVM stops. */
    public static synchronized Path createDirectory(Path dir, String prefix) throws IOException {
        requireRunning();
        return pending(create(dir, prefix, "", true));
    }

    /** Deletes {@code path} (a folder with everything in it) if the JVM stops before {@link #delete} or a commit. */
    public static synchronized Path register(Path path) throws IOException {
        requireRunning();
        return pending(path);
    }

    /**
     * Runs {@code step} (renames that publish what the temporary files hold) unless shutdown has begun; the hook
     * waits for it. Afterwards the caller deletes or forgets what the step moved away.
     */
    public static synchronized void commit(Step step) throws IOException {
        requireRunning();
        step.run();
    }

    /** Deletes a temporary file or folder tree now, if it still exists, and stops watching it. */
    public static void delete(Path path) throws IOException {
        deleteTree(path);
        forget(path);
    }

    /** Stops watching {@code path}: it was renamed into place, or is the caller's to keep. */
    public static synchronized void forget(Path path) {
        PENDING.remove(path);
    }

    /**
     * Our own, not {@link Files#createTempFile}: the JDK's draws the name from a {@code SecureRandom}, whose start
     * costs a short run 25-50 ms (measured: one cold {@code createTempFile} on JDK 25 with an AOT cache, against
     * 2 ms for this). The name need not be unguessable: creating it is exclusive ({@code O_EXCL}, which refuses an
     * existing file or link of that name), and a name taken is followed by another.
     */
    private static Path create(Path dir, String prefix, String suffix, boolean folder) throws IOException {
        FileAttribute<?>[] mode = dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(folder ? OWNER_FOLDER : OWNER_FILE)}
                : new FileAttribute<?>[0];
        for (int attempt = 1; ; attempt++) {
            // 63 random bits: Long.toUnsignedString of a negative number goes through BigInteger (1-2 ms cold)
            String name = prefix + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + suffix;
            Path path = dir.resolve(name);
            try {
                return folder ? Files.createDirectory(path, mode) : Files.createFile(path, mode);
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_ATTEMPTS) throw e;
            }
        }
    }

    private static Path pending(Path path) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "eeprom-temp-files"));
            hooked = true;
        }
        PENDING.add(path);
        return path;
    }

    private static void requireRunning() throws InterruptedIOException {
        if (shuttingDown) throw new InterruptedIOException("stopped by a signal: nothing written");
    }

    /** The shutdown hook: no new temporary file or commit after it starts; every pending one is deleted. */
    private static synchronized void deleteAll() {
        shuttingDown = true;
        for (Path path : new ArrayList<>(PENDING)) {
            try {
                deleteTree(path);
            } catch (IOException | RuntimeException e) {
                System.err.println("eeprom: could not delete " + path + ": " + e.getMessage());
            }
        }
        PENDING.clear();
    }

    /**
     * Deletes a file, or a folder and everything in it, also while other threads still create files in it (a
     * batch's workers, until the JVM halts): the walk is repeated until the folder is gone.
     */
    static void deleteTree(Path root) throws IOException {
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
            try {
                List<Path> paths;
                try (Stream<Path> walk = Files.walk(root)) {
                    paths = walk.sorted(Comparator.reverseOrder()).toList();
                }
                for (Path p : paths) Files.deleteIfExists(p);
                return;
            } catch (DirectoryNotEmptyException | NoSuchFileException | UncheckedIOException racedWithAWriter) {
                if (attempt == DELETE_ATTEMPTS) throw racedWithAWriter instanceof UncheckedIOException u
                        ? u.getCause() : (IOException) racedWithAWriter;
            }
        }
    }
}
