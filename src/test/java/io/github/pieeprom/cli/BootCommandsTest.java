package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Peers;
import io.github.pieeprom.testing.TmpfsMount;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code eeprom boot}'s commands at their edges: configs the real servers accept, usage errors, status on disk. */
class BootCommandsTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @CsvSource({
        "dnsmasq, '', '', Raspberry Pi Boot, /usr/sbin/dnsmasq, dnsmasq-base",
        "dnsmasq, 10.0.0.100;10.0.0.199, '', Raspberry Pi Boot, /usr/sbin/dnsmasq, dnsmasq-base",
        "dnsmasq, '', br-lab.10, 'Lab Pi Boot; rack #2 (it''s {here}) ~ $x', /usr/sbin/dnsmasq, dnsmasq-base",
        "kea, 10.0.0.100;10.0.0.199, lo, Raspberry Pi Boot, /usr/sbin/kea-dhcp4, kea-dhcp4-server",
        "isc, 10.0.0.100;10.0.0.199, '', Raspberry Pi Boot, /usr/sbin/dhcpd, isc-dhcp-server",
        "isc, 10.0.0.100;10.0.0.199, eth1, Raspberry Pi Boot, /usr/sbin/dhcpd, isc-dhcp-server"})
    void eachConfigPassesItsServersOwnChecker(String server, String range, String iface, String menu, String checker,
            String pkg) throws IOException {
        Peers.requireExecutable(checker, pkg);
        List<String> args = new ArrayList<>(List.of("boot", "dhcp-config", "--for", server, "--server", "10.0.0.1",
                "--subnet", "10.0.0.0/24", "--menu", menu));
        if (!range.isEmpty()) args.addAll(List.of("--range", range.replace(';', ',')));
        if (!iface.isEmpty()) args.addAll(List.of("--interface", iface));
        Cli.Result r = Cli.run(args.toArray(new String[0]));
        assertThat(r.exit()).as(r.stderr()).isZero();
        String text = new String(r.stdout(), StandardCharsets.UTF_8);
        Path file = Files.writeString(tmp.resolve(server + ".conf"), text);
        Peers.Run check = switch (server) {
            case "dnsmasq" -> Peers.run(checker, "--test", "-C", file.toString());
            case "kea" -> Peers.run(checker, "-t", file.toString());
            default -> Peers.run(checker, "-t", "-cf", file.toString());
        };
        assertThat(check.exit()).as(text + check.stdout() + check.stderr()).isZero();
        assertThat(text).containsIgnoringCase(server.equals("kea") ? "0601030A04005058450914000011"
                : server.equals("isc") ? "06:01:03:0a:04:00:50:58:45:09:14:00:00:11"
                : "pxe-service=tag:rpi,0,\"" + menu + "\"\n");
        assertThat(text).contains(server.equals("isc") ? "2c:cf:67" : server.equals("kea") ? "0x2ccf67" : "2c:cf:67:*:*:*");
        if (server.equals("dnsmasq")) assertThat(text).contains("dhcp-match=set:rpi,97,0:52:50:69:34",
                range.isEmpty() ? "dhcp-range=10.0.0.0,proxy,255.255.255.0" : "dhcp-range=10.0.0.100,10.0.0.199,");
        if (!iface.isEmpty()) assertThat(text).contains(server.equals("kea") ? "[ \"" + iface + "\" ]"
                : server.equals("isc") ? "\n# dhcpd takes its interfaces on its command line: dhcpd -cf THIS-FILE "
                + iface + "\n" : "\ninterface=" + iface + "\n");
    }

    /**
     * What would add lines of its own to a config (a newline, a quote that ends dnsmasq's string, a backslash that
     * starts one of its escapes) and what a server cannot use is refused in one line, exit 2, for every server; the
     * refusal comes before any output.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        --interface | eth0\\ndhcp-script=/tmp/evil | --interface: character 5 is U+000A; an interface name is printable ASCII without spaces, /, :, " or \\
        --interface | eth0"],"x":["         | --interface: character 5 is '"'; an interface name is printable ASCII without spaces, /, :, " or \\
        --interface | eth0:1                   | --interface: character 5 is ':'; an interface name is printable ASCII without spaces, /, :, " or \\
        --interface | eth 0                    | --interface: character 4 is U+0020; an interface name is printable ASCII without spaces, /, :, " or \\
        --interface | a-very-long-name0        | --interface: "a-very-long-name0" is not an interface name: Linux takes 1 to 15 characters, not . or ..
        --interface | ..                       | --interface: ".." is not an interface name: Linux takes 1 to 15 characters, not . or ..
        --menu      | a"\\nconf-file=/x         | --menu: character 2 is '"'; a PXE menu text is printable ASCII without " or \\
        --menu      | Pi Boot\\nconf-file=/x    | --menu: character 8 is U+000A; a PXE menu text is printable ASCII without " or \\
        --menu      | Pi Boot\\               | --menu: character 8 is '\\'; a PXE menu text is printable ASCII without " or \\
        --menu      | Pi Boot\\t                | --menu: character 8 is U+0009; a PXE menu text is printable ASCII without " or \\
        --menu      | Café                     | --menu: character 4 is U+00E9; a PXE menu text is printable ASCII without " or \\
        --menu      | ''                       | --menu: a PXE menu text has 1 to 240 characters, found 0
        --menu      | x{241}                   | --menu: a PXE menu text has 1 to 240 characters, found 241
        --range     | 10.0.0.50,10.0.1.5       | --range: 10.0.1.5 is outside --subnet 10.0.0.0/24
        --range     | 10.0.0.60,10.0.0.50      | --range: 10.0.0.60 comes after 10.0.0.50: give the first address first
        --range     | 10.0.0.50,10.0.0.256     | --range: 10.0.0.256 is not an IPv4 address: 256 is more than 255
        --range     | 10.0.0.50\\n,10.0.0.60    | --range: expected FIRST,LAST such as 10.0.0.100,10.0.0.199, found "10.0.0.50\\x0a,10.0.0.60"
        --subnet    | 10.0.0.0/33              | --subnet: prefix length 33 is outside 0..32
        --subnet    | 10.0.0.5/24              | --subnet: 10.0.0.5/24 has host bits set: the network is 10.0.0.0/24
        --server    | 10.0.0.1\\nconf-file=/x   | --server: expected an IPv4 address such as 10.0.0.1, found "10.0.0.1\\x0aconf-file=/x"
        """)
    void aValueThatWouldAddLinesOrThatNoServerTakesIsAUsageErrorInOneLine(String option, String value,
            String message) {
        String given = value.replace("\\n", "\n").replace("\\t", "\t").replace("x{241}", "x".repeat(241));
        for (String server : List.of("dnsmasq", "kea", "isc")) {
            List<String> args = new ArrayList<>(List.of("boot", "dhcp-config", "--for", server, "--server", "10.0.0.1",
                    "--subnet", "10.0.0.0/24", "--range", "10.0.0.100,10.0.0.199"));
            int at = args.indexOf(option);
            if (at >= 0) args.set(at + 1, given);
            else args.addAll(List.of(option, given));
            Cli.Result r = Cli.run(args.toArray(new String[0]));
            assertThat(r.exit()).as(server + ": " + r.stderr()).isEqualTo(2);
            assertThat(r.stderr()).as(server).isEqualTo("eeprom: error: " + message + "\n");
            assertThat(r.stdout()).as(server).isEmpty();
        }
    }

    @Test
    void keaAndIscHaveNoProxyModeAndSaySo() {
        Cli.Result r = Cli.run("boot", "dhcp-config", "--for", "kea", "--server", "10.0.0.1", "--subnet", "10.0.0.0/24");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: --for kea: Kea has no proxy DHCP mode: give --range "
                + "FIRST,LAST for a full server, or use --for dnsmasq\n");
    }

    @Test
    void proxyDhcpNeedsTheAddressItNamesInItsAnswers() throws IOException {
        Cli.Result r = Cli.run("boot", "serve", "--root", Files.createDirectory(tmp.resolve("root")).toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: --dhcp proxy needs --bind ADDR, the IPv4 address the boards "
                + "fetch files from (or --dhcp off)\n");
    }

    @Test
    void aBindAddressNoBoardCanUseIsAUsageErrorBeforeAnythingIsServed() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        String[][] cases = {
            {"", "--bind: expected an address of this machine such as 10.0.0.1, found an empty value"},
            {"224.0.0.1", "--bind: 224.0.0.1 is a multicast address; give one of this machine's"},
            {"127.0.0.1:80", "--bind: \"127.0.0.1:80\" is not an IP address, nor a name that resolves"},
            {"0.0.0.0", "--dhcp proxy needs --bind ADDR, the IPv4 address the boards fetch files from (or --dhcp off); "
                    + "0.0.0.0 is not one: the proxy tells the boards this address"}};
        for (String[] c : cases) {
            Cli.Result r = Cli.run("boot", "serve", "--root", root.toString(), "--bind", c[0], "--tftp-port", "0",
                    "--dhcp-port", "0", "--netconsole-port", "0");
            assertThat(r.exit()).as(c[0]).isEqualTo(2);
            assertThat(r.stderr()).isEqualTo("eeprom: error: " + c[1] + "\n");
        }
        Cli.Result tftp = Cli.run("tftp", "serve", "--root", root.toString(), "--bind", "", "--port", "0");
        assertThat(tftp.exit()).isEqualTo(2);
        assertThat(tftp.stderr()).isEqualTo("eeprom: error: " + cases[0][1] + "\n");
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void bootServeRefusesAMenuTextThatDhcpConfigRefusesBeforeItServes() throws IOException {
        Cli.Result r = Cli.run("boot", "serve", "--root", Files.createDirectory(tmp.resolve("root")).toString(),
                "--bind", "127.0.0.1", "--menu", "Pi Boot\nconf-file=/x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: --menu: character 8 is U+000A; a PXE menu text is printable "
                + "ASCII without \" or \\\n");
        assertThat(tmp.resolve("root/.eeprom-boot")).doesNotExist();
    }

    @Test
    void bootServeTakesTheTftpLimitsOfTftpServeForBoardsBehindOneAddress() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Files.write(root.resolve("start4.elf"), new byte[5000]);
        Path log = tmp.resolve("serve.log");
        AtomicReference<Cli.Result> result = new AtomicReference<>();
        Thread serving = new Thread(() -> result.set(Cli.run("boot", "serve", "--root", root.toString(), "--bind",
                "127.0.0.1", "--dhcp", "off", "--tftp-port", "0", "--netconsole-port", "0", "--max-per-client", "1",
                "--log", log.toString())));
        serving.start();
        try (DatagramSocket board = new DatagramSocket(0,
                InetAddress.getLoopbackAddress())) {
            while (!Files.exists(log) || !Files.readString(log).contains(" serving ")) {
                assertThat(serving.isAlive()).as("boot serve still running: %s", result).isTrue();
                Thread.sleep(20);
            }
            String first = Files.readString(log).lines().filter(l -> l.contains(" serving ")).findFirst().orElseThrow();
            int port = Integer.parseInt(first.replaceAll(".*:", ""));
            board.setSoTimeout(5000);
            byte[] rrq = "\0\1start4.elf\0octet\0".getBytes(StandardCharsets.ISO_8859_1);
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            board.send(new DatagramPacket(rrq, rrq.length, server));
            DatagramPacket reply = new DatagramPacket(new byte[600], 600);
            board.receive(reply);
            assertThat(reply.getData()[1]).as("block 1 of the first transfer").isEqualTo((byte) 3);
            board.send(new DatagramPacket(rrq, rrq.length, server));    // no ACK: the first stays open
            do board.receive(reply); while (reply.getPort() != port);  // not block 1 again, from the first's port
            assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.ISO_8859_1))
                    .isEqualTo("\0\5\0\0too many transfers from 127.0.0.1: 1 in progress (the limit)\0");
        } finally {
            serving.interrupt();
            serving.join(10_000);
        }
        assertThat(result.get().exit()).as(result.get().stderr()).isZero();
        Cli.Result bad = Cli.run("boot", "serve", "--root", root.toString(), "--dhcp", "off", "--give-up", "0");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).isEqualTo("eeprom: error: --give-up 0 is below 1\n");     // names the option given
        Cli.Result timeout = Cli.run("tftp", "serve", "--root", root.toString(), "--timeout", "19");
        assertThat(timeout.exit()).isEqualTo(2);
        assertThat(timeout.stderr()).isEqualTo("eeprom: error: --timeout 19 is below 20\n");
    }

    @Test
    void aStateThatCannotBeWrittenWhenTheServerStopsIsANoteNotAStackTrace() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path log = tmp.resolve("serve.log");
        try (TmpfsMount disk = TmpfsMount.of(tmp.resolve("disk"), "size=64k")) {
            Path state = disk.dir().resolve("state");
            AtomicReference<Cli.Result> result = new AtomicReference<>();
            Thread serving = new Thread(() -> result.set(Cli.run("boot", "serve", "--root", root.toString(), "--bind",
                    "127.0.0.1", "--dhcp", "off", "--tftp-port", "0", "--netconsole-port", "0", "--state",
                    state.toString(), "--log", log.toString())));
            serving.start();
            while (!Files.exists(log) || !Files.readString(log).contains(" serving ")) {
                assertThat(serving.isAlive()).as("boot serve still running: %s", result).isTrue();
                Thread.sleep(20);
            }
            try (var fill = Files.newOutputStream(disk.dir().resolve("fill"))) {       // the disk fills while it serves
                fill.write(new byte[128 * 1024]);
            } catch (IOException full) {
                // as full as it gets
            }
            serving.interrupt();
            serving.join(10_000);
            Cli.Result r = result.get();
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.stderr()).doesNotContain("Exception", "\tat ");
            assertThat(Files.readString(log)).as("the log, where the notes go with --log")
                    .contains("cannot write the state to " + state + ": No space left on device");
        }
    }

    @Test
    void portSixtySevenWithoutTheCapabilitySaysWhatItNeedsInOneLineAndLeavesNoState() throws Exception {
        Peers.requireExecutable("/usr/bin/setpriv", "util-linux");
        Path root = Files.createDirectory(tmp.resolve("root"));
        Peers.Run r = Peers.run(List.of("/usr/bin/setpriv", "--bounding-set=-net_bind_service",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), EepromCli.class.getName(), "boot", "serve", "--root",
                root.toString(), "--bind", "127.0.0.1", "--tftp-port", "0", "--netconsole-port", "0"), null);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: cannot listen for DHCP on port 67: Permission denied (a port "
                + "below 1024 needs root or CAP_NET_BIND_SERVICE; --dhcp-port N for tests)\n");
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void statusNamesAFolderThatIsASymlinkIntoNothingAndSaysWhenNoBoardCameYet() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Cli.Result empty = Cli.run("boot", "status", "--root", root.toString());
        assertThat(new String(empty.stdout(), StandardCharsets.UTF_8))
                .isEqualTo("no boards seen yet (state: " + root.resolve(".eeprom-boot") + ")\n");
        Cli.Result typo = Cli.run("boot", "status", "--root", tmp.resolve("roto").toString());
        assertThat(typo.exit()).as("a root that is not there is not a quiet rack").isEqualTo(1);
        assertThat(typo.stderr()).isEqualTo("eeprom: error: " + tmp.resolve("roto") + ": no such folder\n");
        Cli.Result logsTypo = Cli.run("boot", "logs", "--root", tmp.resolve("roto").toString(), "5b154510");
        assertThat(logsTypo.exit()).isEqualTo(1);
        assertThat(logsTypo.stderr()).isEqualTo(typo.stderr());
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        for (Path state : List.of(file, dangling)) {
            String why = state.equals(file) ? "a file, not a folder" : "a symbolic link to nothing";
            for (List<String> command : List.of(List.of("boot", "status"), List.of("boot", "logs", "5b154510"),
                    List.of("boot", "serve", "--bind", "127.0.0.1", "--dhcp", "off", "--tftp-port", "0",
                            "--netconsole-port", "0"))) {
                List<String> args = new ArrayList<>(command);
                args.addAll(List.of("--root", root.toString(), "--state", state.toString()));
                Cli.Result r = Cli.run(args.toArray(String[]::new));
                assertThat(r.exit()).as(args.toString()).isEqualTo(1);
                assertThat(r.stderr()).isEqualTo("eeprom: error: " + state + ": the state folder is " + why + "\n");
                assertThat(r.out()).as("nothing served").isEmpty();
            }
        }
        Path boardsFolder = Files.createDirectories(tmp.resolve("other/.eeprom-boot/boards.tsv"));
        Cli.Result folderState = Cli.run("boot", "status", "--root", tmp.resolve("other").toString());
        assertThat(folderState.exit()).isEqualTo(1);
        assertThat(folderState.stderr()).isEqualTo("eeprom: error: " + boardsFolder + ": is a folder, not the state "
                + "file\n");
        Files.createSymbolicLink(root.resolve("5b154510"), tmp.resolve("images/gone"));
        Files.createDirectories(root.resolve(".eeprom-boot"));
        Files.writeString(root.resolve(".eeprom-boot/boards.tsv"), "# eeprom boot state 1\nmac=dc:a6:32:2e:f8:ed\t"
                + "serial=5b154510\trevision=a03111\tfourcc=RPi4\tip=10.0.0.50\tfirst=2026-12-07T10:00:00Z\t"
                + "last=2026-12-07T10:00:05Z\tdhcp=2\toffered=1\ttftp=1\tfiles=\tfell-back=0\t"
                + "config-without-options=0\terror=\tlog=\n");
        Cli.Result r = Cli.run("boot", "status", "--root", root.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo(
                "5b154510  dc:a6:32:2e:f8:ed RPi4 a03111 10.0.0.50       last seen 2026-12-07T10:00:05Z  dhcp 2, "
                        + "tftp 1, 0 files sent\n  ! its folder 5b154510/ is a symlink to " + tmp.resolve("images/gone")
                        + ", which does not exist\n");
        Cli.Result json = Cli.run("boot", "status", "--root", root.toString(), "--json");
        assertThat(new String(json.stdout(), StandardCharsets.UTF_8)).contains("\"serial\": \"5b154510\"",
                "\"findings\": [\n        \"its folder 5b154510/ is a symlink to ");
        Cli.Result logs = Cli.run("boot", "logs", "--root", root.toString(), "00000000");
        assertThat(logs.exit()).isEqualTo(1);
        assertThat(logs.stderr()).isEqualTo("eeprom: error: 00000000: no such board in " + root.resolve(".eeprom-boot")
                + " (boards: 5b154510)\n");
        // a state file damaged into another encoding names its line; a board's log with such a byte is still shown
        Path boards = root.resolve(".eeprom-boot/boards.tsv");
        byte[] good = Files.readAllBytes(boards);
        Files.write(boards, "# eeprom boot state 1\nmac=x\u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
        Cli.Result damaged = Cli.run("boot", "status", "--root", root.toString());
        assertThat(damaged.exit()).isEqualTo(1);
        assertThat(damaged.stderr()).isEqualTo("eeprom: error: " + boards + ":2: not UTF-8: byte 0xff at column 6; "
                + "save the file as UTF-8\n");
        Files.write(boards, new String(good, StandardCharsets.UTF_8).replace("log=\n", "log=5b154510.log\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(root.resolve(".eeprom-boot/logs"));
        Files.write(root.resolve(".eeprom-boot/logs/5b154510.log"), "boot: \u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
        Cli.Result withLog = Cli.run("boot", "status", "--root", root.toString());
        assertThat(withLog.exit()).as(withLog.stderr()).isZero();
        assertThat(withLog.out()).contains("boot: \ufffd");
    }

    @Test
    void netbootNetconsoleWritesTheSettingInTheDocumentedFormatWithinItsLengthLimit() throws IOException {
        String image = io.github.pieeprom.testing.FirmwareSamples.DIR.resolve("synthetic-2711-notbootable.bin").toString();
        Cli.Result r = Cli.run("netboot", image, "-o", tmp.resolve("nb.bin").toString(), "--netconsole",
                "65535@255.255.255.255", "--dry-run");
        assertThat(r.exit()).as(r.stderr()).isZero();
        String config = new String(r.stdout(), StandardCharsets.US_ASCII);
        // src_port@src_ip/dev,dst_port@dst_ip/dst_mac, at most 32 characters (BOOTCONF.md §4.5)
        assertThat(config).contains("\nNETCONSOLE=@0.0.0.0/,65535@255.255.255.255/\n");
        assertThat("@0.0.0.0/,65535@255.255.255.255/").hasSize(32);
        Path conf = Files.writeString(tmp.resolve("bootconf.txt"), config);
        Cli.Result valid = Cli.run("validate", conf.toString());
        assertThat(valid.exit()).as(valid.stderr() + new String(valid.stdout(), StandardCharsets.UTF_8)).isZero();
        Cli.Result bad = Cli.run("netboot", image, "-o", tmp.resolve("nb.bin").toString(), "--netconsole", "6666",
                "--dry-run");
        assertThat(bad.exit()).isEqualTo(2);
    }
}
