package io.github.pieeprom.signing;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * Checks a file against its {@code .sig}: the SHA-256 and, given a public key, the RSA-2048 PKCS#1 v1.5
 * signature, with the JDK's providers.
 * <pre>
 * Verifier.verify("boot.conf", config, "boot.sig", SigFile.parse("boot.sig", sigBytes), Optional.of(key));
 * Verifier.verify("boot.img", Files.newInputStream(path), "boot.sig", sig, Optional.of(key));   // any size
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
        check(file, SigFile.sha256Hex(data), sigFile, sig, key, signature -> signatureMatches(data, signature,
                key.orElseThrow()));
    }

    /** As {@link #verify(String, byte[], String, SigFile, Optional)}, reading a stream of any size once. */
    public static void verify(String file, InputStream data, String sigFile, SigFile sig, Optional<RSAPublicKey> key)
            throws IOException {
        Signature verifier = key.isPresent() && sig.rsa2048().isPresent() ? verifier(key.get()) : null;
        String sha256 = SigFile.digest(data, verifier).sha256();
        check(file, sha256, sigFile, sig, key, signature -> verifies(verifier, signature));
    }

    private interface SignatureCheck {
        boolean matches(byte[] signature);
    }

    private static void check(String file, String sha256, String sigFile, SigFile sig, Optional<RSAPublicKey> key,
            SignatureCheck signatureCheck) {
        if (!sig.sha256().equals(sha256)) throw new VerificationException(
                "%s: sha256 check failed: the file's is %s, %s records %s".formatted(file, sha256, sigFile, sig.sha256()));
        if (key.isEmpty()) return;
        byte[] signature = sig.signature().orElseThrow(() -> new VerificationException(
                "%s: rsa2048 check failed: %s has no rsa2048 line".formatted(file, sigFile)));
        if (!signatureCheck.matches(signature)) throw new VerificationException(
                "%s: rsa2048 check failed: the signature in %s does not verify with this public key".formatted(file, sigFile));
    }

    /** Whether {@code signature} is the RSASSA-PKCS1-v1_5 SHA-256 signature of {@code data} under {@code key}. */
    public static boolean signatureMatches(byte[] data, byte[] signature, RSAPublicKey key) {
        Signature verifier = verifier(key);
        try {
            verifier.update(data);
        } catch (java.security.SignatureException e) {
            throw new IllegalStateException("the verifier was initialised before the data", e);
        }
        return verifies(verifier, signature);
    }

    private static Signature verifier(RSAPublicKey key) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            return verifier;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SHA256withRSA is unavailable", e);
        }
    }

    private static boolean verifies(Signature verifier, byte[] signature) {
        try {
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;                                  // malformed signature bytes: it does not verify
        }
    }
}
