package io.github.pieeprom.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted on a folder for one test: a full disk or a read-only folder, which {@code chmod} cannot
 * make for root. Skips the test, saying why, where mounting is not permitted; unmounts on close.
 * <pre>
 * try (TmpfsMount disk = TmpfsMount.of(tmp.resolve("disk"), "size=1m")) { ... disk.dir() ... }
 * </pre>
 */
public final class TmpfsMount implements AutoCloseable {
    private final Path dir;

    private TmpfsMount(Path dir) {
        this.dir = dir;
    }

    public static TmpfsMount of(Path dir, String options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String failure = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
        Assumptions.assumeTrue(failure == null, () -> "cannot mount a tmpfs here (" + failure + "); skipping");
        return new TmpfsMount(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Makes the mounted folder read-only, keeping what is in it. */
    public void remountReadOnly() throws IOException, InterruptedException {
        String failure = run("mount", "-o", "remount,ro", dir.toString());
        if (failure != null) throw new IOException("remount read-only: " + failure);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String failure = run("umount", dir.toString());
        if (failure != null) throw new IOException("umount " + dir + ": " + failure);
    }

    /** Runs a command; null when it succeeds, else its exit code and output. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = p.waitFor();
            return exit == 0 ? null : "exit " + exit + ": " + output;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
