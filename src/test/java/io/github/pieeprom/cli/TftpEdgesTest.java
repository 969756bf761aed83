package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.BootPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tftp stage as a user runs it on an SD-card boot folder, with the serial /proc/cpuinfo shows and with
 * --nfs-root; tftp check on trees named by MAC and by TFTP_PREFIX_STR.
 */
class TftpEdgesTest {
    @TempDir Path tmp;

    @Test
    void anSdCardCmdlineIsStagedWithAWarningAndASixteenDigitSerialNamesItsLastEight() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        Cli.Result r = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "100000001234ABCD");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).isEqualTo("created   1234abcd/ (board 1234abcd, 10 files)\n");
        assertThat(r.stderr()).isEqualTo("eeprom: warning: " + boot.resolve("cmdline.txt") + ": root=/dev/mmcblk0p2 is "
                + "the SD card; a board that boots from the network needs its root there too (root=/dev/nfs "
                + "nfsroot=..., or --nfs-root SERVER:/PATH)\n");
        Cli.Result nfs = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "1234abcd", "--cmdline", "root=/dev/nfs nfsroot=10.0.0.1:/srv/${serial} rw ip=dhcp", "--dry-run");
        assertThat(nfs.exit()).as(nfs.stderr()).isZero();
        assertThat(nfs.stderr()).isEmpty();
    }

    @Test
    void checkReplaysATreeStagedByMacAndExitsOneWhenTheBoardCannotBoot() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        Path devices = Files.writeString(tmp.resolve("devices.csv"), "mac,hostname\nDC:A6:32:01:36:C2,rack1\n");
        Cli.Result stage = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--devices",
                devices.toString(), "--prefix", "mac");
        assertThat(stage.exit()).as(stage.stderr()).isZero();
        Map<String, String> before = snapshot(root);

        Cli.Result r = Cli.run("tftp", "check", "--root", root.toString(), "--mac", "dc-a6-32-01-36-c2");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("dc-a6-32-01-36-c2/start4.elf                 found\n")
                .contains("dc-a6-32-01-36-c2/overlays/overlay_map.dtb   found\n")
                .endsWith("dc-a6-32-01-36-c2/kernel8.img                found\n"
                        + "board dc-a6-32-01-36-c2 boots from dc-a6-32-01-36-c2/\n");

        Cli.Result other = Cli.run("tftp", "check", "--root", root.toString(), "--mac", "dc:a6:32:01:36:c3");
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.out()).startsWith("dc-a6-32-01-36-c3/start4.elf         absent: the bootloader drops the "
                + "prefix and reads the root\nstart4.elf                           missing\n")
                .endsWith("board dc-a6-32-01-36-c3 cannot boot: 5 needed file(s) missing\n");
        assertThat(other.stderr()).isEmpty();

        Cli.Result bySerial = Cli.run("tftp", "check", "--root", root.toString(), "--serial", "1234abcd");
        assertThat(bySerial.exit()).as("a MAC tree has no serial folders").isEqualTo(1);
        assertThat(bySerial.out()).endsWith("board 1234abcd cannot boot: 5 needed file(s) missing\n");

        Cli.Result bad = Cli.run("tftp", "check", "--root", root.toString(), "--mac", "dc:a6:32");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).isEqualTo("eeprom: error: Invalid value for option '--mac': expected six hex pairs "
                + "such as dc:a6:32:01:36:c2, found \"dc:a6:32\" (see 'eeprom tftp check --help')\n");
        Cli.Result both = Cli.run("tftp", "check", "--root", root.toString(), "--mac", "dc:a6:32:01:36:c2",
                "--serial", "1234abcd");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.stderr()).isEqualTo("eeprom: error: Error: --serial=S, --mac=MAC are mutually exclusive "
                + "(specify only one) (see 'eeprom tftp check --help')\n");
        assertThat(snapshot(root)).as("check reads the tree, never writes it").isEqualTo(before);
    }

    @Test
    void checkReplaysATreeStagedUnderAPrefixString() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        Cli.Result stage = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "1234abcd", "--prefix", "string", "--tftp-prefix-str", "netboot/");
        assertThat(stage.exit()).as(stage.stderr()).isZero();
        Cli.Result r = Cli.run("tftp", "check", "--root", root.toString(), "--prefix-str", "netboot/", "--model",
                "pi5");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("netboot/config.txt                   found\n"
                + "netboot/bcm2712-rpi-5-b.dtb          found\n").endsWith("board netboot boots from netboot/\n");
        Cli.Result missing = Cli.run("tftp", "check", "--root", root.toString(), "--tftp-prefix-str", "pxe/");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.out()).endsWith("board pxe cannot boot: 5 needed file(s) missing\n");
        Cli.Result bad = Cli.run("tftp", "check", "--root", root.toString(), "--prefix-str", "netboot");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).startsWith("eeprom: error: Invalid value for option '--tftp-prefix-str': expected a "
                + "relative folder").hasLineCount(1);
    }

    @Test
    void nfsRootRewritesOnlyTheRootOfTheBootFoldersOwnCmdline() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        Cli.Result r = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "1234abcd", "5678ef01", "--nfs-root", "10.0.0.1:/srv/nfs/${serial}");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).as("no SD-card warning: the root is on NFS now").isEmpty();
        // BootPartition.SD_CMDLINE with root= and rootfstype= rewritten in place and ip=dhcp added at the end
        assertThat(Files.readString(root.resolve("1234abcd/cmdline.txt"))).isEqualTo("console=serial0,115200 "
                + "console=tty1 root=10.0.0.1:/srv/nfs/1234abcd rootfstype=nfs fsck.repair=yes rootwait ip=dhcp\n");
        assertThat(Files.readString(root.resolve("5678ef01/cmdline.txt"))).isEqualTo("console=serial0,115200 "
                + "console=tty1 root=10.0.0.1:/srv/nfs/5678ef01 rootfstype=nfs fsck.repair=yes rootwait ip=dhcp\n");
        assertThat(Files.readString(boot.resolve("cmdline.txt"))).isEqualTo(BootPartition.SD_CMDLINE);
        assertThat(Files.isSameFile(root.resolve("1234abcd/cmdline.txt"), boot.resolve("cmdline.txt"))).isFalse();

        Files.writeString(boot.resolve("cmdline.txt"), "console=tty1 root=PARTUUID=abcd-02 ip=10.0.0.9::10.0.0.1:"
                + "255.255.255.0::eth0:off quiet\n");
        Cli.Result dry = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "1234abcd", "--nfs-root", "10.0.0.1:/srv/nfs/pi", "--dry-run");
        assertThat(dry.exit()).as(dry.stderr()).isZero();
        assertThat(dry.out()).contains("  cmdline.txt                  console=tty1 root=10.0.0.1:/srv/nfs/pi "
                + "ip=10.0.0.9::10.0.0.1:255.255.255.0::eth0:off quiet rootfstype=nfs\n");
    }

    @Test
    void nfsRootRefusalsAreOneLineAndStageNothing() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        Cli.Result both = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "1234abcd", "--nfs-root", "10.0.0.1:/srv/nfs/pi", "--cmdline", "root=/dev/nfs");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.stderr()).isEqualTo("eeprom: error: --nfs-root rewrites the boot folder's cmdline.txt; with "
                + "--cmdline, write root= in the template\n");
        Cli.Result bad = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "1234abcd", "--nfs-root", "/srv/nfs/pi");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).isEqualTo("eeprom: error: Invalid value for option '--nfs-root': expected "
                + "SERVER:/PATH such as 10.0.0.1:/srv/nfs/pi, found \"/srv/nfs/pi\" (see 'eeprom tftp stage --help')\n");
        Files.delete(boot.resolve("cmdline.txt"));
        Cli.Result none = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "1234abcd", "--nfs-root", "10.0.0.1:/srv/nfs/pi");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.stderr()).isEqualTo("eeprom: error: " + boot + ": no cmdline.txt for --nfs-root to rewrite: "
                + "give the whole line with --cmdline\n");
        assertThat(root).doesNotExist();
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                out.put(root.relativize(p).toString(), a.fileKey() + " " + a.lastModifiedTime().toMillis() + " "
                        + a.size());
            }
        }
        return out;
    }
}
