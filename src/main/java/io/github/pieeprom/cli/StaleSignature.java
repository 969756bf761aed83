package io.github.pieeprom.cli;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.ConfigSignature;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The warning for an image written with a new config or key but its old {@code bootconf.sig}: a Pi in signed-boot
 * mode rejects that config. The reference keeps the old signature silently; the image is still written, as it asks.
 */
final class StaleSignature {
    private StaleSignature() {
    }

    /** Warns on {@code err} when {@code written} had a signature that verified and no longer does. */
    static void warn(EepromImage source, EepromImage written, Path out, PrintWriter err) {
        if (!source.hasContent(EepromImage.BOOTCONF_SIG)) return;
        if (ConfigSignature.of(written).status() != ConfigSignature.Status.INVALID) return;
        if (ConfigSignature.of(source).status() != ConfigSignature.Status.VALID) return;
        err.println("eeprom: warning: " + Outputs.name(out) + " keeps a bootconf.sig that no longer verifies with "
                + "its config and key: a Pi in signed-boot mode rejects the config. Sign it: eeprom sign (or --digest "
                + "with a .sig from eeprom digest -k)");
    }
}
