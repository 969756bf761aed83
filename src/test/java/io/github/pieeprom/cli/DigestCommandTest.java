package io.github.pieeprom.cli;

import static io.github.pieeprom.cli.Failures.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Openssl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestCommandTest {
    @TempDir Path tmp;
    private final String config = Conformance.file("cases/cfg-netboot.txt").toString();
    private final String privateKey = Conformance.file("test/private.pem").toString();

    @Test
    void writesTheSignedSigWithTargetSocAsRpiEepromDigest() throws IOException {
        Path out = tmp.resolve("out.sig");
        Cli.Result result = Cli.run("digest", config, "-k", privateKey, "--ts", "1650000000", "--soc", "2712",
                "-o", out.toString());
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Conformance.read("cases/signed/cfg-netboot.2712.sig"));
    }

    @Test
    void writesToStandardOutputWithoutO() {
        Cli.Result result = Cli.run("digest", config, "--ts", "1650000000");
        assertThat(result.exit()).isZero();
        assertThat(result.stdout()).isEqualTo(Conformance.read("cases/signed/cfg-netboot.unsigned.sig"));
    }

    @Test
    void delegatesSigningToAnHsmWrapperCalledAsRpiEepromDigestCallsIt() throws IOException {
        Path wrapper = tmp.resolve("hsm-sign");
        Files.writeString(wrapper, """
                #!/bin/sh
                # rpi-eeprom-digest -H calls: WRAPPER -a rsa2048-sha256 FILE, and reads hex from stdout
                [ "$1" = -a ] && [ "$2" = rsa2048-sha256 ] && [ $# = 3 ] || { echo "bad arguments: $*" >&2; exit 2; }
                openssl dgst -sha256 -sign '%s' "$3" | od -An -v -tx1 | tr -d ' \\n'
                echo
                """.formatted(privateKey));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        Cli.Result result = Cli.run("digest", Conformance.file("test/bootconf.txt").toString(), "--ts", "1614092425",
                "--hsm-wrapper", wrapper.toString());
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo(Conformance.read("test/bootconf.sig"));
    }

    @Test
    void aFailingHsmWrapperLeavesNoSig() throws IOException {
        Path wrapper = tmp.resolve("hsm-fail");
        Files.writeString(wrapper, "#!/bin/sh\nexit 3\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        Path out = tmp.resolve("out.sig");
        assertBadInput(Cli.run("digest", config, "--hsm-wrapper", wrapper.toString(), "-o", out.toString()),
                wrapper + ": HSM wrapper exited with status 3", out);
    }

    @Test
    void aPublicKeyCannotSign() {
        Path out = tmp.resolve("out.sig");
        String publicKey = Conformance.file("test/public.pem").toString();
        assertBadInput(Cli.run("digest", config, "-k", publicKey, "-o", out.toString()),
                publicKey + ": expected an RSA private key, found a public key (signing needs the private half)", out);
    }

    @Test
    void a1024BitKeyIsRefused() {
        Openssl.run(tmp, "genrsa", "-out", "small.pem", "1024");
        Path out = tmp.resolve("out.sig");
        String key = tmp.resolve("small.pem").toString();
        assertBadInput(Cli.run("digest", config, "-k", key, "-o", out.toString()),
                key + ": RSA key is 1024 bits; the bootloader needs 2048", out);
    }

    @Test
    void aWrongPassphraseFromAFileIsRefused() throws IOException {
        Openssl.run(tmp, "pkcs8", "-topk8", "-in", privateKey, "-passout", "pass:right", "-out", "enc.pem");
        Files.writeString(tmp.resolve("pass"), "wrong\n");
        Path out = tmp.resolve("out.sig");
        String key = tmp.resolve("enc.pem").toString();
        assertBadInput(Cli.run("digest", config, "-k", key, "--passphrase-file", tmp.resolve("pass").toString(),
                "-o", out.toString()), key + ": cannot decrypt the private key: wrong passphrase, or a damaged key", out);
    }

    @Test
    void theRightPassphraseFromAFileSigns() throws IOException {
        Openssl.run(tmp, "pkcs8", "-topk8", "-in", privateKey, "-passout", "pass:right", "-out", "enc.pem");
        Files.writeString(tmp.resolve("pass"), "right\n");
        Cli.Result result = Cli.run("digest", config, "-k", tmp.resolve("enc.pem").toString(), "--passphrase-file",
                tmp.resolve("pass").toString(), "--ts", "1650000000");
        assertThat(result.stdout()).isEqualTo(Conformance.read("cases/signed/cfg-netboot.nosoc.sig"));
    }

    @Test
    void aPemWhoseBodyIsCutShortOrAWrapperThatCannotRunIsOneLineWithoutJavaNames() throws IOException {
        Path key = Files.writeString(tmp.resolve("short.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Path out = tmp.resolve("out.sig");
        assertBadInput(Cli.run("digest", config, "-k", key.toString(), "-o", out.toString()),
                key + ": not a readable PEM key: problem parsing PRIVATE KEY: its content is not a key (damaged, or cut "
                        + "short)", out);
        Path missing = tmp.resolve("no-such-wrapper");
        assertBadInput(Cli.run("digest", config, "--hsm-wrapper", missing.toString(), "-o", out.toString()),
                missing + ": cannot run the HSM wrapper: No such file or directory", out);
    }

    @Test
    void aCorruptPemIsOneLine() throws IOException {
        Path key = tmp.resolve("corrupt.pem");
        Files.writeString(key, Files.readString(Path.of(privateKey)).replace("-----END RSA PRIVATE KEY-----", ""));
        Path out = tmp.resolve("out.sig");
        assertBadInput(Cli.run("digest", config, "-k", key.toString(), "-o", out.toString()),
                key + ": not a readable PEM key: -----END RSA PRIVATE KEY----- not found", out);
    }

    @Test
    void aKeyAndAnHsmWrapperTogetherAreAUsageError() {
        Cli.Result result = Cli.run("digest", config, "-k", privateKey, "--hsm-wrapper", "x");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("eeprom: error: give -k or --hsm-wrapper, not both\n");
    }

    @Test
    void anUnknownSocIsAUsageError() {
        Cli.Result result = Cli.run("digest", config, "--soc", "2710");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("eeprom: error: Invalid value for option '--soc': expected 2711 or 2712, found '2710'");
    }
}
