package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.SpecialFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of the wrong kind or for the other SoC, refused by name of the file at fault, nothing written. */
class MismatchesTest {
    private static final String PI4 = "firmware/2711-pieeprom-2020-04-16.bin", PI5 = "firmware/2712-pieeprom-2024-04-05.bin";
    @TempDir Path tmp;

    @Test
    void stageUpdateRefusesThePi5RecoveryBinForAPi4Image() throws IOException {
        Path boot = Files.createDirectories(tmp.resolve("boot"));
        Path recovery = Conformance.file("firmware/2712-recovery.bin");
        Failures.assertBadInput(Cli.run("stage-update", Conformance.file(PI4).toString(), "--to", boot.toString(),
                "--recovery", recovery.toString(), "--ts", "5"), recovery + ": is the recovery.bin for Pi 5 (2712); "
                + "the image is for Pi 4: give firmware-2711/.../recovery.bin");
        assertThat(SpecialFiles.names(boot)).isEmpty();
    }

    @Test
    void stageUpdateRefusesAFileThatIsNotARecoveryBin() throws IOException {
        Path text = Files.writeString(tmp.resolve("recovery.bin"), "not a program\n");
        Path zip = tmp.resolve("r.zip");
        Failures.assertBadInput(Cli.run("stage-update", Conformance.file(PI5).toString(), "--zip", zip.toString(),
                "--recovery", text.toString(), "--ts", "5"), text + ": not a recovery.bin: expected the SD-card program "
                + "that flashes the EEPROM (firmware-2711/ or firmware-2712/.../recovery.bin), found 14 bytes without "
                + "its RECOVERY.%03d", zip);
        Path pi5 = Conformance.file("firmware/2712-recovery.bin");
        Cli.Result good = Cli.run("stage-update", Conformance.file(PI5).toString(), "--zip", zip.toString(),
                "--recovery", pi5.toString(), "--ts", "5");
        assertThat(good.exit()).as(good.stderr()).isZero();
    }

    @Test
    void digestSocRefusesAnImageOfTheOtherSocAsSignDoes() throws IOException {
        Path image = Conformance.file(PI4), sig = tmp.resolve("pieeprom.sig");
        Failures.assertBadInput(Cli.run("digest", image.toString(), "--soc", "2712", "--ts", "5", "-o", sig.toString()),
                image + ": is a 2711 image, but --soc says 2712", sig);
        Failures.assertBadInput(Cli.run("digest", image.toString(), "--soc", "2712", "--ts", "5", "-o", sig.toString(),
                "-k", Conformance.file("test/private.pem").toString()), image + ": is a 2711 image, but --soc says 2712", sig);
        Cli.Result right = Cli.run("digest", image.toString(), "--soc", "2711", "--ts", "5", "-o", sig.toString());
        assertThat(right.exit()).as(right.stderr()).isZero();
        assertThat(Files.readString(sig)).endsWith("ts: 5\ntarget-soc: 2711\n");
    }

    @Test
    void applyWithAnImageAsTheConfigBlamesThatImage() {
        Path pi5 = Conformance.file(PI5), out = tmp.resolve("new.bin");
        Failures.assertBadInput(Cli.run("apply", Conformance.file(PI4).toString(), "-c", pi5.toString(), "-o",
                out.toString()), pi5 + ": bootconf.txt of 2097152 bytes is over the 4076-byte limit of a bootloader file",
                out);
    }
}
