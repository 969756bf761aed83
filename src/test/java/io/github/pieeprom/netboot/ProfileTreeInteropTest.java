package io.github.pieeprom.netboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.cli.Cli;
import io.github.pieeprom.netboot.tftp.TftpConfig;
import io.github.pieeprom.netboot.tftp.TftpServer;
import io.github.pieeprom.testing.BootPartition;
import io.github.pieeprom.testing.Hashes;
import io.github.pieeprom.testing.Tools;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree made by {@code eeprom boot set} (a board on a plain profile, one on a profile rendered for it, one named
 * by its MAC) served by Debian's tftpd-hpa, chrooted to the root and running as nobody as in production (the
 * boards' own folders must be readable by others), and by our server: curl fetches
 * every file each board asks for from both, and both give the boot partition's bytes and the board's own
 * {@code cmdline.txt}.
 */
class ProfileTreeInteropTest {
    @TempDir Path tmp;

    @Test
    void tftpdHpaAndOurServerServeTheSameFilesForEveryBoard() throws Exception {
        Path tftpd = Tools.require("/usr/sbin/in.tftpd");
        Tools.require("curl");
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        Path devices = Files.writeString(tmp.resolve("devices.csv"), "serial,mac,name\n"
                + "1234abcd,dc:a6:32:01:36:c2,node1\n5678ef01,dc:a6:32:01:36:c3,node2\n");
        ok("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile", "installed",
                "--cmdline", "root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/shared");
        ok("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile", "installer",
                "--cmdline", "root=/dev/ram0 hostname=${name} serial=${serial} mac=${mac}");
        ok("boot", "set", "--root", root.toString(), "1234abcd", "installed");
        ok("boot", "set", "--root", root.toString(), "--devices", devices.toString(), "node2", "installer");
        ok("boot", "set", "--root", root.toString(), "--devices", devices.toString(), "--prefix", "mac", "node1",
                "installer");

        Map<String, byte[]> expected = new LinkedHashMap<>();
        for (String prefix : List.of("1234abcd/", "5678ef01/", "dc-a6-32-01-36-c2/")) {
            BootReplay.Result replay = Stager.replay(BootReplay.Model.PI4, prefix, root);
            assertThat(replay.usesFolder()).as(prefix).isTrue();
            for (BootReplay.Request r : replay.requests()) {
                if (r.status() != BootReplay.Status.FOUND) continue;
                String name = r.path().substring(prefix.length());
                expected.put(r.path(), name.equals("cmdline.txt") ? null : Files.readAllBytes(boot.resolve(name)));
            }
        }
        expected.put("1234abcd/cmdline.txt", "root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/shared\n".getBytes());
        expected.put("5678ef01/cmdline.txt", "root=/dev/ram0 hostname=node2 serial=5678ef01 mac=dc:a6:32:01:36:c3\n"
                .getBytes());
        expected.put("dc-a6-32-01-36-c2/cmdline.txt",
                "root=/dev/ram0 hostname=node1 serial=1234abcd mac=dc:a6:32:01:36:c2\n".getBytes());
        assertThat(expected.keySet()).hasSize(3 * 8).contains("5678ef01/overlays/vc4-kms-v3d.dtbo");

        int port = freeUdpPort();
        Process hpa = new ProcessBuilder(tftpd.toString(), "-L", "-a", "127.0.0.1:" + port, "-s", root.toString(),
                "-u", "nobody").redirectErrorStream(true)     // as in production: not the files' owner
                .redirectOutput(tmp.resolve("tftpd.log").toFile()).start();
        try (TftpServer ours = TftpServer.start(TftpConfig.of(root)
                .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))) {
            Thread.sleep(300);                                        // let in.tftpd bind
            assertThat(hpa.isAlive()).as("in.tftpd: " + Files.readString(tmp.resolve("tftpd.log"))).isTrue();
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                String viaHpa = Hashes.sha256(curl(port, e.getKey()));
                String viaOurs = Hashes.sha256(curl(ours.address().getPort(), e.getKey()));
                assertThat(viaOurs).as(e.getKey()).isEqualTo(viaHpa).isEqualTo(Hashes.sha256(e.getValue()));
            }
        } finally {
            hpa.destroy();
            if (!hpa.waitFor(5, TimeUnit.SECONDS)) hpa.destroyForcibly().waitFor();
        }
    }

    private byte[] curl(int port, String name) throws IOException, InterruptedException {
        Path out = tmp.resolve("fetched");
        Files.deleteIfExists(out);
        Process p = new ProcessBuilder("curl", "-sS", "--max-time", "20", "-o", out.toString(),
                "tftp://127.0.0.1:" + port + "/" + name).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("curl " + name + ": " + text).isZero();
        return Files.readAllBytes(out);
    }

    private static void ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.stderr()).isZero();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
