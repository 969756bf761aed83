package io.github.pieeprom.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Hashes;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignerTest {
    @ParameterizedTest
    @CsvSource({"cases/signed/cfg-netboot.2711.sig, 2711", "cases/signed/cfg-netboot.2712.sig, 2712",
            "cases/signed/cfg-netboot.nosoc.sig, ''"})
    void signsTheNetbootConfigByteForByteAsRpiEepromDigest(String expected, String soc) {
        SigFile sig = TestKeys.signer().sigFile(Conformance.read("cases/cfg-netboot.txt"), 1650000000L,
                soc == null ? Optional.empty() : Soc.parse(soc));
        assertThat(sig.toByteArray()).isEqualTo(Conformance.read(expected));
    }

    @Test
    void reproducesTheReferenceTestSuitesBootconfSig() {
        SigFile sig = TestKeys.signer().sigFile(Conformance.read("test/bootconf.txt"), 1614092425L, Optional.empty());
        assertThat(sig.toByteArray()).isEqualTo(Conformance.read("test/bootconf.sig"));
    }

    @Test
    void theSignatureVerifiesWithThePublicHalfAndNotAfterTampering() {
        byte[] data = Conformance.read("test/bootconf.txt");
        byte[] signature = TestKeys.signer().sign(data);
        assertThat(Verifier.signatureMatches(data, signature, TestKeys.publicKey())).isTrue();
        data[0] ^= 1;                                               // first config byte changed
        assertThat(Verifier.signatureMatches(data, signature, TestKeys.publicKey())).isFalse();
    }

    @Test
    void signingAConfigInOneStepEqualsTheReferencesTwoStepImage() {
        // row signed-nb2712-2712-2024-04-05: rpi-eeprom-digest -c 2712, then rpi-eeprom-config --digest --pubkey
        EepromImage image = EepromImage.parse("in.bin", Conformance.read("firmware/2712-pieeprom-2024-04-05.bin"));
        EepromImage signed = TestKeys.signer().signConfig(image, Conformance.read("cases/cfg-netboot.txt"),
                1650000000L, Optional.of(Soc.BCM2712));
        assertThat(Hashes.sha256(signed.toByteArray()))
                .isEqualTo("3c97cc49c34fc9eb7abaee3c3b957f79e105071f54812f900d7a959a0648e4fc");
        assertThat(ConfigSignature.of(signed).status()).isEqualTo(ConfigSignature.Status.VALID);
    }

    @Test
    void thePublicHalfIsTheTestPublicKey() {
        assertThat(TestKeys.signer().publicKey()).isEqualTo(TestKeys.publicKey());
    }

    @Test
    void refusesAKeyThatIsNot2048Bits() throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024, new java.security.SecureRandom(new byte[] {1}));
        var key = (java.security.interfaces.RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        assertThatThrownBy(() -> Signer.of(key, "small.pem")).isInstanceOf(io.github.pieeprom.EepromException.class)
                .hasMessage("small.pem: RSA key is 1024 bits; the bootloader needs 2048");
    }
}
