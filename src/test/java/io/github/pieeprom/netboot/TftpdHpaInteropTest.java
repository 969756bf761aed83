package io.github.pieeprom.netboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pieeprom.cli.Cli;
import io.github.pieeprom.testing.BootPartition;
import io.github.pieeprom.testing.FirmwareSamples;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree staged by {@code eeprom tftp stage} served by Debian's tftpd-hpa (chrooted to the root, as in production)
 * on a loopback port, fetched with curl and with tftp-hpa's client: every file arrives byte for byte.
 */
class TftpdHpaInteropTest {
    private static final Path IN_TFTPD = Path.of("/usr/sbin/in.tftpd");
    private static final List<String> FILES = List.of("1234abcd/start4.elf", "1234abcd/cmdline.txt", "1234abcd/pieeprom.sig");
    @TempDir Path tmp;

    @Test
    void curlAndTftpHpaFetchTheStagedFilesFromInTftpd() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(IN_TFTPD), "tftpd-hpa is not installed");
        assumeTrue(onPath("curl") && onPath("tftp"), "curl or tftp-hpa is not installed");
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        Cli.Result staged = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "1234abcd", "--cmdline", "root=/dev/nfs nfsroot=${server}:/srv/nfs/${serial},vers=4 rw ip=dhcp rootwait",
                "--var", "server=10.0.0.1", "--eeprom-update",
                FirmwareSamples.DIR.resolve("synthetic-2711-notbootable.bin").toString());
        assertThat(staged.exit()).as(staged.stderr()).isZero();
        int port = freeUdpPort();
        Process server = new ProcessBuilder(IN_TFTPD.toString(), "-L", "-a", "127.0.0.1:" + port, "-s",
                root.toString(), "-u", System.getProperty("user.name")).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("tftpd.log").toFile()).start();
        try {
            Thread.sleep(300);                                    // let it bind; a fetch before that would retry
            assertThat(server.isAlive()).as("in.tftpd: " + Files.readString(tmp.resolve("tftpd.log"))).isTrue();
            for (String name : FILES) {
                Path viaCurl = tmp.resolve("curl-" + name.replace('/', '_'));
                run("curl", "-sS", "--max-time", "20", "-o", viaCurl.toString(), "tftp://127.0.0.1:" + port + "/" + name);
                assertThat(Files.readAllBytes(viaCurl)).as("curl " + name).isEqualTo(Files.readAllBytes(root.resolve(name)));
                Path viaTftp = tmp.resolve("tftp-" + name.replace('/', '_'));
                run("tftp", "127.0.0.1", Integer.toString(port), "-m", "binary", "-c", "get", name, viaTftp.toString());
                assertThat(Files.readAllBytes(viaTftp)).as("tftp " + name).isEqualTo(Files.readAllBytes(root.resolve(name)));
            }
            assertThat(Files.readString(tmp.resolve("curl-1234abcd_cmdline.txt")))
                    .isEqualTo("root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/1234abcd,vers=4 rw ip=dhcp rootwait\n");
        } finally {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv("PATH").split(":")) if (Files.isExecutable(Path.of(dir, tool))) return true;
        return false;
    }
}
