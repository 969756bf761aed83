package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Openssl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures and keys exchanged with the real openssl, with a key openssl generates. */
class OpensslInteropTest {
    @TempDir Path tmp;

    private void generateKey() {
        Openssl.run(tmp, "genrsa", "-out", "private.pem", "2048");
        Openssl.run(tmp, "rsa", "-in", "private.pem", "-pubout", "-out", "public.pem");
    }

    private Path data() throws IOException {
        byte[] bytes = new byte[1 << 20];
        new Random(5).nextBytes(bytes);
        return Files.write(tmp.resolve("boot.img"), bytes);
    }

    @Test
    void opensslVerifiesOurSignature() throws IOException {
        generateKey();
        Path data = data();
        Cli.Result result = Cli.run("digest", data.toString(), "-k", tmp.resolve("private.pem").toString(), "--ts", "1");
        assertThat(result.exit()).as(result.stderr()).isZero();
        String hex = result.out().lines().filter(l -> l.startsWith("rsa2048: ")).findFirst().orElseThrow().substring(9);
        Files.write(tmp.resolve("sig.bin"), HexFormat.of().parseHex(hex));
        assertThat(Openssl.run(tmp, "dgst", "-sha256", "-verify", "public.pem", "-signature", "sig.bin", "boot.img"))
                .isEqualTo("Verified OK\n");
    }

    @Test
    void weVerifyOpensslsSignature() throws IOException {
        generateKey();
        Path data = data();
        Openssl.run(tmp, "dgst", "-sha256", "-sign", "private.pem", "-out", "sig.bin", "boot.img");
        String sha = Openssl.run(tmp, "dgst", "-sha256", "-r", "boot.img").substring(0, 64);
        Files.writeString(tmp.resolve("boot.sig"), sha + "\nts: 1\nrsa2048: "
                + HexFormat.of().formatHex(Files.readAllBytes(tmp.resolve("sig.bin"))) + "\n");
        Cli.Result result = Cli.run("verify", data.toString(), "--sig", tmp.resolve("boot.sig").toString(),
                "-k", tmp.resolve("public.pem").toString());
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).contains("rsa2048 signature verifies");
    }

    @Test
    void aKeyConvertedToPubkeyBinAndBackIsTheOriginalPublicKey() throws IOException {
        generateKey();
        assertThat(Cli.run("key", "convert", tmp.resolve("public.pem").toString(), tmp.resolve("pubkey.bin").toString())
                .exit()).isZero();
        assertThat(Files.size(tmp.resolve("pubkey.bin"))).isEqualTo(264);
        assertThat(Cli.run("key", "convert", tmp.resolve("pubkey.bin").toString(), tmp.resolve("back.pem").toString())
                .exit()).isZero();
        assertThat(Files.readString(tmp.resolve("back.pem"))).isEqualTo(Files.readString(tmp.resolve("public.pem")));
        assertThat(Openssl.run(tmp, "rsa", "-pubin", "-in", "back.pem", "-modulus", "-noout"))
                .isEqualTo(Openssl.run(tmp, "rsa", "-in", "private.pem", "-modulus", "-noout"));
    }
}
