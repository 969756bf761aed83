package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.testing.BootPartition;
import io.github.pieeprom.testing.FirmwareSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TftpStageCommandTest {
    private static final String NFS = "console=serial0,115200 root=/dev/nfs nfsroot=${server}:/srv/nfs/${serial},vers=4 "
            + "rw ip=dhcp rootwait";
    private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");
    @TempDir Path tmp;
    Path boot, root;

    @BeforeEach
    void boot() throws IOException {
        boot = BootPartition.create(tmp.resolve("boot"));
        root = tmp.resolve("tftp");
    }

    private Cli.Result stage(String... extra) {
        List<String> args = new ArrayList<>(List.of("tftp", "stage", "--boot", boot.toString(), "--root", root.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void stagesEachBoardAndReportsUnchangedOnTheSecondRun() {
        Cli.Result r = stage("--serial", "1234ABCD", "5678ef01", "--cmdline", NFS, "--var", "server=10.0.0.1");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).isEqualTo("created   1234abcd/ (board 1234abcd, 10 files)\n"
                + "created   5678ef01/ (board 5678ef01, 10 files)\n");
        r = stage("--serial", "1234abcd", "5678ef01", "--cmdline", NFS, "--var", "server=10.0.0.1");
        assertThat(r.out()).isEqualTo("unchanged 1234abcd/ (board 1234abcd, 10 files)\n"
                + "unchanged 5678ef01/ (board 5678ef01, 10 files)\n");
    }

    @Test
    void eachBadInputIsOneLineExitOneAndTheTreeUntouched() throws IOException {
        assertThat(stage("--serial", "1234abcd", "--cmdline", NFS, "--var", "server=10.0.0.1").exit()).isZero();
        Map<String, String> before = snapshot(root);
        Path devices = Files.writeString(tmp.resolve("devices.csv"), "serial,hostname\n1234abcd,a\n1234ABCD,b\n");
        Path noStart = Files.createDirectories(tmp.resolve("nostart"));
        Files.writeString(noStart.resolve("config.txt"), "");
        Files.writeString(noStart.resolve("kernel8.img"), "");
        Path fileRoot = Files.writeString(tmp.resolve("file-root"), "x");
        Cli.Result serial = stage("--serial", "1234abc", "--cmdline", NFS, "--var", "server=s");
        assertThat(serial.exit()).as("a bad option value is a usage error").isEqualTo(2);
        assertThat(serial.stderr()).isEqualTo("eeprom: error: Invalid value for option '--serial' at index 0 (S): "
                + "expected 8 hex digits (or the 16 of /proc/cpuinfo's Serial), found \"1234abc\" "
                + "(see 'eeprom tftp stage --help')\n");
        assertThat(snapshot(root)).isEqualTo(before);
        Map<List<String>, String> cases = Map.of(
                List.of("--devices", devices.toString(), "--cmdline", NFS, "--var", "server=s"),
                devices + ":3: board 1234abcd is a duplicate: " + devices + ":2 already stages folder 1234abcd/",
                List.of("--serial", "1234abcd", "--cmdline", "root=/dev/nfs nfsroot=${server}:/srv/${hostname}",
                        "--var", "server=s"),
                "--cmdline:1: unknown variable ${hostname} (known: serial, server)",
                List.of("--serial", "1234abcd", "--config-txt", tmp.resolve("missing.txt").toString(), "--cmdline", NFS,
                        "--var", "server=s"),
                tmp.resolve("missing.txt") + ": missing boot file",
                List.of("--serial", "1234abcd", "--config-txt", noStart.toString(), "--cmdline", NFS, "--var",
                        "server=s"),
                noStart + ": is a folder, not a file");                 // was: missing boot file
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            Cli.Result r = stage(c.getKey().toArray(String[]::new));
            assertThat(r.exit()).as(c.getValue()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("eeprom: error: " + c.getValue() + "\n");
            assertThat(snapshot(root)).as(c.getValue()).isEqualTo(before);
        }
        Cli.Result r = Cli.run("tftp", "stage", "--boot", noStart.toString(), "--root", root.toString(), "--serial",
                "1234abcd", "--cmdline", NFS, "--var", "server=s");
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + noStart + ": missing boot file start4.elf: expected a "
                + "Raspberry Pi OS boot partition or the firmware's boot/ folder\n");
        assertThat(snapshot(root)).isEqualTo(before);
        r = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", fileRoot.toString(), "--serial", "1234abcd");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + fileRoot + ": the TFTP root is a file, not a folder\n");
        assertThat(Files.readString(fileRoot)).isEqualTo("x");
    }

    @Test
    void anEepromUpdateIsStagedNewerThanAnyBeforeAndKeptWhenUnchanged() throws IOException {
        Path image = FirmwareSamples.DIR.resolve("synthetic-2711-notbootable.bin");
        Path other = FirmwareSamples.DIR.resolve("synthetic-2712-notbootable.bin");
        Path update = root.resolve("1234abcd/pieeprom.upd");
        assertThat(stage("--serial", "1234abcd", "--eeprom-update", other.toString()).exit()).isZero();
        long first = EepromImage.parse("u", Files.readAllBytes(update)).timestamp().orElseThrow();
        assertThat(stage("--serial", "1234abcd", "--eeprom-update", image.toString()).exit()).isZero();
        byte[] upd = Files.readAllBytes(update);
        long second = EepromImage.parse("u", upd).timestamp().orElseThrow();
        assertThat(second).isGreaterThan(first);
        SigFile sig = SigFile.parse("pieeprom.sig", Files.readAllBytes(root.resolve("1234abcd/pieeprom.sig")));
        assertThat(sig.matches(upd)).isTrue();
        assertThat(sig.ts()).isEqualTo(second);
        Cli.Result again = stage("--serial", "1234abcd", "--eeprom-update", image.toString());
        assertThat(again.out()).startsWith("unchanged 1234abcd/");
    }

    @Test
    void theDnsmasqSnippetPassesDnsmasqsOwnCheck() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(DNSMASQ), "dnsmasq-base is not installed");
        Path conf = tmp.resolve("rpi-netboot.conf");
        Cli.Result r = stage("--serial", "1234abcd", "--dnsmasq", conf.toString(), "--proxy-dhcp", "10.0.0.0");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(Files.readString(conf)).contains("tftp-root=" + root.toAbsolutePath() + "\n",
                "pxe-service=0,\"Raspberry Pi Boot\"\n", "dhcp-range=10.0.0.0,proxy\n");
        Process p = new ProcessBuilder(DNSMASQ.toString(), "--test", "-C", conf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("syntax check OK");
    }

    @Test
    void aDnsmasqSnippetThatWouldOverwriteAnInputOrCannotBeWrittenIsRefusedBeforeAnythingIsStaged() throws IOException {
        Path devices = Files.writeString(tmp.resolve("devices.csv"), "serial\n1234abcd\n");
        Path template = Files.writeString(tmp.resolve("cmdline.template"), "root=/dev/nfs\n");
        Path image = Files.write(tmp.resolve("nb.bin"),
                Files.readAllBytes(FirmwareSamples.DIR.resolve("synthetic-2711-notbootable.bin")));
        Map<String, List<String>> inputs = new TreeMap<>(Map.of(
                boot.resolve("cmdline.txt") + ": is also a boot file", List.of("--serial", "1234abcd"),
                devices + ": is also the --devices file", List.of("--devices", devices.toString()),
                template + ": is also the --cmdline-file", List.of("--serial", "1234abcd", "--cmdline-file",
                        template.toString()),
                image + ": is also the --eeprom-update image", List.of("--serial", "1234abcd", "--eeprom-update",
                        image.toString())));
        for (Map.Entry<String, List<String>> c : inputs.entrySet()) {
            Path target = Path.of(c.getKey().substring(0, c.getKey().indexOf(": ")));
            byte[] before = Files.readAllBytes(target);
            List<String> args = new ArrayList<>(c.getValue());
            args.addAll(List.of("--dnsmasq", target.toString(), "--proxy-dhcp", "10.0.0.0"));
            Cli.Result r = stage(args.toArray(String[]::new));
            assertThat(r.exit()).as(c.getKey()).isEqualTo(2);
            assertThat(r.stderr()).isEqualTo("eeprom: error: " + c.getKey()
                    + "; writing the output there would destroy it\n");
            assertThat(Files.readAllBytes(target)).isEqualTo(before);
            assertThat(root).as("nothing staged").doesNotExist();
        }
        for (Path unwritable : new Path[] {tmp.resolve("nope/rpi.conf"), boot}) {
            Cli.Result r = stage("--serial", "1234abcd", "--dnsmasq", unwritable.toString(), "--proxy-dhcp", "10.0.0.0");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.stderr()).startsWith("eeprom: error: ").doesNotContain("\n\n");
            assertThat(r.out()).isEmpty();
            assertThat(root).as("nothing staged").doesNotExist();
        }
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() {
        Cli.Result r = stage("--serial", "1234abcd", "--cmdline", NFS, "--var", "server=10.0.0.1", "--link", "symlink",
                "--dry-run");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).startsWith("1234abcd/ (board 1234abcd)\n")
                .contains("  start4.elf                   symlink " + boot.resolve("start4.elf") + "\n")
                .contains("  cmdline.txt                  console=serial0,115200 root=/dev/nfs "
                        + "nfsroot=10.0.0.1:/srv/nfs/1234abcd,vers=4 rw ip=dhcp rootwait\n");
        assertThat(root).doesNotExist();
    }

    @Test
    void checkFollowsTheBoardsRequestsThroughACompleteTree() {
        assertThat(stage("--serial", "1234abcd", "--cmdline", NFS, "--var", "server=10.0.0.1").exit()).isZero();
        Cli.Result r = Cli.run("tftp", "check", "--root", root.toString(), "--serial", "1234ABCD");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).isEqualTo("""
                1234abcd/start4.elf                  found
                1234abcd/config.txt                  found
                1234abcd/fixup4.dat                  found
                1234abcd/recovery.elf                absent (allowed)
                1234abcd/dt-blob.bin                 absent (allowed)
                1234abcd/bootcfg.txt                 absent (allowed)
                1234abcd/bcm2711-rpi-4-b.dtb         found
                1234abcd/overlays/overlay_map.dtb    found
                1234abcd/overlays/vc4-kms-v3d.dtbo   found
                1234abcd/cmdline.txt                 found
                1234abcd/kernel8.img                 found
                board 1234abcd boots from 1234abcd/
                """);
        r = Cli.run("tftp", "check", "--root", root.toString(), "--serial", "1234abcd", "--model", "pi5");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("1234abcd/bcm2712-rpi-5-b.dtb         found\n",
                "1234abcd/kernel_2712.img             found\n");
    }

    @Test
    void checkFailsOnABrokenTreeAndShowsFilesServedFromTheRoot() throws IOException {
        assertThat(stage("--serial", "1234abcd", "--cmdline", NFS, "--var", "server=10.0.0.1").exit()).isZero();
        Files.delete(root.resolve("1234abcd/overlays/vc4-kms-v3d.dtbo"));
        Cli.Result r = Cli.run("tftp", "check", "--root", root.toString(), "--serial", "1234abcd");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("1234abcd/overlays/vc4-kms-v3d.dtbo   missing\n")
                .endsWith("board 1234abcd cannot boot: 1 needed file(s) missing\n");

        Files.createDirectory(root.resolve("overlays"));
        for (String name : List.of("start4.elf", "fixup4.dat", "config.txt", "cmdline.txt", "kernel8.img",
                "bcm2711-rpi-4-b.dtb", "overlays/vc4-kms-v3d.dtbo")) Files.copy(boot.resolve(name), root.resolve(name));
        r = Cli.run("tftp", "check", "--root", root.toString(), "--serial", "99999999");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("""
                99999999/start4.elf                  absent: the bootloader drops the prefix and reads the root
                start4.elf                           from-root
                config.txt                           from-root
                """).endsWith("board 99999999 boots from the root's shared files: no 99999999/start4.elf\n");
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                out.put(root.relativize(p).toString(), a.fileKey() + " " + a.lastModifiedTime().toMillis() + " " + a.size());
            }
        }
        return out;
    }
}
