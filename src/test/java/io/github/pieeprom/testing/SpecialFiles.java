package io.github.pieeprom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Files that are not regular files, made in a test's own temp folder with the system's tools: a null device
 * ({@code mknod c 1 3}, as /dev/null), a full device ({@code c 1 7}, as /dev/full) and a FIFO. The real /dev is
 * never touched. Skips the test, saying why, where they cannot be made (mknod needs root).
 */
public final class SpecialFiles {
    private SpecialFiles() {
    }

    public static Path nullDevice(Path path) throws IOException, InterruptedException {
        return make(path, "mknod", path.toString(), "c", "1", "3");
    }

    /** Every write fails with ENOSPC ("No space left on device"), as on /dev/full. */
    public static Path fullDevice(Path path) throws IOException, InterruptedException {
        return make(path, "mknod", path.toString(), "c", "1", "7");
    }

    public static Path fifo(Path path) throws IOException, InterruptedException {
        return make(path, "mkfifo", path.toString());
    }

    /** A character device, FIFO or socket: not a regular file, folder or link. */
    public static boolean isSpecial(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }

    /** Every name in a folder, hidden ones too, sorted: what a test expects to be left there. */
    public static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path make(Path path, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = p.waitFor();
        Assumptions.assumeTrue(exit == 0, () -> String.join(" ", command) + " failed (" + output + "); skipping");
        assertThat(isSpecial(path)).as(path + " is a special file").isTrue();
        return path;
    }
}
