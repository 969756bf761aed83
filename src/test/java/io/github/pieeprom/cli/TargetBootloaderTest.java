package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.SyntheticImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, the CLI side: configs checked against the bootloader of a real image (the names its boot code holds),
 * by {@code validate --image}, {@code info --properties} and every command that writes a config into an image. The
 * facts (which release first reads a name) are the firmware's, from the sweep in the issue.
 */
class TargetBootloaderTest {
    /** The last 2711 release before DNS_IP, and the first that reads it. */
    private final String BEFORE_DNS_IP = image("2711-pieeprom-2022-01-25.bin"),      // per test: without the
            FIRST_DNS_IP = image("2711-pieeprom-2022-02-04.bin");                    // conformance files, it skips
    private static final String DNS_IP_REFUSED = "DNS_IP is not read by this bootloader (BCM2711, built 2022-01-25): "
            + "the first BCM2711 release that reads it is 2022-02-04";
    @TempDir Path dir;

    private static String image(String name) {
        return Conformance.file("firmware/" + name).toString();
    }

    private String write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void everyImagesOwnConfigPassesValidateWithImageItAndACleanOnePassesStrict() throws IOException {
        List<String> failed = new ArrayList<>();
        int strictClean = 0;
        for (Path image : Conformance.images()) {
            Path own = dir.resolve(image.getFileName() + ".conf");
            Files.write(own, ImageFiles.read(image).bootConfig());
            Cli.Result r = Cli.run("validate", "--image", image.toString(), own.toString(), image.toString());
            if (r.exit() != 0) failed.add(r.out());
            if (Cli.run("validate", "--strict", "--image", image.toString(), own.toString()).exit() == 0) strictClean++;
        }
        assertThat(failed).isEmpty();
        assertThat(strictClean).as("own configs without even a warning").isGreaterThan(0);
        String image = image("2712-pieeprom-2025-09-22.bin");
        assertThat(Cli.run("validate", "--strict", "--image", image, image).exit()).isZero();
    }

    @Test
    void aNameFromANewerReleaseIsRefusedNamingTheFirstReleaseThatReadsIt() throws IOException {
        String conf = write("boot.conf", "DNS_IP=10.0.0.1\n");
        Cli.Result before = Cli.run("validate", "--image", BEFORE_DNS_IP, conf);
        assertThat(before.exit()).isEqualTo(1);
        assertThat(before.out()).isEqualTo(conf + ":1:1: error: " + DNS_IP_REFUSED + "\n");
        assertThat(Cli.run("validate", "--image", FIRST_DNS_IP, conf).exit()).isZero();
        assertThat(Cli.run("validate", conf).exit()).as("without --image: no release named").isZero();
        assertThat(Cli.run("validate", "--image", BEFORE_DNS_IP, "--soc", "2711", conf).exit()).isEqualTo(2);
        assertThat(Cli.run("validate", "--help").out()).contains("--image=IMAGE", "naming the first release");
    }

    @Test
    void infoListsTheNamesTheImagesBootloaderReads() {
        Cli.Result before = Cli.run("info", "--properties", BEFORE_DNS_IP), first = Cli.run("info", "--properties",
                FIRST_DNS_IP);
        assertThat(before.exit()).isZero();
        List<String> names = before.out().lines().toList();
        assertThat(names).contains("BOOT_ORDER", "TFTP_PREFIX", "USB_MSD_LUN_TIMEOUT").doesNotContain("DNS_IP")
                .isSorted().doesNotHaveDuplicates();
        assertThat(first.out().lines()).contains("DNS_IP");
        assertThat(Cli.run("info", "--json", FIRST_DNS_IP).out()).contains("\"properties\": [", "\"DNS_IP\"");
    }

    @Test
    void aSyntheticImageHasNoPropertyTable() throws IOException {
        Path synthetic = Files.write(dir.resolve("pi4.bin"), SyntheticImage.pi4Sample());
        Cli.Result r = Cli.run("info", "--properties", synthetic.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.stderr()).isEqualTo("eeprom: note: " + synthetic + " has no property table in its boot code: "
                + "not a Raspberry Pi release\n");
        assertThat(Cli.run("info", "--json", synthetic.toString()).out()).contains("\"properties\": []");
    }

