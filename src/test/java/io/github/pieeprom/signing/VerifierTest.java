package io.github.pieeprom.signing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.testing.Conformance;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifierTest {
    private final byte[] config = Conformance.read("test/bootconf.txt");
    private final SigFile sig = SigFile.parse("bootconf.sig", Conformance.read("test/bootconf.sig"));

    @Test
    void theReferenceSignedConfigVerifiesWithThePublicKey() {
        assertThatCode(() -> Verifier.verify("bootconf.txt", config, "bootconf.sig", sig, Optional.of(TestKeys.publicKey())))
                .doesNotThrowAnyException();
    }

    @Test
    void aTamperedFileFailsTheSha256Check() {
        config[config.length - 1] ^= 1;                             // last config byte changed
        assertThatThrownBy(() -> Verifier.verify("bootconf.txt", config, "bootconf.sig", sig, Optional.empty()))
                .isInstanceOf(VerificationException.class)
                .hasMessageStartingWith("bootconf.txt: sha256 check failed: the file's is ")
                .hasMessageEndingWith(", bootconf.sig records b5b917dc53a59c23035a89d4c58606211a07d4fb6e16bd00d74457a93ea5a264");
    }

    @Test
    void aSignatureFromAnotherKeyFailsTheRsaCheck() throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new java.security.SecureRandom(new byte[] {2}));
        var other = (java.security.interfaces.RSAPublicKey) generator.generateKeyPair().getPublic();
        assertThatThrownBy(() -> Verifier.verify("bootconf.txt", config, "bootconf.sig", sig, Optional.of(other)))
                .isInstanceOf(VerificationException.class)
                .hasMessage("bootconf.txt: rsa2048 check failed: the signature in bootconf.sig does not verify with this public key");
    }

    @Test
    void aKeyWithAnUnsignedSigFailsTheRsaCheck() {
        SigFile unsigned = SigFile.of(config, 1, Optional.empty());
        assertThatThrownBy(() -> Verifier.verify("bootconf.txt", config, "b.sig", unsigned, Optional.of(TestKeys.publicKey())))
                .isInstanceOf(VerificationException.class)
                .hasMessage("bootconf.txt: rsa2048 check failed: b.sig has no rsa2048 line");
    }
}
