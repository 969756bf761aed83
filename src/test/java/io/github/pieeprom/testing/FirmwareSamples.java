package io.github.pieeprom.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The synthetic images committed in {@code firmware-samples/}. Regenerate them after changing
 * {@link SyntheticImage} with {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.pieeprom.testing.FirmwareSamples}; a test checks the committed files are current.
 */
public final class FirmwareSamples {
    public static final Path DIR = Path.of("firmware-samples");

    private FirmwareSamples() {
    }

    public static Map<String, byte[]> all() {
        Map<String, byte[]> samples = new LinkedHashMap<>();
        samples.put("synthetic-2711-notbootable.bin", SyntheticImage.pi4Sample());
        samples.put("synthetic-2712-notbootable.bin", SyntheticImage.pi5Sample());
        samples.put("synthetic-2712-ab-notbootable.bin", SyntheticImage.pi5AbSample());
        return samples;
    }

    public static void main(String[] args) throws IOException {
        Files.createDirectories(DIR);
        for (Map.Entry<String, byte[]> e : all().entrySet()) Files.write(DIR.resolve(e.getKey()), e.getValue());
    }
}