    @Test
    void applyAndConfigWarnAboutANameTheTargetDoesNotReadAndWriteTheSameBytes() throws IOException {
        String conf = write("boot.conf", "[all]\nBOOT_ORDER=0xf21\nDNS_IP=10.0.0.1\n");
        Path applied = dir.resolve("apply.bin"), configured = dir.resolve("config.bin");
        Cli.Result apply = Cli.run("apply", BEFORE_DNS_IP, "--config", conf, "-o", applied.toString());
        assertThat(apply.exit()).isZero();
        assertThat(apply.stderr()).startsWith("eeprom: warning: " + conf + ":3:1: " + DNS_IP_REFUSED + "\n");
        Cli.Result config = Cli.run("config", "--config", conf, "--out", configured.toString(), BEFORE_DNS_IP);
        assertThat(config.exit()).isZero();
        assertThat(config.out()).isEmpty();
        assertThat(config.stderr()).isEqualTo("eeprom: warning: " + conf + ":3:1: " + DNS_IP_REFUSED + "\n");
        // the drop-in's bytes are the reference's (ConfigVectorsTest); apply writes the same
        assertThat(Files.readAllBytes(applied)).isEqualTo(Files.readAllBytes(configured));
        Cli.Result quiet = Cli.run("config", "--config", conf, "--out", dir.resolve("quiet.bin").toString(),
                FIRST_DNS_IP);
        assertThat(quiet.stderr()).doesNotContain("error").doesNotContain(DNS_IP_REFUSED);
    }

