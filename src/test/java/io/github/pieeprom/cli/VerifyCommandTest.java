package io.github.pieeprom.cli;

import static io.github.pieeprom.cli.Failures.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir Path tmp;
    private final String config = Conformance.file("test/bootconf.txt").toString();
    private final String sig = Conformance.file("test/bootconf.sig").toString();
    private final String publicKey = Conformance.file("test/public.pem").toString();

    @Test
    void checksTheSha256AndTheSignature() {
        Cli.Result result = Cli.run("verify", config, "--sig", sig, "-k", publicKey);
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).isEqualTo("%s: sha256 matches %s, rsa2048 signature verifies with %s%n"
                .formatted(config, sig, publicKey));
    }

    @Test
    void withoutAKeySaysTheSignatureWasNotChecked() {
        Cli.Result result = Cli.run("verify", config, "--sig", sig);
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("%s: sha256 matches %s (rsa2048 signature not checked: give -k PUBLIC.pem)%n"
                .formatted(config, sig));
    }

    @Test
    void acceptsTheKeyAsAPubkeyBin() {
        Path bin = tmp.resolve("pubkey.bin");
        assertThat(Cli.run("key", "convert", publicKey, bin.toString()).exit()).isZero();
        assertThat(Cli.run("verify", config, "--sig", sig, "-k", bin.toString()).exit()).isZero();
    }

    @Test
    void aTamperedFileFailsTheSha256Check() throws IOException {
        Path tampered = tmp.resolve("bootconf.txt");
        Files.writeString(tampered, Files.readString(Path.of(config)).replace("BOOT_UART=1", "BOOT_UART=0"));
        assertThat(Files.readString(tampered)).isNotEqualTo(Files.readString(Path.of(config)));
        Cli.Result result = Cli.run("verify", tampered.toString(), "--sig", sig, "-k", publicKey);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("eeprom: error: " + tampered + ": sha256 check failed: the file's is ")
                .endsWith(", " + sig + " records b5b917dc53a59c23035a89d4c58606211a07d4fb6e16bd00d74457a93ea5a264\n")
                .hasLineCount(1);
    }

    @Test
    void aSignatureFromAnotherKeyFailsTheRsaCheck() throws IOException {
        // the sha256 line stays right; one signature byte changes (the last hex digit of the rsa2048 line)
        String text = Files.readString(Path.of(sig));
        Path forged = tmp.resolve("forged.sig");
        Files.writeString(forged, text.substring(0, text.length() - 2) + (text.endsWith("7\n") ? "6\n" : "7\n"));
        assertBadInput(Cli.run("verify", config, "--sig", forged.toString(), "-k", publicKey),
                config + ": rsa2048 check failed: the signature in " + forged + " does not verify with this public key");
    }

    @Test
    void aMalformedSigLineIsNamed() throws IOException {
        Path bad = tmp.resolve("bad.sig");
        Files.writeString(bad, Files.readString(Path.of(sig)).replace("ts: ", "ts:"));
        assertBadInput(Cli.run("verify", config, "--sig", bad.toString()),
                bad + ":2: expected \"ts: \", \"target-soc: \" or \"rsa2048: \", found \"ts:1614092425\"");
    }
}
