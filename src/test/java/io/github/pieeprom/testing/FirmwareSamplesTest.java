package io.github.pieeprom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed samples are exactly what the fixture builder makes, and they follow the real format. */
class FirmwareSamplesTest {
    @Test
    void committedSamplesAreCurrentAndParse() throws IOException {
        Map<String, byte[]> samples = FirmwareSamples.all();
        assertThat(samples).isNotEmpty();
        for (Map.Entry<String, byte[]> e : samples.entrySet()) {
            assertThat(FirmwareSamples.DIR.resolve(e.getKey())).as("regenerate with FirmwareSamples.main")
                    .hasBinaryContent(e.getValue());
            EepromImage image = EepromImage.parse(e.getKey(), e.getValue());
            assertThat(image.bootConfig()).isNotEmpty();
            assertThat(e.getKey()).contains("synthetic", "notbootable");
            assertThat(new String(e.getValue(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .contains("NOT BOOTABLE");
        }
        try (var files = Files.list(FirmwareSamples.DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin")))
                    .containsExactlyInAnyOrderElementsOf(samples.keySet());
        }
    }
}
