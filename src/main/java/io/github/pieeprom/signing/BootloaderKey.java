package io.github.pieeprom.signing;

import io.github.pieeprom.EepromException;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * The bootloader's {@code pubkey.bin}: an RSA-2048 public key as 264 bytes, the modulus (256 bytes) then the
 * exponent (8 bytes), both little-endian. {@code tools/rpi-bootloader-key-convert} and the 2712 boot code
 * trailer use the same layout.
 */
public final class BootloaderKey {
    public static final int LENGTH = 264;
    private static final int MODULUS_LENGTH = 256, EXPONENT_LENGTH = 8;

    private BootloaderKey() {
    }

    /** Encodes a 2048-bit RSA public key; {@code source} names it in the error for any other size. */
    public static byte[] encode(RSAPublicKey key, String source) {
        int bits = key.getModulus().bitLength();
        if (bits != 2048) throw EepromException.in(source, "RSA key is %d bits; the bootloader needs 2048", bits);
        if (key.getPublicExponent().bitLength() > EXPONENT_LENGTH * 8) throw EepromException.in(source,
                "RSA public exponent does not fit 8 bytes");
        byte[] out = new byte[LENGTH];
        littleEndian(key.getModulus(), out, 0, MODULUS_LENGTH);
        littleEndian(key.getPublicExponent(), out, MODULUS_LENGTH, EXPONENT_LENGTH);
        return out;
    }

    /** Decodes {@code pubkey.bin} bytes back into a public key. */
    public static RSAPublicKey decode(byte[] bytes, String source) {
        if (bytes.length != LENGTH) throw EepromException.in(source, "expected a %d-byte pubkey.bin, found %d bytes",
                LENGTH, bytes.length);
        BigInteger modulus = fromLittleEndian(bytes, 0, MODULUS_LENGTH);
        BigInteger exponent = fromLittleEndian(bytes, MODULUS_LENGTH, EXPONENT_LENGTH);
        if (modulus.bitLength() != 2048 || exponent.signum() == 0) throw EepromException.in(source,
                "not an RSA-2048 key (modulus %d bits, exponent %s)", modulus.bitLength(), exponent);
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw EepromException.in(source, "not a usable RSA key: %s", e.getMessage());
        }
    }

    private static void littleEndian(BigInteger value, byte[] out, int offset, int length) {
        byte[] be = value.toByteArray();                        // big-endian, maybe with a leading sign byte
        for (int i = 0; i < length && i < be.length; i++) out[offset + i] = be[be.length - 1 - i];
    }

    private static BigInteger fromLittleEndian(byte[] bytes, int offset, int length) {
        byte[] be = new byte[length];
        for (int i = 0; i < length; i++) be[i] = bytes[offset + length - 1 - i];
        return new BigInteger(1, be);
    }
}
