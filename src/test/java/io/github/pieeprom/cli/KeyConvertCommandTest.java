package io.github.pieeprom.cli;

import static io.github.pieeprom.cli.Failures.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyConvertCommandTest {
    @TempDir Path tmp;
    private final String publicKey = Conformance.file("test/public.pem").toString();

    @Test
    void pemToPubkeyBinGivesTheBytesTheReferenceEmbeds() throws IOException {
        // test-pieeprom-signed.bin carries pubkey.bin made by the reference from test/public.pem
        Path bin = tmp.resolve("pubkey.bin");
        assertThat(Cli.run("key", "convert", publicKey, bin.toString()).exit()).isZero();
        EepromImage signed = EepromImage.parse("signed.bin", Conformance.read("firmware/test-pieeprom-signed.bin"));
        assertThat(Files.readAllBytes(bin)).isEqualTo(signed.file(EepromImage.PUBKEY_BIN).orElseThrow());
    }

    @Test
    void theRoundTripGivesTheOriginalPublicKeyFile() throws IOException {
        Path bin = tmp.resolve("pubkey.bin"), pem = tmp.resolve("public.pem");
        assertThat(Cli.run("key", "convert", publicKey, bin.toString()).exit()).isZero();
        Cli.Result result = Cli.run("key", "convert", bin.toString(), pem.toString());
        assertThat(result.stderr()).isEqualTo("wrote %s (PEM public key)%n", pem);
        assertThat(Files.readAllBytes(pem)).isEqualTo(Conformance.read("test/public.pem"));
    }

    @Test
    void aPrivateKeyGivesItsPublicHalf() throws IOException {
        Path bin = tmp.resolve("pubkey.bin");
        Cli.Result result = Cli.run("key", "convert", Conformance.file("test/private.pem").toString(), bin.toString());
        assertThat(result.stdout()).isEmpty();              // never the private key, not even its public half here
        assertThat(Cli.run("key", "convert", bin.toString(), "-").out())
                .isEqualTo(new String(Conformance.read("test/public.pem")));
    }

    @Test
    void a1024BitKeyIsRefused() {
        Path out = tmp.resolve("pubkey.bin");
        String small = Conformance.file("cases/keys/rsa1024-public.pem").toString();
        assertBadInput(Cli.run("key", "convert", small, out.toString()),
                small + ": RSA key is 1024 bits; the bootloader needs 2048", out);
    }

    @Test
    void aFileThatIsNeitherPemNorPubkeyBinIsRefused() throws IOException {
        Path in = tmp.resolve("junk"), out = tmp.resolve("out");
        Files.write(in, new byte[100]);
        assertBadInput(Cli.run("key", "convert", in.toString(), out.toString()),
                in + ": expected a PEM key or a 264-byte pubkey.bin, found 100 bytes of something else", out);
    }

    @Test
    void keyWithoutASubcommandIsAUsageError() {
        Cli.Result result = Cli.run("key");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("eeprom: error: Missing required subcommand: one of [convert] (see 'eeprom key --help')\n");
    }
}
