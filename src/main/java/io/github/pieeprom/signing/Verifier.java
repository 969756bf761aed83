package io.github.pieeprom.signing;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * Checks a file against its {@code .sig}: the SHA-256 and, given a public key, the RSA-2048 PKCS#1 v1.5
 * signature, with the JDK's providers.
 * <pre>
 * Verifier.verify("boot.conf", config, "boot.sig", SigFile.parse("boot.sig", sigBytes), Optional.of(key));
 * </pre>
 */
public final class Verifier {
    private Verifier() {
    }

    /**
     * Throws {@link VerificationException} naming the check that failed: the SHA-256, a missing {@code rsa2048:}
     * line when a key is given, or the signature itself.
     */
    public static void verify(String file, byte[] data, String sigFile, SigFile sig, Optional<RSAPublicKey> key) {
        if (!sig.matches(data)) throw new VerificationException("%s: sha256 check failed: the file's is %s, %s records %s".formatted(
                file, SigFile.sha256Hex(data), sigFile, sig.sha256()));
        if (key.isEmpty()) return;
        byte[] signature = sig.signature().orElseThrow(() -> new VerificationException(
                "%s: rsa2048 check failed: %s has no rsa2048 line".formatted(file, sigFile)));
        if (!signatureMatches(data, signature, key.get())) throw new VerificationException(
                "%s: rsa2048 check failed: the signature in %s does not verify with this public key".formatted(file, sigFile));
    }

    /** Whether {@code signature} is the RSASSA-PKCS1-v1_5 SHA-256 signature of {@code data} under {@code key}. */
    static boolean signatureMatches(byte[] data, byte[] signature, RSAPublicKey key) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;                                  // malformed signature bytes: it does not verify
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SHA256withRSA is unavailable", e);
        }
    }
}
