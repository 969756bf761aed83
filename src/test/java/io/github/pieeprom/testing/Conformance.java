package io.github.pieeprom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The real firmware and vectors in {@code ../shared/conformance} (or {@code $PIEEPROM_CONFORMANCE}), read in
 * place and never copied. Tests skip when they are absent, unless {@code PIEEPROM_REQUIRE_CONFORMANCE=1}
 * (set by {@code .ci/run}), where their absence fails.
 */
public final class Conformance {
    private Conformance() {
    }

    public static Path dir() {
        String env = System.getenv("PIEEPROM_CONFORMANCE");
        Path dir = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "conformance");
        dir = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("vectors.tsv"))) {
            String message = "conformance files not found at " + dir
                    + " (set PIEEPROM_CONFORMANCE to their folder); skipping";
            if ("1".equals(System.getenv("PIEEPROM_REQUIRE_CONFORMANCE")))
                throw new AssertionError(message.replace("; skipping", ""));
            Assumptions.abort(message);
        }
        return dir;
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }

    /** Every real image in {@code firmware/} (both SoCs, the test images), asserted not empty. */
    public static List<Path> images() {
        try (var files = Files.list(dir().resolve("firmware"))) {
            List<Path> images = files.filter(p -> p.getFileName().toString().matches(".*pieeprom.*\\.bin"))
                    .sorted().toList();
            assertThat(images).as("images in firmware/").isNotEmpty();
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(String relative) {
        try {
            return Files.readAllBytes(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
