package io.github.pieeprom.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.testing.Conformance;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ConfigSignature#wentStale}: when writing an image leaves it a {@code bootconf.sig} a Pi would reject. */
class StaleSignatureTest {
    private static final byte[] NEW_CONFIG = "[all]\nBOOT_ORDER=0xf21\n".getBytes(StandardCharsets.US_ASCII);

    private static EepromImage image(String relative) {
        return EepromImage.parse(relative, Conformance.read(relative));
    }

    @Test
    void aNewConfigUnderTheReferencesSignatureMakesItStale() {
        EepromImage signed = image("firmware/test-pieeprom-signed.bin");
        assertThat(ConfigSignature.wentStale(signed, signed.withFile(EepromImage.BOOTCONF_TXT, NEW_CONFIG))).isTrue();
    }

    @Test
    void aNewKeyUnderTheOldSignatureMakesItStale() {
        EepromImage signed = image("firmware/test-pieeprom-signed.bin");
        byte[] key = signed.file(EepromImage.PUBKEY_BIN).orElseThrow();
        key[10] ^= 0x01;                                               // a bit of the modulus
        assertThat(ConfigSignature.wentStale(signed, signed.withFile(EepromImage.PUBKEY_BIN, key))).isTrue();
    }

    @Test
    void aConfigSignedAgainOrAChangeOutsideTheConfigIsNotStale() {
        EepromImage signed = image("firmware/test-pieeprom-signed.bin");
        EepromImage resigned = TestKeys.signer().signConfig(signed, NEW_CONFIG, 1_700_000_000L, Optional.empty());
        assertThat(ConfigSignature.of(resigned).status()).isEqualTo(ConfigSignature.Status.VALID);
        assertThat(ConfigSignature.wentStale(signed, resigned)).isFalse();
        assertThat(ConfigSignature.wentStale(signed, signed.withTimestamp(1_700_000_000L))).isFalse();
    }

    @Test
    void aSignatureThatDidNotVerifyBeforeOrNoSignatureAtAllIsNotStale() {
        EepromImage signed = image("firmware/test-pieeprom-signed.bin");
        EepromImage broken = signed.withFile(EepromImage.BOOTCONF_TXT, NEW_CONFIG);
        assertThat(ConfigSignature.wentStale(broken, broken.withFile(EepromImage.BOOTCONF_TXT, "[all]\n"
                .getBytes(StandardCharsets.US_ASCII)))).isFalse();
        EepromImage unsigned = image("firmware/2712-pieeprom-2026-08-12.bin");
        assertThat(ConfigSignature.wentStale(unsigned, unsigned.withFile(EepromImage.BOOTCONF_TXT, NEW_CONFIG)))
                .isFalse();
    }
}
