package io.github.pieeprom.cli;

import io.github.pieeprom.Soc;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.image.EepromImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A config named on the command line: a plain {@code bootconf.txt}, or the one inside an image (told by its size). */
record ConfigSource(BootConfig config, Optional<EepromImage> image) {
    static ConfigSource read(Path path) throws IOException {
        byte[] bytes = Inputs.read(path);
        if (Soc.ofImageSize(bytes.length).isEmpty())
            return new ConfigSource(BootConfig.parse(path.toString(), bytes), Optional.empty());
        EepromImage image = EepromImage.parse(path.toString(), bytes);
        return new ConfigSource(BootConfig.parse(path.toString(), image.bootConfig()), Optional.of(image));
    }

    /** The value of a {@code --soc} option (null when it is absent). */
    static Optional<Soc> soc(String option) {
        if (option == null) return Optional.empty();
        return Optional.of(Soc.parse(option).orElseThrow(
                () -> new UsageException("--soc expects 2711 or 2712, found \"" + option + "\"")));
    }
}
