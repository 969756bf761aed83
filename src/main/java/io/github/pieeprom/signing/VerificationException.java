package io.github.pieeprom.signing;

/**
 * A file that does not match its {@code .sig}: its SHA-256 differs, or the RSA signature does not verify with
 * the key. Unlike {@link io.github.pieeprom.EepromException} the inputs are well formed; the check failed.
 */
public final class VerificationException extends RuntimeException {
    public VerificationException(String message) {
        super(message);
    }
}
