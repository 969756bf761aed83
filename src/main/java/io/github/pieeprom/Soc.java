package io.github.pieeprom;

import java.util.Optional;

/** The two SoC families with an SPI EEPROM bootloader; the image size tells them apart. */
public enum Soc {
    /** Pi 4, Pi 400, CM4: 512 KiB images. */
    BCM2711("2711", 512 * 1024),
    /** Pi 5, Pi 500, CM5: 2 MiB images. */
    BCM2712("2712", 2 * 1024 * 1024);

    private final String id;
    private final int imageSize;

    Soc(String id, int imageSize) {
        this.id = id;
        this.imageSize = imageSize;
    }

    /** "2711" or "2712", as {@code rpi-eeprom-digest -c} and {@code target-soc:} spell it. */
    public String id() {
        return id;
    }

    public int imageSize() {
        return imageSize;
    }

    public static Optional<Soc> ofImageSize(long size) {
        for (Soc soc : values()) if (soc.imageSize == size) return Optional.of(soc);
        return Optional.empty();
    }

    /** Accepts "2711", "bcm2711", "pi4" and the like, case-insensitive. */
    public static Optional<Soc> parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "2711", "bcm2711", "pi4" -> Optional.of(BCM2711);
            case "2712", "bcm2712", "pi5" -> Optional.of(BCM2712);
            default -> Optional.empty();
        };
    }
}
