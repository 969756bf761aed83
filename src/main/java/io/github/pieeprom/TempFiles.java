package io.github.pieeprom;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    /** A step that must not be cut in half by the shutdown hook: a rename into place. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    private TempFiles() {
    }

    /** A new empty file in {@code dir} ({@link Files#createTempFile}: mode 0600), deleted if the JVM stops. */
    public static synchronized Path createFile(Path dir, String prefix, String suffix) throws IOException {
        requireRunning();
        return pending(Files.createTempFile(dir, prefix, suffix));
    }

    /** A new empty folder in {@code dir} (mode 0700), deleted with everything in it if the JVM stops. */
    public static synchronized Path createDirectory(Path dir, String prefix) throws IOException {
        requireRunning();
        return pending(Files.createTempDirectory(dir, prefix));
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
