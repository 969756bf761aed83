package io.github.pieeprom.cli;

import static io.github.pieeprom.cli.Failures.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Hashes;
import io.github.pieeprom.testing.Openssl;
import io.github.pieeprom.testing.Vectors;
import io.github.pieeprom.testing.Vectors.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {
    @TempDir Path tmp;
    private final String privateKey = Conformance.file("test/private.pem").toString();
    private final String config = Conformance.file("cases/cfg-netboot.txt").toString();

    /**
     * The reference's two steps ({@code rpi-eeprom-digest -k private.pem [-c SOC]} with a fixed
     * SOURCE_DATE_EPOCH, then {@code rpi-eeprom-config --config --digest --pubkey public.pem}) are the
     * {@code signed-*} rows with both a digest and the test public key; one {@code eeprom sign} with the same
     * timestamp and SoC must give the same image.
     */
    @TestFactory
    Stream<DynamicTest> oneStepSigningEqualsTheReferencesTwoSteps() {
        List<Row> rows = Vectors.rows().stream().filter(r -> r.id().startsWith("signed-") && r.succeeds()
                && r.args().contains("--digest") && r.args().contains("test/public.pem")).toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(10);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.id(), () -> {
            SigFile reference = SigFile.parse("ref.sig", Conformance.read(after(row, "--digest")));
            Path out = tmp.resolve(row.id() + ".bin");
            List<String> args = new ArrayList<>(List.of("sign", Conformance.file(row.image()).toString(),
                    "--config", Conformance.file(after(row, "--config")).toString(), "-k", privateKey,
                    "--ts", Long.toString(reference.ts()), "-o", out.toString()));
            reference.targetSoc().ifPresent(soc -> args.addAll(List.of("--soc", soc.id())));
            Cli.Result result = Cli.run(args.toArray(String[]::new));
            assertThat(result.exit()).as(result.stderr()).isZero();
            assertThat(Hashes.sha256(Files.readAllBytes(out))).as(row.note()).isEqualTo(row.sha256());
        }));
    }

    private static String after(Row row, String option) {
        return row.args().get(row.args().indexOf(option) + 1);
    }

    @Test
    void reportsWhatItWroteAndThatTheReadBackVerifies() {
        Path out = tmp.resolve("out.bin");
        Cli.Result result = Cli.run("sign", Conformance.file("firmware/2712-pieeprom-2024-04-05.bin").toString(),
                "-c", config, "-k", privateKey, "--ts", "1650000000", "-o", out.toString());
        assertThat(result.stderr()).isEqualTo("wrote %s (2712, bootconf.txt 58 bytes, ts 1650000000); "
                + "bootconf.sig verifies with pubkey.bin%n", out);
        Cli.Result info = Cli.run("info", out.toString(), "--json");
        assertThat(info.out()).contains("\"signature\": \"valid\"");
    }

    @Test
    void changingASignedConfigWithoutANewSignatureWritesTheImageAndWarns() {
        Path signed = tmp.resolve("signed.bin");
        String image = Conformance.file("firmware/2712-pieeprom-2024-04-05.bin").toString();
        assertThat(Cli.run("sign", image, "-c", config, "-k", privateKey, "--ts", "1650000000", "-o",
                signed.toString()).exit()).isZero();
        Path out = tmp.resolve("changed.bin");
        Cli.Result apply = Cli.run("apply", signed.toString(), "--set", "NET_BOOT_MAX_RETRIES=7", "-o", out.toString());
        assertThat(apply.exit()).isZero();
        assertThat(apply.stderr()).endsWith("eeprom: warning: " + out + " keeps a bootconf.sig that no longer "
                + "verifies with its config and key: a Pi in signed-boot mode rejects the config. Sign it: eeprom sign "
                + "(or --digest with a .sig from eeprom digest -k)\n");
        assertThat(Cli.run("info", out.toString()).out()).contains("signature   invalid");
        Path netboot = tmp.resolve("netboot.bin");
        assertThat(Cli.run("netboot", signed.toString(), "-o", netboot.toString(), "--max-retries", "3", "--ts",
                "1650000000").stderr())
                .contains("eeprom: warning: " + netboot + " keeps a bootconf.sig that no longer verifies");
    }

    @Test
    void aNewSignatureOrAnUnchangedConfigGivesNoWarning() throws IOException {
        Path signed = tmp.resolve("signed.bin");
        String image = Conformance.file("firmware/2712-pieeprom-2024-04-05.bin").toString();
        assertThat(Cli.run("sign", image, "-c", config, "-k", privateKey, "--ts", "1650000000", "-o",
                signed.toString()).exit()).isZero();
        Path boot = Files.writeString(tmp.resolve("boot.conf"),                // a line that is no finding either
                Files.readString(Path.of(config)) + "POWER_OFF_ON_HALT=1\n");
        Path sig = tmp.resolve("boot.sig");
        assertThat(Cli.run("digest", boot.toString(), "-k", privateKey, "--ts", "1650000000", "-o", sig.toString())
                .exit()).isZero();
        Cli.Result resigned = Cli.run("apply", signed.toString(), "--config", boot.toString(), "--digest",
                sig.toString(), "-o", tmp.resolve("resigned.bin").toString());
        assertThat(resigned.stderr()).doesNotContain("warning");
        Cli.Result timestamp = Cli.run("apply", signed.toString(), "--timestamp", "1700000000", "-o",
                tmp.resolve("ts.bin").toString());
        assertThat(timestamp.stderr()).doesNotContain("warning");
        assertThat(Cli.run("info", tmp.resolve("resigned.bin").toString()).out()).contains("signature   valid");
    }

    @Test
    void aSocOtherThanTheImagesIsRefused() {
        Path out = tmp.resolve("out.bin");
        String image = Conformance.file("firmware/2711-pieeprom-2023-05-11.bin").toString();
        assertBadInput(Cli.run("sign", image, "-c", config, "-k", privateKey, "--soc", "2712", "-o", out.toString()),
                image + ": is a 2711 image, but --soc says 2712", out);
    }

    @Test
    void anImageWithoutSignatureSectionsLeavesNoOutput() {
        Path out = tmp.resolve("out.bin");
        String image = Conformance.file("firmware/2711-pieeprom-2020-04-16.bin").toString();
        Cli.Result result = Cli.run("sign", image, "-c", config, "-k", privateKey, "-o", out.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("eeprom: error: " + image + ": no bootconf.sig section").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void aPublicKeyCannotSignAnImage() throws IOException {
        Path out = tmp.resolve("out.bin");
        String publicKey = Conformance.file("test/public.pem").toString();
        assertBadInput(Cli.run("sign", Conformance.file("firmware/test-pieeprom-signed.bin").toString(), "-c", config,
                "-k", publicKey, "-o", out.toString()),
                publicKey + ": expected an RSA private key, found a public key (signing needs the private half)", out);
    }

    /** A terminal that answers {@code typed} and keeps the prompts it was shown. */
    private record Typing(String typed, List<String> prompts) implements Secrets {
        @Override
        public boolean interactive() {
            return true;
        }

        @Override
        public char[] ask(String prompt) {
            prompts.add(prompt);
            return typed.toCharArray();
        }
    }

    @Test
    void aPassphraseAskedForWithStandardOutputAsTheImageLeavesTheImageAlone() throws IOException {
        Openssl.run(tmp, "pkcs8", "-topk8", "-in", privateKey, "-passout", "pass:right", "-out", "enc.pem");
        Files.writeString(tmp.resolve("pass"), "right\n");
        String key = tmp.resolve("enc.pem").toString();
        String image = Conformance.file("firmware/2712-pieeprom-2024-04-05.bin").toString();
        Cli.Result fromFile = Cli.run("sign", image, "-c", config, "-k", key, "--passphrase-file",
                tmp.resolve("pass").toString(), "--ts", "1650000000", "-o", "-");
        assertThat(fromFile.exit()).as(fromFile.stderr()).isZero();

        Typing terminal = new Typing("right", new ArrayList<>());
        Cli.Result asked = Cli.run(terminal, "sign", image, "-c", config, "-k", key, "--passphrase", "--ts",
                "1650000000", "-o", "-");
        assertThat(asked.exit()).as(asked.stderr()).isZero();
        assertThat(terminal.prompts()).containsExactly("Passphrase for " + key + ": ");
        assertThat(asked.stdout()).isEqualTo(fromFile.stdout());
        assertThat(asked.stderr()).isEqualTo(fromFile.stderr());

        Cli.Result digest = Cli.run(new Typing("right", new ArrayList<>()), "digest", config, "-k", key,
                "--passphrase", "--ts", "1650000000");
        assertThat(digest.exit()).as(digest.stderr()).isZero();
        assertThat(digest.stdout()).isEqualTo(Conformance.read("cases/signed/cfg-netboot.nosoc.sig"));
    }

    @Test
    void aPassphraseAskedForWithoutATerminalIsAUsageErrorThatSaysSo() throws IOException {
        Openssl.run(tmp, "pkcs8", "-topk8", "-in", privateKey, "-passout", "pass:right", "-out", "enc.pem");
        String key = tmp.resolve("enc.pem").toString();
        for (String command : List.of("sign", "digest")) {
            List<String> args = new ArrayList<>(command.equals("sign")
                    ? List.of("sign", Conformance.file("firmware/2712-pieeprom-2024-04-05.bin").toString(), "-c", config)
                    : List.of("digest", config));
            args.addAll(List.of("-k", key, "--passphrase", "--ts", "1", "-o", "-"));
            Cli.Result result = Cli.run(Cli.NO_TERMINAL, args.toArray(String[]::new));
            assertThat(result.exit()).as(result.stderr()).isEqualTo(2);
            assertThat(result.stderr()).isEqualTo(
                    "eeprom: error: --passphrase: no terminal to ask on; give --passphrase-file FILE\n");
            assertThat(result.stdout()).isEmpty();
        }
    }
}
