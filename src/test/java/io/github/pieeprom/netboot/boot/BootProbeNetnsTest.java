package io.github.pieeprom.netboot.boot;

import static io.github.pieeprom.netboot.boot.BootServeNetnsTest.java;
import static io.github.pieeprom.netboot.boot.BootServeNetnsTest.siteDhcp;
import static io.github.pieeprom.netboot.boot.BootServeNetnsTest.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.cli.EepromCli;
import io.github.pieeprom.netboot.probe.ProbeTrees;
import io.github.pieeprom.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eeprom boot probe} on a link of network namespaces against real servers set up by the test: dnsmasq as a full
 * DHCP server with {@code pxe-service}, {@code eeprom boot serve} as a proxy beside dnsmasq handing out addresses, and
 * the usual mistakes, each with its finding and exit code. The probe runs in a namespace of its own with an address
 * (it fetches over TFTP from there); "srv" is 10.77.0.1, "site" 10.77.0.2, "probe" 10.77.0.9.
 */
class BootProbeNetnsTest {
    private static final String SERIAL = "1234abcd";
    @TempDir Path tmp;
    private Path root;

    @BeforeEach
    void tree() throws Exception {
        Peers.requireExecutable("/usr/sbin/dnsmasq", "dnsmasq-base");
        root = ProbeTrees.pi4(tmp.resolve("tftp"), SERIAL);
    }

