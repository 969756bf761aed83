package io.github.pieeprom.netboot.boot;

import static io.github.pieeprom.netboot.boot.BootServeNetnsTest.java;
import static io.github.pieeprom.netboot.boot.BootServeNetnsTest.siteDhcp;
import static io.github.pieeprom.netboot.boot.BootServeNetnsTest.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.cli.Cli;
import io.github.pieeprom.cli.EepromCli;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.testing.BootPartition;
import io.github.pieeprom.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config {@code eeprom boot dhcp-config --for dnsmasq} prints for a proxy, run by a real dnsmasq on the boot
 * server beside a second dnsmasq that only hands out addresses, with {@code eeprom boot serve --dhcp off} serving the
 * files and the NETCONSOLE lines (the pairing docs/boot.md §5 names): a virtual Pi takes its address from the site's
 * server and its boot server from the proxy, and boots; then {@code boot logs --follow} prints the lines the board
 * sends while it runs, and stops cleanly on SIGTERM (exit 0) and Ctrl-C (130).
 */
class DnsmasqProxyNetnsTest {
    private static final String SERIAL = "5b154510", PI_MAC = "dc:a6:32:2e:f8:ed";
    @TempDir Path tmp;

    @Test
    void theDnsmasqProxyConfigBootsAVirtualPiBesideTheSitesServerAndLogsFollowItsLines() throws Exception {
        Peers.requireExecutable("/usr/sbin/dnsmasq", "dnsmasq-base");
        Path root = tmp.resolve("tftp"), state = tmp.resolve("state");
        Cli.Result staged = Cli.run("tftp", "stage", "--boot", BootPartition.create(tmp.resolve("boot")).toString(),
                "--root", root.toString(), "--serial", SERIAL, "--cmdline", "root=/dev/nfs ip=dhcp rootwait");
        assertThat(staged.exit()).as(staged.stderr()).isZero();
        Cli.Result config = Cli.run("boot", "dhcp-config", "--for", "dnsmasq", "--server", "10.77.0.1", "--subnet",
                "10.77.0.0/24", "--interface", "eth0");
        assertThat(config.exit()).as(config.stderr()).isZero();
        assertThat(config.out()).contains("dhcp-range=10.77.0.0,proxy,255.255.255.0");
        Path conf = Files.writeString(tmp.resolve("proxy.conf"), config.out());
        List<Process> started = new ArrayList<>();
        try (TestNetwork net = TestNetwork.create("srv", "site", "pi")) {
            net.up("srv", "02:00:00:00:00:01", "10.77.0.1/24").up("site", "02:00:00:00:00:02", "10.77.0.2/24")
                    .up("pi", PI_MAC, null);
            started.add(siteDhcp(net, tmp));
            started.add(start(net.in("srv", "/usr/sbin/dnsmasq", "--no-daemon", "--conf-file=" + conf,
                    "--dhcp-leasefile=" + tmp.resolve("proxy.leases"), "--user=root", "--log-dhcp",
                    "--log-facility=" + tmp.resolve("proxy.log")), tmp.resolve("proxy.out")));
            Path serveLog = tmp.resolve("serve.out");
            Process serve = start(net.in("srv", java(EepromCli.class.getName(), "boot", "serve", "--root",
                    root.toString(), "--bind", "10.77.0.1", "--dhcp", "off", "--state", state.toString())), serveLog);
            started.add(serve);
            await(() -> Files.exists(serveLog) && Files.readString(serveLog).contains("NETCONSOLE on port"), serve,
                    serveLog);

            Peers.Run pi = Peers.run(net.in("pi", java(VirtualPi.class.getName(), "eth0", PI_MAC, SERIAL,
                    tmp.resolve("pi").toString(), "0")), null);
            assertThat(pi.exit()).as(pi.stdout() + pi.stderr() + read(tmp.resolve("proxy.log"))).isZero();
            assertThat(pi.stdout()).as("the address from the site's dnsmasq, the boot server from the proxy's siaddr")
                    .contains("dhcp-server 10.77.0.2\n", "boot-server 10.77.0.1\n", "boot-server-siaddr 10.77.0.1\n",
                            "boot-server-option54 10.77.0.1\n",
                            "oack " + SERIAL + "/config.txt\n", "booted")
                    .doesNotContain("fell-back");
            for (String file : PiFacts.PI4_BOOT_FILES)
                assertThat(tmp.resolve("pi").resolve(SERIAL).resolve(file)).as(file)
                        .hasSameBinaryContentAs(root.resolve(SERIAL).resolve(file));
            assertThat(read(tmp.resolve("proxy.log"))).contains("PXE(eth0) dc:a6:32:2e:f8:ed proxy");
            assertThat(read(tmp.resolve("proxy.leases"))).as("a proxy hands out no address").isEmpty();

            await(() -> read(state.resolve("boards.tsv")).contains("serial=" + SERIAL), serve, serveLog);
            String address = pi.stdout().lines().filter(l -> l.startsWith("address ")).findFirst().orElseThrow()
                    .substring(8);
            Path followed = tmp.resolve("follow.out");
            Process follow = new ProcessBuilder(java(EepromCli.class.getName(), "boot", "logs", "--root",
                    root.toString(), "--state", state.toString(), SERIAL, "--follow")).redirectOutput(followed.toFile())
                    .redirectError(tmp.resolve("follow.err").toFile()).start();
            started.add(follow);
            Thread.sleep(1500);                                        // it runs, with no line from the board yet
            assertThat(follow.isAlive()).as(read(tmp.resolve("follow.err"))).isTrue();
            assertThat(read(followed)).isEmpty();

            netconsole(net, "Boot mode: NETWORK (02) order f21", "NET_BOOT: " + SERIAL + " fetched its files");
            await(() -> read(followed).contains("fetched its files\n"), follow, followed);
            netconsole(net, "Starting start4.elf");                   // after the log file existed
            await(() -> read(followed).contains("Starting start4.elf\n"), follow, followed);

            follow.destroy();                                          // SIGTERM, as systemd or kill sends it
            assertThat(follow.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(follow.exitValue()).isZero();
            assertThat(read(tmp.resolve("follow.err"))).isEmpty();
            List<String> expected = List.of("Boot mode: NETWORK (02) order f21", "NET_BOOT: " + SERIAL
                    + " fetched its files", "Starting start4.elf");
            assertThat(withoutTimes(read(followed))).containsExactlyElementsOf(expected);

            Path again = tmp.resolve("again.out");                     // Ctrl-C: exit 130, the lines printed once
            Process interrupted = new ProcessBuilder(java(EepromCli.class.getName(), "boot", "logs", "--root",
                    root.toString(), "--state", state.toString(), address, "--follow")).redirectOutput(again.toFile())
                    .redirectErrorStream(true).start();
            started.add(interrupted);
            await(() -> read(again).contains("Starting start4.elf\n"), interrupted, again);
            assertThat(Peers.run("kill", "-INT", Long.toString(interrupted.pid())).exit()).isZero();
            assertThat(interrupted.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(interrupted.exitValue()).isEqualTo(130);
            assertThat(withoutTimes(read(again))).containsExactlyElementsOf(expected);
        } finally {
            for (Process p : started) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            }
        }
        Cli.Result status = Cli.run("boot", "status", "--root", root.toString(), "--state", state.toString());
        assertThat(status.out()).as("known from TFTP alone: DHCP went to dnsmasq")
                .containsPattern(SERIAL + " +- +- +- +10\\.77\\.0\\.1\\d\\d +last seen .* dhcp 0, tftp 7, 7 files sent")
                .contains("  | ", "Starting start4.elf");
    }

    /** Lines sent as the board sends them: from its address (in the "pi" namespace), port 6665, to port 6666. */
    private static void netconsole(TestNetwork net, String... lines) {
        List<String> command = new ArrayList<>(List.of(java(VirtualPi.class.getName(), "netconsole", "10.77.0.1",
                "6666")));
        command.addAll(List.of(lines));
        Peers.Run r = Peers.run(net.in("pi", command.toArray(String[]::new)), null);
        assertThat(r.exit()).as(r.stderr()).isZero();
    }

    /** The lines of a board's log without the time each arrived ({@code 2026-12-07T19:28:54.500Z text}). */
    private static List<String> withoutTimes(String log) {
        return log.lines().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check, Process process, Path output) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (check.holds()) return;
            if (!process.isAlive()) throw new AssertionError("exited " + process.exitValue() + ": " + read(output));
            Thread.sleep(100);
        }
        throw new AssertionError("timed out; " + output.getFileName() + ": " + read(output));
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
