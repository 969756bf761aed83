package io.github.pieeprom.signing;

import io.github.pieeprom.testing.Conformance;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/** The published test key pair in {@code conformance/test/} that signed the reference's {@code .sig} files. */
final class TestKeys {
    private TestKeys() {
    }

    static String pem(String relative) {
        return new String(Conformance.read(relative), StandardCharsets.US_ASCII);
    }

    static Signer signer() {
        return Signer.of(PemKeys.readPrivateKey(pem("test/private.pem"), "private.pem", Optional.empty()), "private.pem");
    }

    static RSAPublicKey publicKey() {
        return PemKeys.readPublicKey(pem("test/public.pem"), "public.pem");
    }
}
