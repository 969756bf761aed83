package io.github.pieeprom.signing;

import io.github.pieeprom.EepromException;
import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** PEM RSA keys read with Bouncy Castle's parser; the JDK's providers build the key objects. */
public final class PemKeys {
    private PemKeys() {
    }

    /**
     * The RSA public key in a PEM file: a public key (SubjectPublicKeyInfo or PKCS#1), or the public half of
     * an unencrypted private key (PKCS#1 or PKCS#8), as {@code rpi-eeprom-config --pubkey} accepts.
     */
    public static RSAPublicKey readPublicKey(String pem, String source) {
        Object object = parse(pem, source);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            PublicKey key;
            if (object instanceof SubjectPublicKeyInfo info) key = converter.getPublicKey(info);
            else if (object instanceof PEMKeyPair pair) key = converter.getKeyPair(pair).getPublic();
            else if (object instanceof PrivateKeyInfo info) key = publicHalf(converter, info, source);
            else throw EepromException.in(source, "expected a PEM RSA public or private key, found %s",
                        object == null ? "no PEM block" : describe(object));
            if (key instanceof RSAPublicKey rsa) return rsa;
            throw EepromException.in(source, "expected an RSA key, found a %s key", key.getAlgorithm());
        } catch (IOException e) {
            throw EepromException.in(source, "not a usable key: %s", e.getMessage());
        }
    }

    private static PublicKey publicHalf(JcaPEMKeyConverter converter, PrivateKeyInfo info, String source)
            throws IOException {
        if (converter.getPrivateKey(info) instanceof java.security.interfaces.RSAPrivateCrtKey crt) {
            try {
                return java.security.KeyFactory.getInstance("RSA").generatePublic(
                        new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            } catch (java.security.GeneralSecurityException e) {
                throw EepromException.in(source, "not a usable RSA key: %s", e.getMessage());
            }
        }
        throw EepromException.in(source, "expected an RSA private key with its public exponent");
    }

    private static Object parse(String pem, String source) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw EepromException.in(source, "not a readable PEM key: %s", e.getMessage());
        }
    }

    private static String describe(Object object) {
        return object.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
