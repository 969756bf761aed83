package io.github.pieeprom.signing;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageEdits;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Optional;

/**
 * Signs with an RSA-2048 private key: RSASSA-PKCS1-v1_5 over SHA-256 ({@code openssl dgst -sha256 -sign}),
 * deterministic, with the JDK's providers.
 * <pre>
 * Signer signer = Signer.of(PemKeys.readPrivateKey(pem, "private.pem", Optional.empty()), "private.pem");
 * byte[] sig = signer.sigFile(bootImg, ts, Optional.empty()).toByteArray();          // boot.sig
 * EepromImage signed = signer.signConfig(image, config, ts, Optional.empty());     // signed-boot image
 * </pre>
 */
public final class Signer {
    private final RSAPrivateCrtKey key;

    private Signer(RSAPrivateCrtKey key) {
        this.key = key;
    }

    /** A signer for a 2048-bit key, the only size the bootloader verifies; {@code source} names the key in errors. */
    public static Signer of(RSAPrivateCrtKey key, String source) {
        int bits = key.getModulus().bitLength();
        if (bits != 2048) throw EepromException.in(source, "RSA key is %d bits; the bootloader needs 2048", bits);
        return new Signer(key);
    }

    /** The 256-byte signature of {@code data}. */
    public byte[] sign(byte[] data) {
        Signature signer = signature();
        try {
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SHA256withRSA cannot sign with an RSA-2048 key", e);
        }
    }

    /** The signed {@code .sig} of {@code data}: {@code rpi-eeprom-digest -k}. */
    public SigFile sigFile(byte[] data, long ts, Optional<Soc> targetSoc) {
        return SigFile.of(data, ts, targetSoc).withSignature(sign(data));
    }

    /**
     * The signed {@code .sig} of a stream of any size, hashed and signed in one pass in constant memory; a
     * {@code targetSoc} the data's size contradicts is refused as in {@link SigFile#of(String, InputStream, long,
     * Optional)}.
     */
    public SigFile sigFile(String file, InputStream data, long ts, Optional<Soc> targetSoc) throws IOException {
        Signature signer = signature();
        SigFile.Digest digest = SigFile.digest(data, signer);
        SigFile.requireTarget(file, digest.size(), targetSoc);
        try {
            return new SigFile(digest.sha256(), ts, targetSoc, Optional.empty()).withSignature(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SHA256withRSA cannot sign with an RSA-2048 key", e);
        }
    }

    private Signature signature() {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            return signer;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SHA256withRSA cannot sign with an RSA-2048 key", e);
        }
    }

    public RSAPublicKey publicKey() {
        return publicHalf(key);
    }

    static RSAPublicKey publicHalf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's RSA key factory rejects a 2048-bit key", e);
        }
    }

    /**
     * The signed-boot image in one step: {@code config} as {@code bootconf.txt}, its signed {@code bootconf.sig}
     * and this key's {@code pubkey.bin}, byte-identical to {@code rpi-eeprom-digest -k} followed by
     * {@code rpi-eeprom-config --config --digest --pubkey}.
     */
    public EepromImage signConfig(EepromImage image, byte[] config, long ts, Optional<Soc> targetSoc) {
        return new ImageEdits().config(config).digest(sigFile(config, ts, targetSoc).toByteArray())
                .pubkey(BootloaderKey.encode(publicKey(), image.file())).applyTo(image);
    }
}
