package io.github.pieeprom.batch;

import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import java.util.Map;

/**
 * The images a batch starts from: one per SoC ({@code --image-2711}, {@code --image-2712}) and those named in a
 * manifest's {@code image} column, keyed by the column's text.
 */
public record BaseImages(Map<Soc, EepromImage> bySoc, Map<String, EepromImage> byName) {
    public BaseImages {
        bySoc = Map.copyOf(bySoc);
        byName = Map.copyOf(byName);
    }
}
