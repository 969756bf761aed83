package io.github.pieeprom.cli;

import io.github.pieeprom.image.Soc;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --soc 2711|2712} (also bcm2711, pi4, ...), as {@code rpi-eeprom-digest -c} names the SoC. */
final class SocConverter implements ITypeConverter<Soc> {
    @Override
    public Soc convert(String value) {
        return Soc.parse(value).orElseThrow(() -> new TypeConversionException(
                "expected 2711 or 2712, found '" + value + "'"));
    }
}
