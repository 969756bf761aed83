package io.github.pieeprom.cli;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.ConfigSignature;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The words of {@link ConfigSignature#wentStale}'s warning; the image is still written, as the reference writes it. */
final class StaleSignature {
    private StaleSignature() {
    }

    /** Warns on {@code err} when {@code written} had a signature that verified and no longer does. */
    static void warn(EepromImage source, EepromImage written, Path out, PrintWriter err) {
        if (!ConfigSignature.wentStale(source, written)) return;
        err.println("eeprom: warning: " + Outputs.name(out) + " keeps a bootconf.sig that no longer verifies with "
                + "its config and key: a Pi in signed-boot mode rejects the config. Sign it: eeprom sign (or --digest "
                + "with a .sig from eeprom digest -k)");
    }
}
