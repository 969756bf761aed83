package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.FirmwareSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
    @TempDir Path dir;

    @Test
    void aPercentSignInAConditionalValueIsShownAsWritten() throws IOException {
        // found by BootConfigFuzzTest: the value was used as a format string
        Path file = Files.writeString(dir.resolve("pct.conf"), "[all]\n[gpio8=0]\nNETCONSOLE=%D%s\n");
        Cli.Result r = Cli.run("explain", file.toString(), "--board", "pi4");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).contains("  NETCONSOLE=%D%s                      line 3, only when [gpio8=0]\n");
    }

    @Test
    void spellsOutBootOrderRightToLeftWithAndWithoutAnSdCard() throws IOException {
        Path file = Files.writeString(dir.resolve("boot.conf"), "[all]\nBOOT_ORDER=0xf41\nNET_BOOT_MAX_RETRIES=5\n"
                + "[cm4]\nBOOT_ORDER=0xf21\n[gpio8=0]\nBOOT_ORDER=0xf7\n");
        Cli.Result r = Cli.run("explain", file.toString(), "--board", "cm4");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(file + " on a Compute Module 4 (BCM2711, filters [cm4][pi4]):\n\n"
                + "Settings that apply:\n"
                + "  NET_BOOT_MAX_RETRIES=5               line 3\n"
                + "  BOOT_ORDER=0xf21                     line 5\n\n"
                + "Settings that depend on the boot (GPIO level, serial number, tryboot, partition):\n"
                + "  BOOT_ORDER=0xf7                      line 7, only when [cm4][gpio8=0]\n\n"
                + "Defaults (not set):\n"
                + "  BOOT_UART=0                          Bootloader debug log on the UART (GPIO 14/15); Pi 5 images ship 1\n");
        assertThat(r.out()).doesNotContain("UART_BAUD").endsWith("""
                BOOT_ORDER 0xf21, read right to left:
                  1. 0x1  SD card (or eMMC)
                  2. 0x2  network (TFTP) (NET_BOOT_MAX_RETRIES=5)
                  3. 0xf  start again with the first mode

                With a bootable SD card: boots from the SD card.
                Without one: tries SD card (or eMMC), then network (TFTP) (NET_BOOT_MAX_RETRIES=5), then starts again \
                with the first mode, forever (MAX_RESTARTS=-1).
                """);
    }

    @Test
    void aBoardOfTheOtherSocThanTheImagesIsAUsageError() {
        String image = FirmwareSamples.DIR.resolve("synthetic-2711-notbootable.bin").toString();
        Cli.Result r = Cli.run("explain", image, "--board", "pi5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: --board pi5 is a BCM2712 board; " + image
                + " is a BCM2711 image\n");
        assertThat(Cli.run("explain", image, "--board", "cm4").exit()).as("a BCM2711 board is fine").isZero();
    }

    @Test
    void anImageIsExplainedForTheUsualBoardOfItsSocAndDefaultsAreShown() {
        Cli.Result r = Cli.run("explain", Conformance.file("firmware/2712-pieeprom-2024-12-19.bin").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("on a Raspberry Pi 5 (BCM2712, filters [pi5])", "  UART_BAUD=115200 ")
                .doesNotContain("  WAKE_ON_GPIO=").endsWith("""
                BOOT_ORDER 0xf461, read right to left:
                  1. 0x1  SD card (or eMMC)
                  2. 0x6  NVMe SSD
                  3. 0x4  USB mass storage
                  4. 0xf  start again with the first mode

                With a bootable SD card: boots from the SD card.
                Without one: tries SD card (or eMMC), then NVMe SSD, then USB mass storage, then starts again with \
                the first mode, forever (MAX_RESTARTS=-1).
                """);
    }

    @Test
    void modesTriedBeforeTheCardAndAMissingRestartAreSpelledOut() throws IOException {
        Path file = Files.writeString(dir.resolve("boot.conf"), "BOOT_ORDER=0x514\nSD_BOOT_MAX_RETRIES=-1\n");
        assertThat(Cli.run("explain", file.toString(), "--board", "pi5").out()).endsWith("""
                BOOT_ORDER 0x514, read right to left:
                  1. 0x4  USB mass storage
                  2. 0x1  SD card (or eMMC) (SD_BOOT_MAX_RETRIES=-1: retried forever)
                  3. 0x5  USB 2.0 mass storage on the SoC's own USB port (skipped: a Raspberry Pi 5 has no such device)

                With a bootable SD card: tries USB mass storage, then boots from the SD card.
                Without one: tries USB mass storage, then SD card (or eMMC) (SD_BOOT_MAX_RETRIES=-1: retried forever), \
                then gives up and stops: there is no restart mode 0xf.
                """);
    }

    @Test
    void aConfigFileNeedsABoard() throws IOException {
        Path file = Files.writeString(dir.resolve("boot.conf"), "[all]\n");
        Cli.Result r = Cli.run("explain", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: a config file does not say its board: give --board "
                + "pi4|pi400|cm4|cm4s|pi5|pi500|cm5\n");
        Cli.Result pi3 = Cli.run("explain", file.toString(), "--board", "pi3");
        assertThat(pi3.exit()).isEqualTo(2);
        assertThat(pi3.stderr()).isEqualTo("eeprom: error: --board expects pi4, pi400, cm4, cm4s, pi5, pi500 or cm5, "
                + "found \"pi3\"\n");
    }

    /** Issue 18: every board the section filters know, the Compute Module 4S and the Pi 500 too. */
    @Test
    void everyBoardIsInTheHelpAndAccepted() throws IOException {
        Path file = Files.writeString(dir.resolve("boot.conf"), "[all]\n");
        assertThat(Cli.run("explain", "--help").out()).contains("pi4, pi400, cm4, cm4s, pi5, pi500 or cm5");
        for (String board : new String[] {"pi4", "pi400", "cm4", "cm4s", "pi5", "pi500", "cm5"})
            assertThat(Cli.run("explain", file.toString(), "--board", board).exit()).as(board).isZero();
    }
}
