package io.github.pieeprom.cli;

import io.github.pieeprom.Soc;
import io.github.pieeprom.cli.args.Converter;

/** {@code --soc 2711|2712} (also bcm2711, pi4, ...), as {@code rpi-eeprom-digest -c} names the SoC. */
final class SocConverter {
    static final Converter<Soc> SOC = text -> Soc.parse(text).orElseThrow(() -> new IllegalArgumentException(
            "expected 2711 or 2712, found '" + text + "'"));

    private SocConverter() {
    }
}
