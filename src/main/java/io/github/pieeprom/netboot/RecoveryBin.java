package io.github.pieeprom.netboot;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import java.nio.charset.StandardCharsets;

/**
 * {@code recovery.bin}, the program the boot ROM runs from an SD card to flash the EEPROM, told apart from other
 * files and the Pi 4's from the Pi 5's by its own text. Every {@code recovery.bin} in the history of
 * raspberrypi/rpi-eeprom (174 files, 2019-2026, {@code firmware/}, {@code firmware-2711/} and
 * {@code firmware-2712/}) holds {@code RECOVERY.%03d}, the name it renames itself to once it has flashed, which no
 * EEPROM image holds; each Pi 5 one, and none for the Pi 4, names the Pi 5's RP1 chip ({@code RP1_BOOT}).
 * <pre>
 * byte[] recovery = RecoveryBin.requireFor("recovery.bin", bytes, image.soc());
 * </pre>
 */
public final class RecoveryBin {
    private static final String MARKER = "RECOVERY.%03d", PI5 = "RP1_BOOT";

    private RecoveryBin() {
    }

    /** The SoC a {@code recovery.bin} is for; a file that is not one is refused, naming {@code file}. */
    public static Soc socOf(String file, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);     // one char per byte: offsets kept
        if (!text.contains(MARKER)) throw EepromException.in(file, "not a recovery.bin: expected the SD-card "
                + "program that flashes the EEPROM (firmware-2711/ or firmware-2712/.../recovery.bin), found %d bytes "
                + "without its %s", bytes.length, MARKER);
        return text.contains(PI5) ? Soc.BCM2712 : Soc.BCM2711;
    }

    /** {@code bytes}, when they are a {@code recovery.bin} for {@code soc}; else one line naming {@code file}. */
    public static byte[] requireFor(String file, byte[] bytes, Soc soc) {
        Soc found = socOf(file, bytes);
        if (found != soc) throw EepromException.in(file, "is the recovery.bin for %s (%s); the image is for %s: give "
                + "firmware-%s/.../recovery.bin", board(found), found.id(), board(soc), soc.id());
        return bytes;
    }

    private static String board(Soc soc) {
        return soc == Soc.BCM2711 ? "Pi 4" : "Pi 5";
    }
}
