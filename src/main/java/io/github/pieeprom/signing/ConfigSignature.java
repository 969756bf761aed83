package io.github.pieeprom.signing;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.EepromImage;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether an image's {@code bootconf.txt} carries a signature that verifies against the image's own
 * {@code pubkey.bin}, as the bootloader checks it in signed-boot mode. Needs no Bouncy Castle.
 * <pre>
 * ConfigSignature check = ConfigSignature.of(image);   // check.status() == Status.VALID, check.detail()
 * if (ConfigSignature.wentStale(image, edited)) warn("edited keeps a bootconf.sig that no longer verifies");
 * </pre>
 *
 * @param detail one sentence: why it is valid, invalid or absent
 */
public record ConfigSignature(Status status, String detail) {
    public enum Status {
        VALID, INVALID, ABSENT;

        /** "valid", "invalid" or "absent". */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static ConfigSignature of(EepromImage image) {
        String sig = EepromImage.BOOTCONF_SIG, pubkey = EepromImage.PUBKEY_BIN;
        if (!image.hasContent(sig)) return absent("no " + sig);
        if (!image.hasContent(pubkey)) return absent("no " + pubkey);
        try {
            SigFile parsed = SigFile.parse(sig, image.file(sig).orElseThrow());
            if (parsed.rsa2048().isEmpty()) return absent(sig + " has no rsa2048 line");
            Verifier.verify(EepromImage.BOOTCONF_TXT, image.bootConfig(), sig, parsed,
                    Optional.of(BootloaderKey.decode(image.file(pubkey).orElseThrow(), pubkey)));
            return new ConfigSignature(Status.VALID, "%s verifies with %s".formatted(sig, pubkey));
        } catch (EepromException | VerificationException e) {
            return new ConfigSignature(Status.INVALID, e.getMessage());
        }
    }

    /**
     * Whether {@code written}, made from {@code source} with a new config or key, keeps a {@code bootconf.sig} that
     * verified in {@code source} and no longer does: a Pi in signed-boot mode rejects that config. The reference
     * keeps the old signature silently; a caller that writes such an image should say so.
     */
    public static boolean wentStale(EepromImage source, EepromImage written) {
        return source.hasContent(EepromImage.BOOTCONF_SIG) && of(written).status() == Status.INVALID
                && of(source).status() == Status.VALID;
    }

    private static ConfigSignature absent(String detail) {
        return new ConfigSignature(Status.ABSENT, detail);
    }
}
