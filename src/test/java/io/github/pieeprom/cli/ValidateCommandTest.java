package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void printsFindingsLikeACompilerAndExitsOneOnAnError() throws IOException {
        Path bad = write("bad.conf", "[all]\nMAX_RETRIES=3\nBOOT_ORDER=0x1\n");
        Cli.Result r = Cli.run("validate", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(bad + ":2:1: error: unknown property MAX_RETRIES; did you mean "
                + "NET_BOOT_MAX_RETRIES, SD_BOOT_MAX_RETRIES or MAX_RESTARTS?\n"
                + bad + ":3:12: warning: BOOT_ORDER 0x1 has no restart mode 0xf: after SD card (or eMMC) the "
                + "bootloader gives up (0xf1 tries again)\n");
        assertThat(r.stderr()).isEqualTo("1 file: 1 error, 1 warning\n");
    }

    @Test
    void warningsPassUnlessStrict() throws IOException {
        Path file = write("boot.conf", "BOOT_ORDER=0x1\n");
        assertThat(Cli.run("validate", file.toString()).exit()).isZero();
        assertThat(Cli.run("validate", "--strict", file.toString()).exit()).isEqualTo(1);
        assertThat(Cli.run("validate", "--strict", write("ok.conf", "[all]\nBOOT_ORDER=0xf1\n").toString()).exit())
                .isZero();
    }

    @Test
    void jsonOutputListsEveryFindingWithItsFile() throws IOException {
        Path bad = write("bad.conf", "BOOT_ODER=0xf21\n");
        Cli.Result r = Cli.run("validate", "--format", "json", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("""
                {
                  "files": 1,
                  "errors": 1,
                  "warnings": 0,
                  "findings": [
                    {
                      "file": "%s",
                      "line": 1,
                      "column": 1,
                      "severity": "error",
                      "key": "BOOT_ODER",
                      "message": "unknown property BOOT_ODER; did you mean BOOT_ORDER?"
                    }
                  ]
                }
                """.formatted(bad));
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void githubOutputIsOneEscapedWorkflowCommandPerFinding() throws IOException {
        Path bad = write("bad.conf", "[all]\nBOOT_ORDER=0xf81\nTFTP_PREFIX=1\n");
        Cli.Result r = Cli.run("validate", "--format", "github", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("::error file=" + bad.toString().replace(":", "%3A") + ",line=2,col=15,"
                + "title=BOOT_ORDER::BOOT_ORDER: 0x8 is not a boot mode (modes are 0x0-0x7, 0xe and 0xf) in \"0xf81\"\n"
                + "::warning file=" + bad + ",line=3,col=13,title=TFTP_PREFIX::TFTP_PREFIX=1 takes the folder from "
                + "TFTP_PREFIX_STR, which is not set\n");
    }

    @Test
    void aFolderIsSearchedForTxtAndConfFilesAtAnyDepth() throws IOException {
        write("a/ok.txt", "[all]\nBOOT_UART=1\n");
        Path nested = write("a/b/bad.conf", "BOOT_UART=2\n");
        write("a/b/notes.md", "MAX_RETRIES=3\n");
        Cli.Result r = Cli.run("validate", dir.resolve("a").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(nested + ":1:11: error: BOOT_UART: expected 0 or 1, found 2\n");
        assertThat(r.stderr()).isEqualTo("2 files: 1 error, 0 warnings\n");
    }

    @Test
    void aFolderLikeATftpRootHasOnlyItsBootloaderConfigsChecked() throws IOException {
        write("root/1234abcd/config.txt", "dtoverlay=vc4-kms-v3d\narm_64bit=1\n");
        write("root/1234abcd/cmdline.txt", "console=serial0,115200 root=/dev/nfs\n");
        write("root/README.txt", "Boot files for the rack.\n");
        Path bad = write("root/boot.conf", "BOOT_ODER=0xf21\n");
        Cli.Result r = Cli.run("validate", dir.resolve("root").toString());
        assertThat(r.out()).isEqualTo(bad + ":1:1: error: unknown property BOOT_ODER; did you mean BOOT_ORDER?\n");
        assertThat(r.stderr()).isEqualTo("1 file: 1 error, 0 warnings\n");
    }

    /** Issue 18: every 2712 release reads WAKE_ON_GPIO, so Raspberry Pi's own config is no error with --soc 2712. */
    @Test
    void anImageIsCheckedForItsOwnSocAndAPropertyItsFirmwareReadsIsNoErrorWithTheSocOption() {
        String image = Conformance.file("firmware/2712-pieeprom-2023-09-13.bin").toString();   // ships WAKE_ON_GPIO=1
        Cli.Result r = Cli.run("validate", image);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(image + ":3:1: warning: WAKE_ON_GPIO is documented for the BCM2711 (Pi 4 "
                + "family) only, but this bootloader (BCM2712, built 2023-09-13) reads it\n");   // its own table
        assertThat(Cli.run("validate", "--soc", "2712", image).exit()).isZero();
        assertThat(Cli.run("validate", "--soc", "2712", "--strict", image).exit()).isEqualTo(1);
    }

    @Test
    void theOneByteTooLargeTestConfigFailsOnItsSizeAlone() {
        String file = Conformance.file("test/bootconf-4077.txt").toString();
        Cli.Result r = Cli.run("validate", file);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(file + ": error: the file is 4077 bytes, more than the 4076 bytes an image can hold\n");
    }

    @Test
    void usageErrorsExitTwoAndAMissingFileExitsOne() {
        assertThat(Cli.run("validate").exit()).isEqualTo(2);
        assertThat(Cli.run("validate", "--format", "xml", "x.conf").exit()).isEqualTo(2);
        Cli.Result soc = Cli.run("validate", "--soc", "2710", "x.conf");
        assertThat(soc.exit()).isEqualTo(2);
        assertThat(soc.stderr()).isEqualTo("eeprom: error: --soc expects 2711 or 2712, found \"2710\"\n");
        Cli.Result missing = Cli.run("validate", dir.resolve("missing.conf").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("eeprom: error: " + dir.resolve("missing.conf") + ": no such file or folder\n");
    }
}
