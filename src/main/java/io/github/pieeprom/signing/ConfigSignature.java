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

    private static ConfigSignature absent(String detail) {
        return new ConfigSignature(Status.ABSENT, detail);
    }
}
