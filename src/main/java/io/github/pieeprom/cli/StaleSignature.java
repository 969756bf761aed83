package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.ConfigSignature;
import io.github.pieeprom.signing.SigFile;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The warnings about a {@code bootconf.sig} that a Pi in signed-boot mode would reject: one kept from the image
 * ({@link ConfigSignature#wentStale}), or one given with {@code --digest} that is not a {@code .sig} of the config
 * stored. The image is still written, as the reference writes it.
 */
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

    /**
     * With {@code --digest FILE} ({@code digest} not null): warns when the {@code bootconf.sig} it stored in
     * {@code written} does not parse as a {@code .sig}, or records another SHA-256 than the config stored (the
     * reference stores any bytes). Returns whether it warned.
     */
    static boolean warnDigest(EepromImage written, Path digest, Path out, PrintWriter err) {
        String problem = digest == null ? null : digestProblem(written, digest.toString());
        if (problem == null) return false;
        err.println("eeprom: warning: " + problem + ": a Pi in signed-boot mode rejects the config in "
                + Outputs.name(out) + ". Make the .sig of that config: eeprom digest CONFIG -k KEY (or eeprom sign)");
        return true;
    }

    /** What is wrong with the {@code bootconf.sig} that {@code --digest} stored in {@code written}, or null. */
    private static String digestProblem(EepromImage written, String digest) {
        byte[] stored = written.file(EepromImage.BOOTCONF_SIG).orElse(null);
        if (stored == null) return null;
        SigFile sig;
        try {
            sig = SigFile.parse(digest, stored);
        } catch (EepromException e) {
            return "--digest " + EepromException.printable(e.getMessage()) + " (not a .sig)";
        }
        if (!sig.matches(written.bootConfig())) return "--digest " + digest + ": its sha256 " + sig.sha256()
                + " is not that of the config stored (" + SigFile.sha256Hex(written.bootConfig()) + ")";
        return null;
    }
}