    /** Runs {@code servers} (each given the network), then the probe with {@code args}; what the probe printed. */
    private Peers.Run probe(List<String> args, ServerSet servers) throws Exception {
        List<Process> started = new ArrayList<>();
        try (TestNetwork net = TestNetwork.create("srv", "site", "probe")) {
            net.up("srv", "02:00:00:00:00:01", "10.77.0.1/24").up("site", "02:00:00:00:00:02", "10.77.0.2/24")
                    .up("probe", "02:00:00:00:00:09", "10.77.0.9/24");
            servers.start(net, started);
            Thread.sleep(1500);                                  // let them bind
            for (Process p : started) assertThat(p.isAlive()).as("a server exited: " + logs()).isTrue();
            List<String> command = new ArrayList<>(List.of(java(EepromCli.class.getName(), "boot", "probe",
                    "--interface", "eth0", "--serial", SERIAL)));                  // the default 5 s window: dnsmasq pings 3 s before it offers
            command.addAll(args);
            long t0 = System.nanoTime();
            Peers.Run r = Peers.run(net.in("probe", command.toArray(String[]::new)), null);
            System.out.printf("probe %s took %d ms:%n%s%s", args, (System.nanoTime() - t0) / 1_000_000, r.stdout(), r.stderr());
            return r;
        } finally {
            for (Process p : started) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            }
        }
    }

    private interface ServerSet {
        void start(TestNetwork net, List<Process> started) throws Exception;
    }

    private String logs() throws Exception {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(tmp)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".out") || f.toString().endsWith(".log")).toList())
                out.append(f.getFileName()).append(":\n").append(Files.readString(f));
        }
        return out.toString();
    }

    private static String example() throws Exception {
        return Files.readString(Path.of("examples/netboot/README.md"));
    }

    /** The probe's line for the finding {@code code}. */
    private static String finding(Peers.Run r, String code) {
        return r.stdout().lines().filter(l -> l.contains("  " + code + ": ")).findFirst().orElseThrow();
    }

    /** dnsmasq as the only DHCP server, in "srv", with {@code options} after the address range. */
    private Process dnsmasq(TestNetwork net, String... options) throws Exception {
        List<String> command = new ArrayList<>(net.in("srv", "/usr/sbin/dnsmasq", "--no-daemon", "--conf-file="
                + Files.writeString(tmp.resolve("srv.conf"), ""), "--port=0", "--interface=eth0", "--bind-interfaces",
                "--dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,1h", "--dhcp-leasefile=" + tmp.resolve("leases"),
                "--user=root", "--log-dhcp", "--log-facility=" + tmp.resolve("dnsmasq-srv.log")));
        command.addAll(List.of(options));
        return start(command, tmp.resolve("dnsmasq-srv.out"));
    }

    private List<String> tftp() {
        return List.of("--enable-tftp", "--tftp-root=" + root);
    }

    /** dnsmasq handing out addresses on "site", {@code eeprom boot serve} as the proxy and TFTP server on "srv". */
    private ServerSet bootServeBesideTheSitesDnsmasq() {
        return (net, started) -> {
            started.add(siteDhcp(net, tmp));
            started.add(start(net.in("srv", java(EepromCli.class.getName(), "boot", "serve", "--root", root.toString(),
                    "--bind", "10.77.0.1")), tmp.resolve("serve.out")));
        };
    }

    @Test
    void bootServeAsAProxyBesideDnsmasqBoots() throws Exception {
        Peers.requireScapy();
        Peers.Run r = probe(List.of(), bootServeBesideTheSitesDnsmasq());
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs()).isZero();
        assertThat(r.stdout()).containsPattern("dhcp  10\\.77\\.0\\.2:67 +address 10\\.77\\.0\\.1\\d\\d")
                .containsPattern("dhcp  10\\.77\\.0\\.1:67 +no address, option 60 PXEClient, option 43 menu \"Raspberry Pi Boot\"")
                .contains("chose address from 10.77.0.2:67, boot server 10.77.0.1:67, TFTP 10.77.0.1")
                .contains("tftp  1234abcd/kernel8.img ").contains("a pi4 of serial 1234abcd would boot");
        assertThat(Files.readString(tmp.resolve("leases"))).as("no lease left behind").isEmpty();
    }

    @Test
    void dnsmasqWithPxeServiceBoots() throws Exception {
        Peers.Run r = probe(List.of("--json"), (net, started) -> {
            List<String> options = new ArrayList<>(tftp());
            options.add("--pxe-service=0,Raspberry Pi Boot");
            started.add(dnsmasq(net, options.toArray(String[]::new)));
        });
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs()).isZero();
        assertThat(r.stdout()).contains("\"boots\": true", "\"findings\": []", "\"server\": \"10.77.0.1:67\"",
                "\"option43\": \"menu \\\"Raspberry Pi Boot\\\"\"", "\"name\": \"1234abcd/cmdline.txt\"", "\"oack\": true");
    }

    @Test
    void option43AsAPlainStringIsFound() throws Exception {
        Peers.Run r = probe(List.of(), (net, started) -> {
            List<String> options = new ArrayList<>(tftp());
            options.addAll(List.of("--dhcp-option-force=60,PXEClient", "--dhcp-option-force=43,Raspberry Pi Boot"));
            started.add(dnsmasq(net, options.toArray(String[]::new)));
        });
        assertThat(r.stdout()).contains("option 43 string \"Raspberry Pi Boot\"")
                .contains("warn  option43-plain-string: 10.77.0.1:67 sends option 43 as the plain string");
        assertThat(r.exit()).as("a warning: some releases boot with it (docs/probe.md)").isZero();
    }

    @Test
    void aMacListWithoutThePi5PrefixGivesNoBootAnswerToAPi5() throws Exception {
        Peers.Run r = probe(List.of("--model", "pi5"), (net, started) -> {
            List<String> options = new ArrayList<>(tftp());
            options.addAll(List.of("--dhcp-mac=set:pi,dc:a6:32:*:*:*", "--dhcp-mac=set:pi,e4:5f:01:*:*:*",
                    "--pxe-service=tag:pi,0,Raspberry Pi Boot"));
            started.add(dnsmasq(net, options.toArray(String[]::new)));
        });
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stdout()).contains("fail  no-boot-answer: answers came from 10.77.0.1:67")
                .containsPattern("dhcp  10\\.77\\.0\\.1:67 +address 10\\.77\\.0\\.1\\d\\d, option 60 PXEClient, option 43 no boot menu")
                .contains("only if it has 2c:cf:67").contains("dhcp-match=set:pi,97,0:52:50:69:35")
                .contains("a pi5 of serial 1234abcd would not boot");
        assertThat(example()).as("examples/netboot/README.md shows this run").contains(finding(r, "no-boot-answer"));
    }

    @Test
    void tftpdHpaRefusingBlksizeGivesNoOack() throws Exception {
        Peers.requireExecutable("/usr/sbin/in.tftpd", "tftpd-hpa");
        Peers.Run r = probe(List.of(), (net, started) -> {
            started.add(dnsmasq(net, "--pxe-service=0,Raspberry Pi Boot"));
            started.add(tftpdHpa(net, "-r", "blksize"));
        });
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stdout()).contains("fail  no-oack: 10.77.0.1:69 sent 1234abcd/start4.elf without acknowledging blksize 1468")
                .containsPattern("tftp  1234abcd/config.txt +12 bytes \\d+ ms no-oack");
        assertThat(example()).as("examples/netboot/README.md shows this run").contains(finding(r, "no-oack"));
    }

    /**
     * As a relay agent: the DISCOVER goes by unicast from port 67 with giaddr 10.77.0.9, so the answer reaches the
     * probe only if the server sends it back to giaddr:67 as servers do for relays (the probe listens on no other
     * port); the site's server beside it never hears the DISCOVER.
     */
    @Test
    void aUnicastDiscoverToOneServerBoots() throws Exception {
        Peers.Run r = probe(List.of("--server", "10.77.0.1"), (net, started) -> {
            started.add(siteDhcp(net, tmp));                    // the unicast DISCOVER does not reach it
            List<String> options = new ArrayList<>(tftp());
            options.add("--pxe-service=0,Raspberry Pi Boot");
            started.add(dnsmasq(net, options.toArray(String[]::new)));
        });
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs()).isZero();
        assertThat(r.stdout()).contains("chose address from 10.77.0.1:67, boot server 10.77.0.1:67")
                .doesNotContain("10.77.0.2:67");
    }

    /**
     * {@code slow-file} on the wire: tftpd-hpa behind the test's UDP relay ({@code netboot.tftp.LossyRelay}), which
     * holds each datagram towards the board 60 ms, so each 1468-byte block takes a round trip of 60 ms or more; the
     * board's TFTP_FILE_TIMEOUT is 5000 ms (the least it takes). A 101-block kernel passes it (a Pi gives it up), the
     * 39-block device tree takes over a third of it.
     */
    @Test
    void aSlowTftpServerGivesSlowFileAgainstTheBoardsFileTimeout() throws Exception {
        Peers.requireExecutable("/usr/sbin/in.tftpd", "tftpd-hpa");
        Files.write(root.resolve(SERIAL + "/kernel8.img"), new byte[100 * 1468]);
        Peers.Run r = probe(List.of("--file-timeout", "5000"), (net, started) -> {
            started.add(dnsmasq(net, "--pxe-service=0,Raspberry Pi Boot"));          // siaddr: itself, 10.77.0.1
            started.add(start(net.in("srv", "/usr/sbin/in.tftpd", "-L", "-a", "10.77.0.1:1069", "-s", root.toString(),
                    "-u", "root"), tmp.resolve("tftpd.out")));
            started.add(start(net.in("srv", java("io.github.pieeprom.netboot.tftp.LossyRelay", "10.77.0.1:69",
                    "10.77.0.1:1069", "1", "0,0,0,0", "0,0,60,0")), tmp.resolve("relay.out")));
        });
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs()).isEqualTo(1);
        assertThat(r.stdout()).containsPattern("fail  slow-file: 10\\.77\\.0\\.1:69 took \\d+ ms for 1234abcd/kernel8\\.img "
                + "\\(146800 bytes\\), past TFTP_FILE_TIMEOUT 5000 ms: the Pi gives it up")
                .containsPattern("warn  slow-file: 10\\.77\\.0\\.1:69 took \\d+ ms for 1234abcd/bcm2711-rpi-4-b\\.dtb, over a "
                        + "third of TFTP_FILE_TIMEOUT 5000 ms").contains("a pi4 of serial 1234abcd would not boot");
    }

    /** boot serve's proxy answers a relayed DISCOVER at giaddr:67 too; alone it gives no address, as it should. */
    @Test
    void bootServeAnswersARelayedDiscoverAtTheRelayAgent() throws Exception {
        Peers.Run r = probe(List.of("--server", "10.77.0.1"), bootServeBesideTheSitesDnsmasq());
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs()).isEqualTo(1);
        assertThat(r.stdout()).contains("dhcp  10.77.0.1:67          no address, option 60 PXEClient, option 43 menu "
                + "\"Raspberry Pi Boot\"").contains("fail  no-address: answers came from 10.77.0.1:67 but none offers an "
                + "address").doesNotContain("10.77.0.2:67");
    }

    /** {@code eeprom boot dhcp-config --for kind} for a full server handing out 10.77.0.100-150, naming "srv". */
    private static String fullServerConfig(String kind) {
        io.github.pieeprom.cli.Cli.Result conf = io.github.pieeprom.cli.Cli.run("boot", "dhcp-config", "--for", kind,
                "--server", "10.77.0.1", "--subnet", "10.77.0.0/24", "--range", "10.77.0.100,10.77.0.150");
        assertThat(conf.exit()).as(conf.stderr()).isZero();
        return conf.out();
    }

    /** tftpd-hpa on "srv" serving the tree, with {@code options} (such as {@code -r blksize}). */
    private Process tftpdHpa(TestNetwork net, String... options) throws Exception {
        List<String> command = new ArrayList<>(net.in("srv", "/usr/sbin/in.tftpd", "-L", "-a", "10.77.0.1:69", "-s",
                root.toString(), "-u", "root"));
        command.addAll(List.of(options));
        return start(command, tmp.resolve("tftpd.out"));
    }

    /** A full server on "srv" answered with address and boot menu, and the files came from it: exit 0. */
    private static void assertBootsFromSrv(Peers.Run r, String logs) {
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs).isZero();
        assertThat(r.stdout()).containsPattern("dhcp  10\\.77\\.0\\.1:67 +address 10\\.77\\.0\\.1\\d\\d, option 60 "
                + "PXEClient, option 43 menu \"Raspberry Pi Boot\"").contains("TFTP 10.77.0.1\n")
                .contains("tftp  1234abcd/kernel8.img ").contains("a pi4 of serial 1234abcd would boot");
    }

    /** Kea from {@code eeprom boot dhcp-config --for kea}, {@code edit} applied to it, with tftpd-hpa as the TFTP server. */
    private ServerSet kea(java.util.function.UnaryOperator<String> edit) {
        return (net, started) -> {
            String json = edit.apply(fullServerConfig("kea")).replace("\"interfaces\": [ \"*\" ]", "\"interfaces\": [ \"eth0\" ]")
                    .replace("\"type\": \"memfile\",", "\"type\": \"memfile\", \"name\": \"" + tmp.resolve("kea.leases")
                            + "\",");
            Path file = Files.writeString(tmp.resolve("kea.json"), json);
            started.add(start(net.in("srv", "env", "KEA_PIDFILE_DIR=" + tmp, "KEA_LOCKFILE_DIR=" + tmp,
                    "KEA_LOGGER_DESTINATION=" + tmp.resolve("kea.log"), "/usr/sbin/kea-dhcp4", "-c", file.toString()),
                    tmp.resolve("kea.out")));
            started.add(tftpdHpa(net));
        };
    }

    @Test
    void keaWithAPiClassBoots() throws Exception {
        Peers.requireExecutable("/usr/sbin/kea-dhcp4", "kea-dhcp4-server");
        Peers.requireExecutable("/usr/sbin/in.tftpd", "tftpd-hpa");
        assertBootsFromSrv(probe(List.of(), kea(c -> c)), logs());
    }

    @Test
    void keaMatchingOldMacPrefixesOnlyMissesAPi5() throws Exception {
        Peers.requireExecutable("/usr/sbin/kea-dhcp4", "kea-dhcp4-server");
        Peers.requireExecutable("/usr/sbin/in.tftpd", "tftpd-hpa");
        Peers.Run r = probe(List.of("--model", "pi5"), kea(c -> c.replaceAll("\"test\": \"[^\"]*\"",
                "\"test\": \"substring(pkt4.mac,0,3) == 0xdca632 or substring(pkt4.mac,0,3) == 0xe45f01\"")));
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs()).isEqualTo(1);
        assertThat(r.stdout()).contains("fail  no-boot-answer: answers came from 10.77.0.1:67").contains("2c:cf:67");
    }

    /** The dnsmasq proxy {@code eeprom boot dhcp-config --for dnsmasq} prints, on "srv", {@code edit} applied to it. */
    private Process dnsmasqProxy(TestNetwork net, java.util.function.UnaryOperator<String> edit, String... options)
            throws Exception {
        io.github.pieeprom.cli.Cli.Result conf = io.github.pieeprom.cli.Cli.run("boot", "dhcp-config", "--for",
                "dnsmasq", "--server", "10.77.0.1", "--subnet", "10.77.0.0/24", "--interface", "eth0");
        assertThat(conf.exit()).as(conf.stderr()).isZero();
        Path file = Files.writeString(tmp.resolve("proxy.conf"), edit.apply(conf.out()));
        List<String> command = new ArrayList<>(net.in("srv", "/usr/sbin/dnsmasq", "--no-daemon", "--conf-file=" + file,
                "--dhcp-leasefile=" + tmp.resolve("proxy.leases"), "--user=root", "--log-dhcp",
                "--log-facility=" + tmp.resolve("dnsmasq-proxy.log")));
        command.addAll(List.of(options));
        return start(command, tmp.resolve("dnsmasq-proxy.out"));
    }

    @Test
    void dnsmasqAsAProxyBesideASecondDnsmasqHandingOutAddressesBoots() throws Exception {
        Peers.Run r = probe(List.of(), (net, started) -> {
            started.add(siteDhcp(net, tmp));
            started.add(dnsmasqProxy(net, c -> c, tftp().toArray(String[]::new)));
        });
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs()).isZero();
        assertThat(r.stdout()).containsPattern("dhcp  10\\.77\\.0\\.2:67 +address 10\\.77\\.0\\.1\\d\\d")
                .contains("dhcp  10.77.0.1:67          no address, option 60 PXEClient, option 43 menu \"Raspberry Pi Boot\"")
                .contains("chose address from 10.77.0.2:67, boot server 10.77.0.1:67, TFTP 10.77.0.1")
                .contains("tftp  1234abcd/kernel8.img ").doesNotContain("warn", "fail")
                .contains("a pi4 of serial 1234abcd would boot");
    }

    @Test
    void aMissingSerialFolderFallsBackToTheRootWithAWarning() throws Exception {
        Path folder = root.resolve(SERIAL);
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) Files.move(f, root.resolve(f.getFileName()));
        }
        Files.delete(folder);
        Peers.Run r = probe(List.of(), bootServeBesideTheSitesDnsmasq());
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs()).isZero();
        assertThat(r.stdout()).contains("tftp  1234abcd/start4.elf              not found")
                .contains("tftp  kernel8.img ").contains("warn  fell-back-to-root: 10.77.0.1:69 has no 1234abcd/start4.elf")
                .contains("a pi4 of serial 1234abcd would boot");
    }

    @Test
    void start4ElfAbsentEverywhereFails() throws Exception {
        Files.delete(root.resolve(SERIAL + "/start4.elf"));
        try (var files = Files.list(root.resolve(SERIAL))) {        // the root has every other file
            for (Path f : files.toList()) Files.copy(f, root.resolve(f.getFileName()));
        }
        Peers.Run r = probe(List.of(), (net, started) -> {
            List<String> options = new ArrayList<>(tftp());
            options.add("--pxe-service=0,Raspberry Pi Boot");
            started.add(dnsmasq(net, options.toArray(String[]::new)));
        });
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs()).isEqualTo(1);
        assertThat(r.stdout()).contains("tftp  kernel8.img ", "a pi4 of serial 1234abcd would not boot");
        assertThat(r.stdout().lines().filter(l -> l.startsWith("fail "))).containsExactly(
                "fail  file-missing: 10.77.0.1:69 has no start4.elf, which a Pi needs: add it (eeprom tftp stage "
                        + "copies a boot partition)");
    }

    @Test
    void aConfigTxtNamingAKernelThatIsNotThereFails() throws Exception {
        Files.writeString(root.resolve(SERIAL + "/config.txt"), "arm_64bit=1\nkernel=vmlinuz-6.6\n");
        Peers.Run r = probe(List.of(), (net, started) -> {
            List<String> options = new ArrayList<>(tftp());
            options.add("--pxe-service=0,Raspberry Pi Boot");
            started.add(dnsmasq(net, options.toArray(String[]::new)));
        });
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs()).isEqualTo(1);
        assertThat(r.stdout()).contains("fail  config-names-missing-file: config.txt names 1234abcd/vmlinuz-6.6, which "
                + "10.77.0.1:69 does not have");
    }

    /** ISC dhcpd from {@code eeprom boot dhcp-config --for isc}, {@code edit} applied, on {@code host}. */
    private ServerSet isc(String host, java.util.function.UnaryOperator<String> edit) {
        return (net, started) -> {
            Path file = Files.writeString(tmp.resolve("dhcpd.conf"), edit.apply(fullServerConfig("isc")));
            Path leases = Files.writeString(tmp.resolve("dhcpd.leases"), "");
            started.add(start(net.in(host, "/usr/sbin/dhcpd", "-f", "-d", "-4", "-cf", file.toString(), "-lf",
                    leases.toString(), "-pf", tmp.resolve("dhcpd.pid").toString(), "eth0"), tmp.resolve("dhcpd.out")));
            started.add(tftpdHpa(net));
        };
    }

    @Test
    void iscDhcpdWithThePiClassBoots() throws Exception {
        Peers.requireExecutable("/usr/sbin/dhcpd", "isc-dhcp-server");
        Peers.requireExecutable("/usr/sbin/in.tftpd", "tftpd-hpa");
        assertBootsFromSrv(probe(List.of(), isc("srv", c -> c)), logs());
    }

    @Test
    void iscDhcpdWithoutNextServerSendsThePiToItselfForFiles() throws Exception {
        Peers.requireExecutable("/usr/sbin/dhcpd", "isc-dhcp-server");
        Peers.requireExecutable("/usr/sbin/in.tftpd", "tftpd-hpa");
        Peers.Run r = probe(List.of(), isc("site", c -> c.replaceAll("(?m)^ *(next-server|option tftp-server-name) .*\n",
                "")));
        assertThat(r.exit()).as(r.stdout() + r.stderr() + logs()).isEqualTo(1);
        assertThat(r.stdout()).contains("chose address from 10.77.0.2:67, boot server 10.77.0.2:67, TFTP 10.77.0.2\n")
                .contains("fail  tftp-error: 10.77.0.2:69: fetching 1234abcd/start4.elf failed: no answer for 5 s")
                .contains("fail  no-tftp-server: the boot answer from 10.77.0.2:67 names no TFTP server (siaddr 0.0.0.0, "
                        + "no option 66)").doesNotContain("file-missing", "fell-back");
        assertThat(example()).as("examples/netboot/README.md shows this run").contains(finding(r, "no-tftp-server"))
                .contains(finding(r, "tftp-error"));
    }

    @Test
    void noServerAtAll() throws Exception {
        Peers.Run r = probe(List.of(), (net, started) -> { });
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stdout()).contains("fail  no-dhcp-answer: ");
    }
}