    @Test
    void strictRefusesInOneLineAndWritesNothing() throws IOException {
        String conf = write("boot.conf", "[all]\nBOOT_ORDER=0xf21\nDNS_IP=10.0.0.1\n");
        Path out = dir.resolve("out.bin");
        for (String[] args : List.of(
                new String[] {"apply", BEFORE_DNS_IP, "--strict", "--config", conf, "-o", out.toString()},
                new String[] {"config", "--strict", "--config", conf, "--out", out.toString(), BEFORE_DNS_IP},
                new String[] {"migrate", conf, BEFORE_DNS_IP, "--strict", "-o", out.toString(), "--ts", "1"},
                new String[] {"sign", BEFORE_DNS_IP, "--strict", "-c", conf, "-k",
                        Conformance.file("test/private.pem").toString(), "--ts", "1", "-o", out.toString()})) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(args[0]).isEqualTo(1);
            assertThat(r.stderr()).as(args[0]).isEqualTo("eeprom: error: " + conf + ":3:1: " + DNS_IP_REFUSED
                    + " (--strict: 1 finding; nothing written)\n");
            assertThat(out).as(args[0]).doesNotExist();
            assertThat(Path.of(out + ".sig")).as(args[0]).doesNotExist();
        }
    }

    @Test
    void migrateAndSignWarnWithoutStrict() throws IOException {
        String conf = write("boot.conf", "[all]\nBOOT_ORDER=0xf21\nDNS_IP=10.0.0.1\n");
        String warning = "eeprom: warning: " + conf + ":3:1: " + DNS_IP_REFUSED + "\n";
        Cli.Result migrate = Cli.run("migrate", conf, BEFORE_DNS_IP, "-o", dir.resolve("m.bin").toString(), "--ts",
                "1");
        assertThat(migrate.exit()).isZero();
        assertThat(migrate.stderr()).isEqualTo(warning);
        Cli.Result sign = Cli.run("sign", BEFORE_DNS_IP, "-c", conf, "-k",
                Conformance.file("test/private.pem").toString(), "--ts", "1", "-o", dir.resolve("s.bin").toString());
        assertThat(sign.exit()).isZero();
        assertThat(sign.stderr()).startsWith(warning);
    }

    /** The 2712 2023-09-13 image ships WAKE_ON_GPIO=1, which its bootloader reads but the documentation gives the
     *  Pi 4 only: a warning. */
    @Test
    void stageUpdateWarnsAboutTheImagesOwnConfigAndStrictStagesNothing() throws IOException {
        String image = image("2712-pieeprom-2023-09-13.bin");
        Path boot = Files.createDirectory(dir.resolve("boot"));
        Cli.Result strict = Cli.run("stage-update", image, "--to", boot.toString(), "--ts", "1", "--strict");
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.stderr()).startsWith("eeprom: error: " + image + " (bootconf.txt):3:1: WAKE_ON_GPIO ");
        try (var files = Files.list(boot)) {
            assertThat(files).isEmpty();
        }
        Cli.Result r = Cli.run("stage-update", image, "--to", boot.toString(), "--ts", "1");
        assertThat(r.exit()).isZero();
        assertThat(r.stderr()).startsWith("eeprom: warning: " + image + " (bootconf.txt):3:1: WAKE_ON_GPIO ");
    }

    @Test
    void netbootWarnsAboutANameItsTargetDoesNotReadAndPrintsItsNotes() {
        Path out = dir.resolve("netboot.bin");
        String old = image("2711-pieeprom-2019-09-23.bin");            // TFTP_PREFIX: read since 2019-10-08
        Cli.Result r = Cli.run("netboot", old, "-o", out.toString(), "--tftp-prefix-str", "rack1/", "--ts", "1");
        assertThat(r.exit()).isZero();
        assertThat(r.stderr()).contains("eeprom: note: TFTP_PREFIX=1 set too: the bootloader reads TFTP_PREFIX_STR "
                + "only with TFTP_PREFIX=1\n", ": TFTP_PREFIX is not read by this bootloader (BCM2711, built "
                + "2019-09-23): the first BCM2711 release that reads it is 2019-10-08\n");
        Path strictOut = dir.resolve("strict.bin");
        assertThat(Cli.run("netboot", old, "-o", strictOut.toString(), "--tftp-prefix", "serial", "--strict")
                .exit()).isEqualTo(1);
        assertThat(strictOut).doesNotExist();
    }

    @Test
    void aPrefixStringWithTheSerialOrMacPrefixIsAUsageErrorBeforeAnyInput() {
        for (String prefix : new String[] {"serial", "mac"}) {
            Cli.Result r = Cli.run("netboot", dir.resolve("absent.bin").toString(), "-o", dir.resolve("o.bin")
                    .toString(), "--tftp-prefix", prefix, "--tftp-prefix-str", "rack1/");
            assertThat(r.exit()).as(prefix).isEqualTo(2);
            assertThat(r.stderr()).as(prefix).isEqualTo("eeprom: error: --tftp-prefix-str goes with --tftp-prefix "
                    + "string (or none), not --tftp-prefix " + prefix + ": the bootloader reads TFTP_PREFIX_STR only "
                    + "with TFTP_PREFIX=1\n");
        }
    }

    @Test
    void batchWarnsOncePerFindingOfItsDistinctImagesAndStrictRefusesTheFleet() throws IOException {
        String rack = write("rack.conf", "[all]\nBOOT_ORDER=0xf21\nDNS_IP=${dns}\n");
        String manifest = write("devices.csv", "name,soc,template,dns\nnode-1,2711,rack.conf,10.0.0.53\n"
                + "node-2,2711,rack.conf,10.0.0.54\nnode-3,2711,rack.conf,10.0.0.54\n");
        Cli.Result r = Cli.run("batch", manifest, "--image-2711", BEFORE_DNS_IP, "--ts", "1", "-o",
                dir.resolve("fleet").toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEqualTo("eeprom: warning: rack.conf:3:1: " + DNS_IP_REFUSED + " (2 of 2 images)\n"
                + "wrote " + dir.resolve("fleet") + ": 3 devices, 2 images\n");

        Cli.Result strict = Cli.run("batch", manifest, "--image-2711", BEFORE_DNS_IP, "--ts", "1", "--strict", "-o",
                dir.resolve("strict").toString());
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.stderr()).isEqualTo("eeprom: error: rack.conf:3:1: " + DNS_IP_REFUSED
                + " (--strict: 1 finding; nothing written)\n");
        assertThat(dir.resolve("strict")).doesNotExist();

        Cli.Result current = Cli.run("batch", manifest, "--image-2711", FIRST_DNS_IP, "--ts", "1", "-o",
                dir.resolve("current").toString());
        assertThat(current.exit()).as(current.stderr()).isZero();
        assertThat(current.stderr()).as("read from 2022-02-04 on, but not in the documentation")
                .doesNotContain(DNS_IP_REFUSED).contains("DNS_IP is read by this bootloader", "undocumented");
        assertThat(dir.resolve("current/devices/node-3/pieeprom.bin")).exists();
    }
}
