package io.github.pieeprom.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Openssl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key files in every form openssl writes them, made by the real openssl from the test key. */
class PemKeysTest {
    private static final char[] PASSPHRASE = "correct horse".toCharArray();
    @TempDir Path tmp;

    private String openssl(String out, String... args) throws IOException {
        Openssl.run(tmp, args);
        return Files.readString(tmp.resolve(out));
    }

    private String privatePem() {
        return Conformance.file("test/private.pem").toString();
    }

    @Test
    void readsPkcs1AndPkcs8PrivateKeysAsTheSameKey() throws IOException {
        String pkcs8 = openssl("k8.pem", "pkcs8", "-topk8", "-nocrypt", "-in", privatePem(), "-out", "k8.pem");
        assertThat(pkcs8).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PemKeys.readPrivateKey(pkcs8, "k8.pem", Optional.empty()))
                .isEqualTo(PemKeys.readPrivateKey(TestKeys.pem("test/private.pem"), "private.pem", Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs1", "pkcs8"})
    void readsAnEncryptedKeyWithItsPassphrase(String form) throws IOException {
        String pem = encrypted(form);
        assertThat(PemKeys.readPrivateKey(pem, "enc.pem", Optional.of(PASSPHRASE)))
                .isEqualTo(PemKeys.readPrivateKey(TestKeys.pem("test/private.pem"), "private.pem", Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs1", "pkcs8"})
    void aWrongPassphraseIsOneLineWithoutKeyMaterial(String form) throws IOException {
        String pem = encrypted(form);
        assertThatThrownBy(() -> PemKeys.readPrivateKey(pem, "enc.pem", Optional.of("wrong".toCharArray())))
                .isInstanceOf(EepromException.class)
                .hasMessage("enc.pem: cannot decrypt the private key: wrong passphrase, or a damaged key");
    }

    @Test
    void anEncryptedKeyWithoutPassphraseSaysHowToGiveOne() throws IOException {
        String pem = encrypted("pkcs8");
        assertThatThrownBy(() -> PemKeys.readPrivateKey(pem, "enc.pem", Optional.empty()))
                .hasMessage("enc.pem: the private key is encrypted: give its passphrase with --passphrase-file or "
                        + "$EEPROM_KEY_PASSPHRASE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs1", "pkcs8"})
    void anEncryptedKeyWhereAPublicKeyIsReadIsNamedInWords(String form) throws IOException {
        String pem = encrypted(form);
        assertThatThrownBy(() -> PemKeys.readPublicKey(pem, "enc.pem")).isInstanceOf(EepromException.class)
                .hasMessage("enc.pem: expected an RSA public key, found an encrypted private key (export its public "
                        + "key with openssl pkey -pubout)");       // was: found pkcs8encrypted private key info
    }

    @Test
    void otherPemBlocksAreNamedInWordsNotByTheParsersClass() throws IOException {
        String cert = openssl("cert.pem", "req", "-x509", "-key", privatePem(), "-subj", "/CN=test", "-days", "1",
                "-out", "cert.pem");
        assertThatThrownBy(() -> PemKeys.readPublicKey(cert, "cert.pem"))
                .hasMessage("cert.pem: expected a PEM RSA public or private key, found a certificate");
        assertThatThrownBy(() -> PemKeys.readPrivateKey(cert, "cert.pem", Optional.empty()))
                .hasMessage("cert.pem: expected a PEM RSA private key, found a certificate");
        String params = openssl("ec.pem", "ecparam", "-name", "prime256v1", "-out", "ec.pem");
        assertThatThrownBy(() -> PemKeys.readPublicKey(params, "ec.pem")).hasMessage("ec.pem: expected a PEM RSA "
                + "public or private key, found a PEM block of another kind (EC PARAMETERS)");
    }

    private String encrypted(String form) throws IOException {
        String pem = form.equals("pkcs1")
                ? openssl("enc.pem", "rsa", "-in", privatePem(), "-aes256", "-traditional", "-passout",
                        "pass:" + new String(PASSPHRASE), "-out", "enc.pem")
                : openssl("enc.pem", "pkcs8", "-topk8", "-in", privatePem(), "-passout",
                        "pass:" + new String(PASSPHRASE), "-out", "enc.pem");
        assertThat(pem).containsAnyOf("Proc-Type: 4,ENCRYPTED", "BEGIN ENCRYPTED PRIVATE KEY");
        return pem;
    }

    @Test
    void aPublicKeyWhereAPrivateOneIsNeededIsRefused() {
        String publicPem = TestKeys.pem("test/public.pem");                 // outside: without the files, it skips
        assertThatThrownBy(() -> PemKeys.readPrivateKey(publicPem, "public.pem", Optional.empty()))
                .isInstanceOf(EepromException.class)
                .hasMessage("public.pem: expected an RSA private key, found a public key (signing needs the private half)");
    }

    @Test
    void keysOfAnotherAlgorithmAreNamedWithTheirArticle() throws IOException {
        String ec = openssl("ec.pem", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                "ec.pem");
        String ecPublic = openssl("ecpub.pem", "pkey", "-in", tmp.resolve("ec.pem").toString(), "-pubout", "-out",
                "ecpub.pem");
        String dsa = openssl("dsa.pem", "dsaparam", "-genkey", "-noout", "-out", "dsa.pem", "1024");
        assertThatThrownBy(() -> PemKeys.readPrivateKey(ec, "ec.pem", Optional.empty())).hasMessage(
                "ec.pem: expected an RSA private key with its public exponent, found an EC key");
        assertThatThrownBy(() -> PemKeys.readPublicKey(ecPublic, "ecpub.pem"))
                .hasMessage("ecpub.pem: expected an RSA key, found an EC key");
        assertThatThrownBy(() -> PemKeys.readPrivateKey(dsa, "dsa.pem", Optional.empty())).hasMessage(
                "dsa.pem: expected an RSA private key with its public exponent, found a DSA key");
    }

    @Test
    void aCorruptPemIsRefusedWithoutEchoingIt() {
        String pem = TestKeys.pem("test/private.pem").replace("MIIEowIBAAKCAQEA", "MIIEowIBAAKCAQEB");   // DER tag mangled
        String corrupt = pem.replaceFirst("\n[A-Za-z0-9+/]{64}\n", "\n!!!!\n");                     // one line not base64
        assertThatThrownBy(() -> PemKeys.readPrivateKey(corrupt, "bad.pem", Optional.empty()))
                .isInstanceOf(EepromException.class).hasMessageStartingWith("bad.pem: not a readable PEM key")
                .message().doesNotContain("MII").doesNotContain("\n");
        assertThatThrownBy(() -> PemKeys.readPrivateKey("hello\n", "bad.pem", Optional.empty()))
                .hasMessage("bad.pem: expected a PEM RSA private key, found no PEM block");
    }

    @Test
    void readsAPkcs1PublicKey() throws IOException {
        String pkcs1 = openssl("rsapub.pem", "rsa", "-pubin", "-in", Conformance.file("test/public.pem").toString(),
                "-RSAPublicKey_out", "-out", "rsapub.pem");
        assertThat(pkcs1).startsWith("-----BEGIN RSA PUBLIC KEY-----");
        assertThat(PemKeys.readPublicKey(pkcs1, "rsapub.pem")).isEqualTo(TestKeys.publicKey());
    }

    @Test
    void writesThePublicKeyExactlyAsOpensslDoes() {
        assertThat(PemKeys.writePublicKey(TestKeys.publicKey())).isEqualTo(TestKeys.pem("test/public.pem"));
    }
}
