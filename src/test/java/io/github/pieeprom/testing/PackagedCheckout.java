package io.github.pieeprom.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A copy of the checkout holding only the {@code ./eeprom} launcher, the packaged jar and the firmware samples:
 * without sources it never rebuilds, so integration tests run the launcher as a user would, on the jar
 * {@code mvn package} made.
 */
public final class PackagedCheckout {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private PackagedCheckout() {
    }

    /** Makes the copy in {@code dir}; returns it ({@code dir.resolve("eeprom")} is the launcher). */
    public static Path create(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("target"));
        Files.copy(ROOT.resolve("eeprom"), dir.resolve("eeprom"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(ROOT.resolve("target/eeprom.jar"), dir.resolve("target/eeprom.jar"));
        Files.createDirectories(dir.resolve("firmware-samples"));
        try (Stream<Path> samples = Files.list(ROOT.resolve("firmware-samples"))) {
            for (Path p : samples.toList()) Files.copy(p, dir.resolve("firmware-samples").resolve(p.getFileName()));
        }
        return dir;
    }
}
