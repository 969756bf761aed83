package io.github.pieeprom.signing;

import io.github.pieeprom.EepromException;
import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * PEM RSA keys read with Bouncy Castle's parser; the JDK's providers build the key objects. Error messages
 * name the file and the kind of content found, never the key material.
 */
public final class PemKeys {
    /** The environment variable the CLI reads a key's passphrase from when no file is given. */
    public static final String PASSPHRASE_ENV = "EEPROM_KEY_PASSPHRASE";
    private static final Pattern PEM_LABEL = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");
    private static final String BEGIN_PUBLIC = "-----BEGIN PUBLIC KEY-----\n", END_PUBLIC = "-----END PUBLIC KEY-----\n";

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
            else if (object instanceof PEMKeyPair || object instanceof PrivateKeyInfo)
                return Signer.publicHalf(rsaPrivate(converter, object, source));
            else if (isEncrypted(object)) throw EepromException.in(source, "expected an RSA public key, found an "
                    + "encrypted private key (export its public key with openssl pkey -pubout)");
            else throw EepromException.in(source, "expected a PEM RSA public or private key, found %s",
                    describe(object, pem));
            if (key instanceof RSAPublicKey rsa) return rsa;
            throw EepromException.in(source, "expected an RSA key, found %s key", article(key.getAlgorithm()));
        } catch (IOException e) {
            throw EepromException.in(source, "not a usable key: %s", e.getMessage());
        }
    }

    /**
     * The RSA private key in a PEM file: PKCS#1 ({@code RSA PRIVATE KEY}) or PKCS#8 ({@code PRIVATE KEY}),
     * either one encrypted with {@code passphrase} ({@code Proc-Type: 4,ENCRYPTED} or {@code ENCRYPTED PRIVATE KEY}).
     */
    public static RSAPrivateCrtKey readPrivateKey(String pem, String source, Optional<char[]> passphrase) {
        Object object = parse(pem, source);
        if (isEncrypted(object)) {
            char[] secret = passphrase.orElseThrow(() -> EepromException.in(source,
                    "the private key is encrypted: give its passphrase with --passphrase-file or $%s", PASSPHRASE_ENV));
            object = decrypt(object, secret, source);
        }
        if (object instanceof SubjectPublicKeyInfo) throw EepromException.in(source,
                "expected an RSA private key, found a public key (signing needs the private half)");
        if (!(object instanceof PEMKeyPair || object instanceof PrivateKeyInfo)) throw EepromException.in(source,
                "expected a PEM RSA private key, found %s", describe(object, pem));
        try {
            return rsaPrivate(new JcaPEMKeyConverter(), object, source);
        } catch (IOException e) {
            throw EepromException.in(source, "not a usable private key: %s", e.getMessage());
        }
    }

    /** The key as {@code openssl rsa -pubout} writes it: SubjectPublicKeyInfo, base64 in 64-column lines. */
    public static String writePublicKey(RSAPublicKey key) {
        return BEGIN_PUBLIC + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()) + "\n"
                + END_PUBLIC;
    }

    /** Decrypts with Bouncy Castle's provider: the JDK's has no OpenSSL key derivation nor PKCS7Padding. */
    private static Object decrypt(Object encrypted, char[] passphrase, String source) {
        Provider provider = new BouncyCastleProvider();          // an instance, not registered globally
        try {
            if (encrypted instanceof PEMEncryptedKeyPair pair)
                return pair.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(provider).build(passphrase));
            return ((PKCS8EncryptedPrivateKeyInfo) encrypted).decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(provider).build(passphrase));
        } catch (IOException | PKCSException e) {                 // a wrong passphrase fails the padding check
            throw EepromException.in(source, "cannot decrypt the private key: wrong passphrase, or a damaged key");
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Bouncy Castle's provider cannot decrypt PKCS#8 keys", e);
        }
    }

    private static RSAPrivateCrtKey rsaPrivate(JcaPEMKeyConverter converter, Object object, String source)
            throws IOException {
        PrivateKey key = object instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                : converter.getPrivateKey((PrivateKeyInfo) object);
        if (key instanceof RSAPrivateCrtKey crt) return crt;
        throw EepromException.in(source, "expected an RSA private key with its public exponent, found %s key",
                article(key.getAlgorithm()));
    }

    private static Object parse(String pem, String source) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle's message names its own exception ("problem parsing PRIVATE KEY:
            // java.lang.IllegalArgumentException: failed to construct sequence from byte[]"): its first part is enough
            String message = String.valueOf(e.getMessage());
            String bare = message.replaceFirst(":? ?java\\.[\\w.]+(Exception|Error).*$", "");
            throw EepromException.in(source, "not a readable PEM key: %s", bare.equals(message) ? message
                    : bare + ": its content is not a key (damaged, or cut short)");
        }
    }

    private static boolean isEncrypted(Object object) {
        return object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    /** What a PEM file holds, in words: never the parser's class name. */
    private static String describe(Object object, String pem) {
        if (object == null) return "no PEM block";
        if (object instanceof X509CertificateHolder) return "a certificate";
        Matcher label = PEM_LABEL.matcher(pem);
        return label.find() ? "a PEM block of another kind (" + label.group(1) + ")" : "a PEM block of another kind";
    }

    /** {@code an EC}, {@code a DSA}: the algorithm's name with the article it is read with. */
    private static String article(String algorithm) {
        return ("AEFHILMNORSX".indexOf(algorithm.isEmpty() ? 'X' : Character.toUpperCase(algorithm.charAt(0))) >= 0
                ? "an " : "a ") + algorithm;
    }
}
