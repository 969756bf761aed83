package io.github.pieeprom.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.ConfigSignature.Status;
import io.github.pieeprom.testing.Conformance;
import org.junit.jupiter.api.Test;

class ConfigSignatureTest {
    private static EepromImage image(String relative) {
        return EepromImage.parse(relative, Conformance.read(relative));
    }

    @Test
    void theReferenceSignedTestImageIsValid() {
        assertThat(ConfigSignature.of(image("firmware/test-pieeprom-signed.bin")))
                .isEqualTo(new ConfigSignature(Status.VALID, "bootconf.sig verifies with pubkey.bin"));
    }

    @Test
    void aChangedConfigByteMakesItInvalidAndSaysWhy() {
        byte[] bytes = Conformance.read("firmware/test-pieeprom-signed.bin");
        EepromImage image = EepromImage.parse("signed.bin", bytes);
        int at = image.findFile(EepromImage.BOOTCONF_TXT).orElseThrow().payloadOffset();
        bytes[at] ^= 0x20;                                   // first letter of bootconf.txt changes case
        ConfigSignature check = ConfigSignature.of(EepromImage.parse("signed.bin", bytes));
        assertThat(check.status()).isEqualTo(Status.INVALID);
        assertThat(check.detail()).startsWith("bootconf.txt: sha256 check failed");
    }

    @Test
    void aChangedPubkeyMakesTheRsaCheckFail() {
        byte[] bytes = Conformance.read("firmware/test-pieeprom-signed.bin");
        EepromImage image = EepromImage.parse("signed.bin", bytes);
        bytes[image.findFile(EepromImage.PUBKEY_BIN).orElseThrow().payloadOffset()] ^= 0x02;   // modulus bit 1
        ConfigSignature check = ConfigSignature.of(EepromImage.parse("signed.bin", bytes));
        assertThat(check).isEqualTo(new ConfigSignature(Status.INVALID,
                "bootconf.txt: rsa2048 check failed: the signature in bootconf.sig does not verify with this public key"));
    }

    @Test
    void anImageWithoutSignatureFilesIsAbsent() {
        assertThat(ConfigSignature.of(image("firmware/2712-pieeprom-2026-08-12.bin")).status()).isEqualTo(Status.ABSENT);
        assertThat(ConfigSignature.of(image("firmware/2711-pieeprom-2023-05-11.bin")).status()).isEqualTo(Status.ABSENT);
    }
}
