package io.github.pieeprom.netboot.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.cli.Cli;
import io.github.pieeprom.testing.BootPartition;
import io.github.pieeprom.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eeprom boot serve} on a link of network namespaces with real peers: dnsmasq as the site's DHCP server
 * (addresses only), our proxy answering boot, a virtual Pi ({@link VirtualPi}) that takes both and boots, scapy as a
 * second client that checks the proxy's answer field by field and that non-Pis and garbage get none; then
 * {@code boot status} and {@code boot logs} show what the boards did.
 */
class BootServeNetnsTest {
    private static final String SERIAL = "5b154510", PI_MAC = "dc:a6:32:2e:f8:ed", NEW_MAC = "e4:5f:01:00:00:07",
            NEW_SERIAL = "0a0b0c0d";
    @TempDir Path tmp;

    @Test
    void aVirtualPiTakesItsAddressFromDnsmasqAndItsBootServerFromTheProxyBootsAndIsListed() throws Exception {
        Peers.requireExecutable("/usr/sbin/dnsmasq", "dnsmasq-base");
        Peers.requireScapy();
        Path root = tmp.resolve("tftp");
        Cli.Result staged = Cli.run("tftp", "stage", "--boot", BootPartition.create(tmp.resolve("boot")).toString(),
                "--root", root.toString(), "--serial", SERIAL, "--cmdline",
                "root=/dev/nfs nfsroot=10.77.0.1:/srv/nfs/${serial},vers=4 rw ip=dhcp rootwait");
        assertThat(staged.exit()).as(staged.stderr()).isZero();
        for (String file : io.github.pieeprom.netboot.dhcp.PiFacts.PI4_BOOT_FILES)     // the root, for boards
            copy(root.resolve(SERIAL).resolve(file), root.resolve(file));               // without a folder
        List<Process> started = new ArrayList<>();
        try (TestNetwork net = TestNetwork.create("srv", "site", "pi", "pi2", "pc")) {
            net.up("srv", "02:00:00:00:00:01", "10.77.0.1/24").up("site", "02:00:00:00:00:02", "10.77.0.2/24")
                    .up("pi", PI_MAC, null).up("pi2", NEW_MAC, null).up("pc", "2c:cf:67:00:00:05", null);
            started.add(siteDhcp(net, tmp));
            Path serverLog = tmp.resolve("serve.log");
            Process server = start(net.in("srv", java(io.github.pieeprom.cli.EepromCli.class.getName(), "boot", "serve", "--root",
                    root.toString(), "--bind", "10.77.0.1")), serverLog);
            started.add(server);
            awaitLine(serverLog, "NETCONSOLE on port", server);

            Peers.Run pi = Peers.run(net.in("pi", java(VirtualPi.class.getName(), "eth0", PI_MAC, SERIAL,
                    tmp.resolve("pi").toString(), "6666")), null);
            assertThat(pi.exit()).as(pi.stdout() + pi.stderr() + log(serverLog)).isZero();
            assertThat(pi.stdout()).contains("dhcp-server 10.77.0.2\n", "boot-server 10.77.0.1\n",
                    "boot-server-option54 10.77.0.1\n", "boot-server-option66 10.77.0.1\n",
                    "oack " + SERIAL + "/config.txt\n", "booted").doesNotContain("fell-back");
            String address = pi.stdout().lines().filter(l -> l.startsWith("address ")).findFirst().orElseThrow()
                    .substring(8);
            assertThat(address).matches("10\\.77\\.0\\.1[0-4][0-9]|10\\.77\\.0\\.150");
            for (String file : io.github.pieeprom.netboot.dhcp.PiFacts.PI4_BOOT_FILES)
                assertThat(tmp.resolve("pi").resolve(SERIAL).resolve(file)).as(file)
                        .hasSameBinaryContentAs(root.resolve(SERIAL).resolve(file));

            Peers.Run pi2 = Peers.run(net.in("pi2", java(VirtualPi.class.getName(), "eth0", NEW_MAC, NEW_SERIAL,
                    tmp.resolve("pi2").toString(), "6666")), null);
            assertThat(pi2.exit()).as(pi2.stdout() + pi2.stderr()).isZero();
            assertThat(pi2.stdout()).contains("fell-back root", "file config.txt ");

            Peers.Run scapy = Peers.run(net.in("pc", Peers.PYTHON.toString(), "-c", SCAPY_CLIENT), null);
            assertThat(scapy.exit()).as(scapy.stderr()).isZero();
            assertThat(scapy.stdout()).contains(
                    "answer xid=1 op=2 yiaddr=0.0.0.0 siaddr=10.77.0.1 type=2 server_id=10.77.0.1 vendor=PXEClient "
                            + "tftp=10.77.0.1 opt43=0601030a04005058450914000011"
                            + "52617370626572727920506920426f6f74ff",
                    "answer xid=5 op=2 ")
                    .as("no answer to the PC (xid 2), the plain client (3) or the garbage (4)")
                    .doesNotContain("xid=2 ", "xid=3 ", "xid=4 ");

            server.destroy();                                              // SIGTERM
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).as(log(serverLog)).isZero();
            assertThat(log(serverLog)).contains("DISCOVER from " + PI_MAC + " (RPi4 c03111, serial " + SERIAL
                    + "): offered this boot server", "REQUEST from " + PI_MAC, "a PXE client that is not a Pi",
                    "not a PXE client, ignored", "not a DHCP message", "summary:");
        } finally {
            for (Process p : started) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            }
        }

        Cli.Result status = Cli.run("boot", "status", "--root", root.toString());
        String text = new String(status.stdout(), StandardCharsets.UTF_8);
        assertThat(status.exit()).as(status.stderr()).isZero();
        assertThat(text).containsPattern(SERIAL + " +" + PI_MAC + " RPi4 c03111 10\\.77\\.0\\.1\\d\\d +last seen ")
                .contains("  | ", "NET_BOOT: " + SERIAL + " fetched its files")
                .containsPattern(NEW_SERIAL + " +" + NEW_MAC + " RPi4 c03111 10\\.77\\.0\\.1\\d\\d ")
                .contains("  ! fell back to the root: no folder " + NEW_SERIAL + "/ here")
                .containsPattern("b51aea00 +2c:cf:67:00:00:05 RPi5 d04170 - .*\\n  ! asked for DHCP \\(1 message\\) and "
                        + "never for TFTP: it did not take this server's answer")
                .containsPattern("12345678 +b8:27:eb:00:00:05 -    -      - ");
        assertThat(text.lines().filter(l -> l.contains("fell back"))).hasSize(1);
        Cli.Result logs = Cli.run("boot", "logs", "--root", root.toString(), SERIAL);
        assertThat(new String(logs.stdout(), StandardCharsets.UTF_8).lines().map(l -> l.substring(l.indexOf(' ') + 1)))
                .containsExactlyElementsOf(VirtualPi.NETCONSOLE_LINES.stream().map(l -> l.replace("SERIAL", SERIAL))
                        .toList());
    }

    /**
     * scapy in its own namespace (raw sockets, no address): a Pi 5 DISCOVER (xid 1), a PC's PXE DISCOVER (2), a plain
     * DISCOVER from a laptop (3), garbage on port 67 (4), then a Pi 4 by MAC with the old GUID (5); prints every answer it sees.
     */
    private static final String SCAPY_CLIENT = """
            from scapy.all import *
            import time
            conf.checkIPaddr = False
            mac = '2c:cf:67:00:00:05'
            pc = '00:1b:21:00:00:02'
            def discover(xid, opts, chaddr=mac):
                return Ether(src=chaddr, dst='ff:ff:ff:ff:ff:ff') / IP(src='0.0.0.0', dst='255.255.255.255') / \\
                    UDP(sport=68, dport=67) / BOOTP(op=1, xid=xid, chaddr=bytes.fromhex(chaddr.replace(':', ''))) / \\
                    DHCP(options=[('message-type', 'discover')] + opts + ['end'])
            pi5 = b'\\x00RPi5' + (0xd04170).to_bytes(4, 'little') + bytes.fromhex('67000005') + (0xb51aea00).to_bytes(4, 'little')
            old = (0x12345678).to_bytes(4, 'little') * 4
            sniffer = AsyncSniffer(iface='eth0', lfilter=lambda p: UDP in p and p[UDP].dport == 68 and BOOTP in p and p[BOOTP].op == 2)
            sniffer.start()
            time.sleep(1)
            sendp(discover(1, [(93, b'\\x00\\x00'), (97, pi5), ('vendor_class_id', b'PXEClient:Arch:00000:UNDI:002001')]), iface='eth0')
            sendp(discover(2, [(93, b'\\x00\\x07'), ('vendor_class_id', b'PXEClient:Arch:00007:UNDI:003016')], pc), iface='eth0')
            sendp(discover(3, [('hostname', b'laptop')], pc), iface='eth0')
            sendp(Ether(src=mac, dst='ff:ff:ff:ff:ff:ff') / IP(src='0.0.0.0', dst='255.255.255.255') / UDP(sport=68, dport=67) / Raw(b'\\x01\\x01\\x06\\x00garbage'), iface='eth0')
            sendp(Ether(src='b8:27:eb:00:00:05', dst='ff:ff:ff:ff:ff:ff') / IP(src='0.0.0.0', dst='255.255.255.255') / \\
                UDP(sport=68, dport=67) / BOOTP(op=1, xid=5, chaddr=bytes.fromhex('b827eb000005')) / \\
                DHCP(options=[('message-type', 'discover'), (97, b'\\x00' + old), ('vendor_class_id', b'PXEClient:Arch:00000:UNDI:002001'), 'end']), iface='eth0')
            time.sleep(3)
            for p in sniffer.stop():
                if p[IP].src != '10.77.0.1':
                    continue
                o = dict(x for x in p[DHCP].options if isinstance(x, tuple))
                print('answer xid=%d op=%d yiaddr=%s siaddr=%s type=%d server_id=%s vendor=%s tftp=%s opt43=%s' % (
                    p[BOOTP].xid, p[BOOTP].op, p[BOOTP].yiaddr, p[BOOTP].siaddr, o['message-type'], o['server_id'],
                    o['vendor_class_id'].decode(), o['tftp_server_name'].decode(), o['vendor_specific'].hex()))
            """;

    /** A Java program of this build, as a command line to run in a namespace. */
    static String[] java(String main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return command.toArray(new String[0]);
    }

    /** dnsmasq in the "site" namespace as the site's DHCP server: addresses 10.77.0.100-150, nothing about boot. */
    static Process siteDhcp(TestNetwork net, Path tmp) throws IOException {
        Path conf = Files.writeString(tmp.resolve("site.conf"), "");
        return start(net.in("site", "/usr/sbin/dnsmasq", "--no-daemon", "--conf-file=" + conf, "--port=0",
                "--interface=eth0", "--bind-interfaces", "--dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,1h",
                // the virtual Pi's kernel drops unicast to an address it does not have yet, unlike a Pi's own
                // stack: the site's server broadcasts its answers
                "--dhcp-broadcast", "--dhcp-leasefile=" + tmp.resolve("leases"), "--user=root", "--log-dhcp",
                "--log-facility=" + tmp.resolve("dnsmasq.log")), tmp.resolve("dnsmasq.out"));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    static Process start(List<String> command, Path output) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static void awaitLine(Path log, String text, Process process) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && log(log).contains(text)) return;
            if (!process.isAlive()) throw new AssertionError("exited: " + log(log));
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" in " + log(log));
    }

    private static String log(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
