package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.SyntheticImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eeprom status} against a folder laid out like raspberrypi/rpi-eeprom, built from synthetic images. */
class StatusCommandTest {
    static final long DEC = 1_764_547_200L, JAN = 1_767_225_600L, FEB = 1_769_904_000L, MAR = 1_772_323_200L;
    @TempDir Path tmp;
    Path releases, jan, feb, mar;

    @BeforeEach
    void layOutARepository() throws IOException {
        releases = tmp.resolve("rpi-eeprom");
        Path fw = Files.createDirectories(releases.resolve("firmware-2712"));
        write(fw.resolve("default/pieeprom-2026-01-01.bin"), sample(JAN));
        write(fw.resolve("latest/pieeprom-2026-01-01.bin"), sample(JAN));   // same release again
        write(fw.resolve("latest/pieeprom-2026-02-01.bin"), sample(FEB));
        write(fw.resolve("old/beta/pieeprom-2025-12-01.bin"), sample(DEC));
        Files.createSymbolicLink(fw.resolve("beta"), Path.of("latest"));
        Files.createSymbolicLink(fw.resolve("stable"), Path.of("latest"));
        Files.createSymbolicLink(fw.resolve("critical"), Path.of("default"));
        Files.writeString(fw.resolve("release-notes.md"), "# notes\n");
        write(fw.resolve("latest/recovery.bin"), new byte[100]);
        jan = write(tmp.resolve("boards/a/pieeprom.bin"), sample(JAN));
        feb = write(tmp.resolve("boards/b/pieeprom.bin"), sample(FEB));
        mar = write(tmp.resolve("mar.bin"), sample(MAR));
    }

    private static final java.util.Map<Long, byte[]> SAMPLES = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] sample(long buildTimestamp) {
        return SAMPLES.computeIfAbsent(buildTimestamp, SyntheticImage::pi5Sample);
    }

    private static Path write(Path path, byte[] bytes) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.write(path, bytes);
    }

    @Test
    void behindHasItsOwnExitCodeListedInTheHelpAndAnUnreadableImageIsStillOne() throws IOException {
        Cli.Result help = Cli.run("status", "--help");
        assertThat(help.out()).contains("""
                Exit codes:
                  0   Every image is on the newest release of its channel.
                  1   Bad input: a file cannot be read, or is not an image.
                  2   Usage error.
                  3   An image is behind: a newer release exists.
                """);
        Path broken = Files.write(tmp.resolve("broken.bin"), new byte[512 * 1024]);    // image-sized, no sections
        Cli.Result r = Cli.run("status", jan.toString(), broken.toString(), "--releases", releases.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("eeprom: error: " + broken).hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void saysHowManyReleasesEachImageIsBehindCountingEachReleaseOnce() {
        Cli.Result r = Cli.run("status", jan.toString(), feb.toString(), mar.toString(), "--releases", releases.toString());
        assertThat(r.exit()).as("behind").isEqualTo(3);
        assertThat(r.out()).isEqualTo("""
                %s  2712  2026-01-01 (5a4e7e12)  1 release behind (newest 2026-02-01 in latest)
                %s  2712  2026-02-01 (697e9780)  up to date
                %s  2712  2026-03-01 (69a38180)  newer than any release in %s (newest there 2026-02-01 in latest)
                3 images, 1 behind
                """.formatted(jan, feb, mar, releases));
    }

    @Test
    void aChannelLimitsTheComparisonAndAllCurrentExitsZero() {
        Cli.Result r = Cli.run("status", jan.toString(), "--releases", releases.resolve("firmware-2712").toString(),
                "--channel", "default");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(jan + "  2712  2026-01-01 (5a4e7e12)  up to date\n");
        Path folder = releases.resolve("firmware-2712");
        Cli.Result typo = Cli.run("status", jan.toString(), "--releases", folder.toString(), "--channel", "defualt");
        assertThat(typo.exit()).as("a misspelt channel is not 'up to date'").isEqualTo(1);
        assertThat(typo.stderr()).startsWith("eeprom: error: " + folder + ": no release in a channel defualt (channels "
                + "here: ").contains("default", "latest").endsWith(")\n");
    }

    @Test
    void aFolderOfImagesIsSearchedAndJsonListsEachImage() {
        Cli.Result r = Cli.run("status", tmp.resolve("boards").toString(), "--releases", releases.toString(), "--json");
        assertThat(r.exit()).as("behind").isEqualTo(3);
        assertThat(r.out()).isEqualTo("""
                [
                  {
                    "file": "%s",
                    "soc": "2712",
                    "build": {
                      "timestamp": 1767225600,
                      "date": "2026-01-01",
                      "version": "5a4e7e12"
                    },
                    "status": "behind",
                    "behind": 1,
                    "newest": {
                      "date": "2026-02-01",
                      "version": "697e9780",
                      "channel": "latest",
                      "file": "%s"
                    }
                  },
                  {
                    "file": "%s",
                    "soc": "2712",
                    "build": {
                      "timestamp": 1769904000,
                      "date": "2026-02-01",
                      "version": "697e9780"
                    },
                    "status": "current",
                    "behind": 0,
                    "newest": {
                      "date": "2026-02-01",
                      "version": "697e9780",
                      "channel": "latest",
                      "file": "%s"
                    }
                  }
                ]
                """.formatted(jan, newest(), feb, newest()));
    }

    @Test
    void aBatchOutputGivesOneRowPerBoardNotOnePerStoredImage() throws IOException {
        Path manifest = Files.writeString(tmp.resolve("devices.csv"), "name,soc,set:BOOT_ORDER\nnode-a,2712,0xf21\n"
                + "node-b,2712,0xf21\n");
        Path out = tmp.resolve("fleet");
        Cli.Result batch = Cli.run("batch", manifest.toString(), "--image-2712", jan.toString(), "-o", out.toString(),
                "--ts", "1700000000");
        assertThat(batch.exit()).as(batch.stderr()).isZero();
        Cli.Result r = Cli.run("status", out.toString(), "--releases", releases.toString());
        assertThat(r.exit()).as("behind").isEqualTo(3);
        assertThat(r.out()).isEqualTo("""
                %s  2712  2026-01-01 (5a4e7e12)  1 release behind (newest 2026-02-01 in latest)
                %s  2712  2026-01-01 (5a4e7e12)  1 release behind (newest 2026-02-01 in latest)
                2 images, 2 behind
                """.formatted(out.resolve("devices/node-a/pieeprom.bin"), out.resolve("devices/node-b/pieeprom.bin")));
    }

    @Test
    void anImageOfTheOtherSocHasNoReleasesToCompareWith() throws IOException {
        Path pi4 = write(tmp.resolve("pi4.bin"), SyntheticImage.pi4Sample());
        Cli.Result r = Cli.run("status", pi4.toString(), "--releases", releases.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("no 2711 releases in " + releases);
    }

    private String newest() {
        try {
            return releases.toRealPath().resolve("firmware-2712/latest/pieeprom-2026-02-01.bin").toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
