package io.github.pieeprom.netboot.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.cli.Cli;
import io.github.pieeprom.testing.Peers;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eeprom boot probe --tftp-only} against Debian's tftpd-hpa on a loopback port: each tree mistake gives its
 * finding and exit code; the files come in the Pi 4 order of BOOTCONF.md §4.2.1, at the sizes on disk.
 */
class ProbeTftpOnlyTest {
    private static final String IN_TFTPD = "/usr/sbin/in.tftpd", SERIAL = "1234abcd";
    @TempDir Path tmp;
    private Path root;
    private Process server;

    @BeforeEach
    void tree() throws IOException {
        Peers.requireExecutable(IN_TFTPD, "tftpd-hpa");
        root = ProbeTrees.pi4(tmp.resolve("tftp"), SERIAL);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server == null) return;
        server.destroy();
        if (!server.waitFor(5, TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
    }

    private String serve(String... extra) throws IOException, InterruptedException {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(IN_TFTPD, "-L", "-a", "127.0.0.1:" + port, "-s", root.toString(),
                "-u", System.getProperty("user.name")));
        command.addAll(List.of(extra));
        server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("tftpd.log").toFile()).start();
        Thread.sleep(300);                                        // let it bind; a fetch before that would retry
        assertThat(server.isAlive()).as(Files.readString(tmp.resolve("tftpd.log"))).isTrue();
        return "127.0.0.1:" + port;
    }

    private static Cli.Result probe(String at, String... more) {
        List<String> args = new ArrayList<>(List.of("boot", "probe", "--tftp-only", at, "--serial", SERIAL));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aCompleteFolderBootsWithTheFilesInThePiOrder() throws Exception {
        Cli.Result r = probe(serve());
        assertThat(r.exit()).as(r.out() + r.stderr()).isZero();
        assertThat(r.out()).contains("a pi4 of serial 1234abcd would boot").doesNotContain("warn").doesNotContain("fail");
        List<String> fetched = r.out().lines().filter(l -> l.startsWith("tftp ") && !l.contains("not found"))
                .map(l -> l.split("\\s+")[1]).toList();
        assertThat(fetched).containsExactly("1234abcd/start4.elf", "1234abcd/config.txt", "1234abcd/fixup4.dat",
                "1234abcd/bcm2711-rpi-4-b.dtb", "1234abcd/cmdline.txt", "1234abcd/kernel8.img");
        assertThat(r.out()).containsPattern("tftp  1234abcd/kernel8\\.img +" + Files.size(root.resolve(SERIAL
                + "/kernel8.img")) + " bytes");
    }

    @Test
    void aMissingFolderFallsBackToTheRootWithAWarning() throws Exception {
        Path other = Files.move(root.resolve(SERIAL), tmp.resolve("moved"));
        try (var files = Files.list(other)) {
            for (Path f : files.toList()) Files.move(f, root.resolve(f.getFileName()));
        }
        Cli.Result r = probe(serve());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("warn  fell-back-to-root: ").contains("no 1234abcd/start4.elf");
    }

    @Test
    void noStart4ElfAnywhereFails() throws Exception {
        Files.delete(root.resolve(SERIAL + "/start4.elf"));
        Cli.Result r = probe(serve());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("fail  file-missing: ").contains("has no start4.elf")
                .contains("would not boot");
    }

    @Test
    void aServerThatRefusesBlksizeFailsWithNoOack() throws Exception {
        Cli.Result r = probe(serve("-r", "blksize"), "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("\"code\": \"no-oack\"").contains("\"boots\": false").contains("\"oack\": false")
                .doesNotContain("\"oack\": true");
    }

    /** A port nothing listens on: the Pi gives up at its first file, so the walk stops there and blames no file. */
    @Test
    void aServerThatDoesNotAnswerEndsTheWalkAtTheFirstFile() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Cli.Result r = probe("127.0.0.1:" + port);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines().filter(l -> !l.startsWith("a pi4"))).containsExactly(
                "tftp  1234abcd/start4.elf              no answer for 5 s",
                "fail  tftp-error: 127.0.0.1:" + port + ": fetching 1234abcd/start4.elf failed: no answer for 5 s");
    }

    @Test
    void aKernelConfigTxtNamesThatIsNotThereFails() throws Exception {
        Files.writeString(root.resolve(SERIAL + "/config.txt"), "arm_64bit=1\nkernel=vmlinuz-6.6\n");
        Cli.Result r = probe(serve());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("fail  config-names-missing-file: config.txt names 1234abcd/vmlinuz-6.6");
    }

    @Test
    void anNfsRootThatDoesNotAnswerFails() throws Exception {
        Files.writeString(root.resolve(SERIAL + "/cmdline.txt"),
                "root=/dev/nfs nfsroot=127.0.0.77:/srv/nfs/1234abcd,vers=4 rw ip=dhcp\n");
        Cli.Result r = probe(serve());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("fail  cmdline-root-unreachable: ").contains("127.0.0.77").contains("2049");
    }

    @Test
    void anSdCardRootWarns() throws Exception {
        Files.writeString(root.resolve(SERIAL + "/cmdline.txt"), "console=tty1 root=/dev/mmcblk0p2 rootwait\n");
        Cli.Result r = probe(serve());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("warn  cmdline-sd-root: ");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(Cli.run("boot", "probe", "--tftp-only", "127.0.0.1", "--serial", "xyz").exit()).isEqualTo(2);
        assertThat(Cli.run("boot", "probe", "--tftp-only", "server.example", "--serial", SERIAL).exit()).isEqualTo(2);
        assertThat(Cli.run("boot", "probe", "--model", "pi3", "--tftp-only", "127.0.0.1").exit()).isEqualTo(2);
        Cli.Result shortTimeout = Cli.run("boot", "probe", "--tftp-only", "127.0.0.1", "--file-timeout", "4999");
        assertThat(shortTimeout.exit()).isEqualTo(2);
        assertThat(shortTimeout.stderr()).contains("--file-timeout is 5000 ms or more");
    }

    @Test
    void portSixtyEightTakenIsOneLine() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("0.0.0.0", 68))) {
            Cli.Result r = Cli.run("boot", "probe", "--serial", SERIAL, "--timeout", "1");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.stderr().strip()).contains("port 68").contains("CAP_NET_BIND_SERVICE").doesNotContain("\n")
                    .doesNotContain("Exception");
        } catch (java.net.BindException e) {
            org.junit.jupiter.api.Assumptions.abort("port 68 is held by this machine's DHCP client");
        }
    }
}
