package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageUpdateCommandTest {
    private static final String PI4 = "firmware/2711-pieeprom-2025-02-11.bin";
    @TempDir Path dir;

    @Test
    void stagesUpdWithTheTimestampItsSigAndTheSocsRecoveryBinFoundBesideTheImage() throws IOException {
        Path boot = Files.createDirectory(dir.resolve("bootfs"));
        Cli.Result r = Cli.run("stage-update", Conformance.file(PI4).toString(), "--to", boot.toString(), "--ts", "1700000000");
        assertThat(r.exit()).as(r.stderr()).isZero();
        byte[] upd = Files.readAllBytes(boot.resolve("pieeprom.upd"));
        EepromImage staged = EepromImage.parse("pieeprom.upd", upd);
        assertThat(staged.timestamp()).contains(1_700_000_000L);
        assertThat(upd).isEqualTo(ImageFiles.read(Conformance.file(PI4)).withTimestamp(1_700_000_000L).toByteArray());
        assertThat(Files.readString(boot.resolve("pieeprom.sig"))).isEqualTo(
                SigFile.parse("x", Files.readAllBytes(boot.resolve("pieeprom.sig"))).text())
                .endsWith("\nts: 1700000000\ntarget-soc: 2711\n");
        assertThat(SigFile.parse("pieeprom.sig", Files.readAllBytes(boot.resolve("pieeprom.sig"))).matches(upd)).isTrue();
        assertThat(Files.readAllBytes(boot.resolve("recovery.bin")))
                .isEqualTo(Conformance.read("firmware/2711-recovery.bin"));
    }

    @Test
    void theZipHasTheLayoutOfRaspberryPisRecoveryBundles() throws IOException {
        Path vl805 = Files.write(dir.resolve("vl805-000138c0.bin"), new byte[] {1, 2, 3});
        Path zip = dir.resolve("recovery.zip");
        Cli.Result r = Cli.run("stage-update", Conformance.file(PI4).toString(), "--zip", zip.toString(), "--ts",
                "1700000000", "--vl805", vl805.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : java.util.Collections.list(z.getEntries()))
                entries.put(e.getName(), z.getInputStream(e).readAllBytes());
        }
        assertThat(entries.keySet()).containsExactly("README.txt", "recovery.bin", "pieeprom.bin", "pieeprom.sig",
                "vl805.bin", "vl805.sig");
        assertThat(entries.get("pieeprom.bin")).isEqualTo(Files.readAllBytes(Conformance.file(PI4)));
        assertThat(entries.get("recovery.bin")).isEqualTo(Conformance.read("firmware/2711-recovery.bin"));
        assertThat(new String(entries.get("pieeprom.sig"), StandardCharsets.US_ASCII)).isEqualTo(
                SigFile.of(entries.get("pieeprom.bin"), 1_700_000_000L, java.util.Optional.of(io.github.pieeprom.Soc.BCM2711)).text());
        assertThat(new String(entries.get("vl805.sig"), StandardCharsets.US_ASCII))
                .isEqualTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81\n");   // sha256sum of 01 02 03
        Process unzip = new ProcessBuilder("unzip", "-tq", zip.toString()).redirectErrorStream(true).start();
        assertThat(new String(unzip.getInputStream().readAllBytes())).startsWith("No errors detected");
    }

    @Test
    void refusesAVl805ForAPi5AndAMissingRecoveryBinWritingNothing() throws IOException {
        List<String> pi5 = new ArrayList<>();
        for (Path p : Conformance.images()) if (p.getFileName().toString().startsWith("2712-")) pi5.add(p.toString());
        Path zip = dir.resolve("r.zip");
        Path vl805 = Files.write(dir.resolve("vl805.bin"), new byte[] {1});
        Cli.Result r = Cli.run("stage-update", pi5.get(0), "--zip", zip.toString(), "--vl805", vl805.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + pi5.get(0) + ": --vl805 is for Pi 4 images (2711); this image is 2712\n");
        assertThat(zip).doesNotExist();

        Path image = Files.copy(Conformance.file(PI4), dir.resolve("pieeprom.bin"));
        r = Cli.run("stage-update", image.toString(), "--to", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + image + ": no recovery.bin beside the image (looked for "
                + "2711-recovery.bin and recovery.bin): give --recovery\n");
        assertThat(dir.resolve("pieeprom.upd")).doesNotExist();
    }

    @Test
    void helpSaysOnlyUpdAndSigMatterOverTftp() {
        String phrase = "Over TFTP only pieeprom.upd + pieeprom.sig matter: the ROM never loads recovery.bin from the network";
        assertThat(Cli.run("stage-update", "--help").out().replaceAll("\\s+", "")).contains(phrase.replace(" ", ""));
    }

    @Test
    void aTargetThatIsAFileOrMissingIsSaidSo() throws IOException {
        Path image = Files.write(dir.resolve("nb.bin"), io.github.pieeprom.testing.SyntheticImage.pi4Sample());
        Path file = Files.writeString(dir.resolve("afile"), "x");
        Cli.Result r = Cli.run("stage-update", image.toString(), "--to", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + file + ": a file, not a folder: expected a mounted boot "
                + "partition\n");
        r = Cli.run("stage-update", image.toString(), "--to", dir.resolve("nosuch/dir").toString());
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + dir.resolve("nosuch/dir") + ": no such folder: expected a "
                + "mounted boot partition\n");
        r = Cli.run("boot", "set", "--root", file.toString(), "1234abcd", "installer");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + file + ": a file, not a folder: expected the TFTP root\n");
    }
}
