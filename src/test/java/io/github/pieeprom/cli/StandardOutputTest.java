package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.ConfigSignature;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.SyntheticImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -o -}: an image to standard output where a command writes one file; refused where it writes two. */
class StandardOutputTest {
    @TempDir Path tmp;

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    @Test
    void applyWritesTheSameImageToStandardOutputAsToAFile() throws IOException {
        Path pi4 = file("pi4.bin", SyntheticImage.pi4Sample());
        Path config = Files.writeString(tmp.resolve("boot.conf"), "[all]\nBOOT_ORDER=0xf21\n");
        Path out = tmp.resolve("new.bin");
        assertThat(Cli.run("apply", pi4.toString(), "-c", config.toString(), "-o", out.toString()).exit()).isZero();
        Cli.Result piped = Cli.run("apply", pi4.toString(), "-c", config.toString(), "-o", "-");
        assertThat(piped.exit()).as(piped.stderr()).isZero();
        assertThat(piped.stdout()).isEqualTo(Files.readAllBytes(out));
        assertThat(piped.stderr()).startsWith("wrote standard output (2711, bootconf.txt 23 bytes)");
    }

    @Test
    void configOutDashIsStandardOutputNotAFileNamedDash() throws IOException {
        Path pi4 = file("pi4.bin", SyntheticImage.pi4Sample());
        Cli.Result plain = Cli.run("config", pi4.toString()), dashed = Cli.run("config", "--out", "-", pi4.toString());
        assertThat(dashed.exit()).isZero();
        assertThat(dashed.stdout()).isNotEmpty().isEqualTo(plain.stdout());
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void signWritesASignedImageToStandardOutput() throws IOException {
        Path image = Conformance.file("firmware/2712-pieeprom-2024-04-05.bin");
        Path config = Conformance.file("cases/cfg-netboot.txt"), key = Conformance.file("test/private.pem");
        Path out = tmp.resolve("signed.bin");
        String[] common = {"sign", image.toString(), "-c", config.toString(), "-k", key.toString(), "--ts", "5", "-o"};
        assertThat(Cli.run(concat(common, out.toString())).exit()).isZero();
        Cli.Result piped = Cli.run(concat(common, "-"));
        assertThat(piped.exit()).as(piped.stderr()).isZero();
        assertThat(piped.stdout()).isEqualTo(Files.readAllBytes(out));
        assertThat(ConfigSignature.of(EepromImage.parse("piped", piped.stdout())).status())
                .isEqualTo(ConfigSignature.Status.VALID);
    }

    @Test
    void aStaleSignatureWarningNamesStandardOutputNotADash() throws IOException {
        Path image = Conformance.file("firmware/2712-pieeprom-2024-04-05.bin");
        Path config = Conformance.file("cases/cfg-netboot.txt"), key = Conformance.file("test/private.pem");
        Path signed = tmp.resolve("signed.bin");
        assertThat(Cli.run("sign", image.toString(), "-c", config.toString(), "-k", key.toString(), "--ts", "5",
                "-o", signed.toString()).exit()).isZero();
        Cli.Result piped = Cli.run("apply", signed.toString(), "--set", "BOOT_ORDER=0xf41", "-o", "-");
        assertThat(piped.exit()).as(piped.stderr()).isZero();
        assertThat(piped.stderr()).contains("eeprom: warning: standard output keeps a bootconf.sig that no longer "
                + "verifies");
        assertThat(EepromImage.parse("piped", piped.stdout()).bootConfig()).isNotEmpty();
    }

    @Test
    void aDryRunPrintsItsConfigSoMayNameStandardOutput() throws IOException {
        Path pi4 = file("pi4.bin", SyntheticImage.pi4Sample());
        Cli.Result netboot = Cli.run("netboot", pi4.toString(), "-o", "-", "--boot-order", "0xf21", "--dry-run");
        assertThat(netboot.exit()).as(netboot.stderr()).isZero();
        assertThat(new String(netboot.stdout(), StandardCharsets.UTF_8)).contains("BOOT_ORDER=0xf21");
        Cli.Result migrate = Cli.run("migrate", pi4.toString(), pi4.toString(), "-o", "-", "--dry-run");
        assertThat(migrate.exit()).as(migrate.stderr()).isZero();
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void anImageThatCannotBeWrittenToStandardOutputIsAnErrorNotASuccess() throws IOException {
        Path pi4 = file("pi4.bin", SyntheticImage.pi4Sample());
        OutputStream full = new OutputStream() {                   // as > /dev/full, or a pipe closed early
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        PrintStream stdout = new PrintStream(full);                 // main's System.out: it keeps errors to itself
        StringWriter err = new StringWriter();
        Console console = new Console(stdout, new PrintWriter(stdout), new PrintWriter(err, true));
        int exit = EepromCli.run(console, "apply", pi4.toString(), "--set", "BOOT_ORDER=0xf41", "-o", "-");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("eeprom: error: standard output: cannot be written (a full disk, or a "
                + "pipe closed early)\n");
    }

    @Test
    void netbootAndMigrateWriteAnImageAndItsSigSoRefuseStandardOutput() throws IOException {
        Path pi4 = file("pi4.bin", SyntheticImage.pi4Sample());
        Cli.Result netboot = Cli.run("netboot", pi4.toString(), "-o", "-", "--boot-order", "0xf21");
        assertThat(netboot.exit()).isEqualTo(2);
        assertThat(netboot.stderr()).isEqualTo("eeprom: error: -o -: netboot writes an image and its .sig beside it; "
                + "give a file name\n");
        Cli.Result migrate = Cli.run("migrate", pi4.toString(), pi4.toString(), "-o", "-");
        assertThat(migrate.exit()).isEqualTo(2);
        assertThat(migrate.stderr()).isEqualTo("eeprom: error: -o -: migrate writes an image and its .sig beside it; "
                + "give a file name\n");
        assertThat(Path.of("-")).doesNotExist();
        assertThat(Path.of("-.sig")).doesNotExist();
    }

    private static String[] concat(String[] a, String last) {
        String[] all = Arrays.copyOf(a, a.length + 1);
        all[a.length] = last;
        return all;
    }
}
