package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pieeprom.netboot.tftp.TftpEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eeprom tftp serve} run in-process, fetched from with curl, then stopped as Ctrl-C would. */
class TftpServeCommandTest {
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";
    private static final String CLIENT = "127\\.0\\.0\\.1:\\d+";

    @TempDir Path dir;

    @Test
    void aPortInUseIsOneLineNamingTheAddressAsTheLogDoes() throws Exception {
        Files.createDirectories(dir.resolve("root"));
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = taken.getLocalPort();
            Cli.Result r = Cli.run("tftp", "serve", "--root", dir.resolve("root").toString(), "--bind", "127.0.0.1",
                    "--port", String.valueOf(port));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("eeprom: error: cannot listen on 127.0.0.1:" + port
                    + ": Address already in use\n");                            // was /127.0.0.1:PORT
        }
    }

    @Test
    void logsEachRequestAndOutcomeThenASummaryWhenStopped() throws Exception {
        List<String> log = serveAndFetch(false, "hello.txt", "missing.bin", "..%2Fsecret");
        String port = log.get(0).replaceAll(".*:", "");
        assertThat(log.get(0)).matches(TIME + " serving " + dir.resolve("root").toRealPath() + " on 127.0.0.1:" + port);
        assertThat(log.subList(1, log.size())).satisfiesExactly(
                l -> assertThat(l).matches(TIME + " " + CLIENT + " RRQ hello.txt octet"),
                l -> assertThat(l).matches(TIME + " " + CLIENT + " hello.txt: sent 6 bytes in \\d+ ms"),
                l -> assertThat(l).matches(TIME + " " + CLIENT + " RRQ missing.bin octet"),
                l -> assertThat(l).matches(TIME + " " + CLIENT + " missing.bin: not found"),
                l -> assertThat(l).matches(TIME + " " + CLIENT + " RRQ \\.\\./secret octet"),
                l -> assertThat(l).matches(TIME + " " + CLIENT + " \\.\\./secret: refused: path leaves the root \\(\\.\\.\\)"),
                l -> assertThat(l).matches(TIME + " summary: 3 requests, 1 sent \\(6 bytes\\), 1 not found, 1 refused, "
                        + "0 dropped, 0 packets sent again"));
    }

    @Test
    void jsonLogHasOneObjectPerLine() throws Exception {
        List<String> log = serveAndFetch(true, "hello.txt");
        assertThat(log).hasSize(4);
        assertThat(log.get(1)).matches("\\{\"time\":\"" + TIME + "\",\"event\":\"request\",\"client\":\"" + CLIENT
                + "\",\"file\":\"hello.txt\",\"kind\":\"RRQ\",\"mode\":\"octet\",\"options\":\\{}}");
        assertThat(log.get(2)).matches("\\{\"time\":\"" + TIME + "\",\"event\":\"sent\",\"client\":\"" + CLIENT
                + "\",\"file\":\"hello.txt\",\"bytes\":6,\"ms\":\\d+,\"resent\":0}");
        assertThat(log.get(3)).matches("\\{\"time\":\"" + TIME + "\",\"event\":\"summary\",\"requests\":1,\"sent\":1,"
                + "\"bytes\":6,\"notFound\":0,\"refused\":0,\"dropped\":0,\"resent\":0}");
    }

    @Test
    void writesIpv6AddressesInTheirShortForm() throws Exception {
        assertThat(TftpLog.address(new InetSocketAddress(InetAddress.getByName("::1"), 69))).isEqualTo("[::1]:69");
        assertThat(TftpLog.address(new InetSocketAddress(InetAddress.getByName("fe80:0:0:0:1:0:0:2"), 1024)))
                .isEqualTo("[fe80::1:0:0:2]:1024");
        assertThat(TftpLog.address(new InetSocketAddress(InetAddress.getByName("10.0.0.5"), 49152)))
                .isEqualTo("10.0.0.5:49152");
    }

    @Test
    void aRootThatIsNotAFolderIsBadInput() {
        Cli.Result r = Cli.run("tftp", "serve", "--root", dir.resolve("nope").toString(), "--port", "0");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + dir.resolve("nope") + ": no such folder\n");
    }

    @Test
    void aLogThatIsAFolderSaysSoInOurWordsNotTheSystemsIsADirectory() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Cli.Result r = Cli.run("tftp", "serve", "--root", root.toString(), "--port", "0", "--log", root.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + root + ": is a folder, not a file\n");   // was: Is a directory
    }

    @Test
    void saysHowManyPacketsWentAgainAndWhyATransferWasDropped() throws IOException {
        StringWriter text = new StringWriter();
        TftpLog log = new TftpLog(new PrintWriter(text), false,
                Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        InetSocketAddress pi = new InetSocketAddress(InetAddress.getByName("10.0.0.21"), 49152);
        log.record(new TftpEvent.Sent(pi, "start4.elf", 2285600, Duration.ofMillis(569), 3));
        log.record(new TftpEvent.Sent(pi, "fixup4.dat", 5000, Duration.ofMillis(4), 0));
        log.record(new TftpEvent.Dropped(pi, "kernel8.img", 443392, 1, "gave up: no ACK for block 434 in 60 s"));
        log.summary();
        assertThat(text.toString().lines()).containsExactly(
                "2026-12-07T10:00:00Z 10.0.0.21:49152 start4.elf: sent 2285600 bytes in 569 ms, 3 packets sent again",
                "2026-12-07T10:00:00Z 10.0.0.21:49152 fixup4.dat: sent 5000 bytes in 4 ms",
                "2026-12-07T10:00:00Z 10.0.0.21:49152 kernel8.img: dropped after 443392 bytes, 1 packet sent again: "
                        + "gave up: no ACK for block 434 in 60 s",
                "2026-12-07T10:00:00Z summary: 0 requests, 2 sent (2290600 bytes), 0 not found, 0 refused, 1 dropped, "
                        + "4 packets sent again");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        Cli.Result r = Cli.run("tftp", "serve", "--root", dir.toString(), "--port", "70000");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: --port 70000 is outside 0..65535\n");
    }

    /** Serves dir/root, lets curl ask for each name, stops the command as Ctrl-C would, returns the log lines. */
    private List<String> serveAndFetch(boolean json, String... names) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed (apt-get install curl)");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        Path logFile = dir.resolve("tftp.log");
        int port = freePort();
        AtomicReference<Cli.Result> result = new AtomicReference<>();
        Thread serving = new Thread(() -> result.set(Cli.run(json
                ? new String[] {"tftp", "serve", "--root", root.toString(), "--bind", "127.0.0.1", "--port", "" + port,
                        "--log", logFile.toString(), "--json-log"}
                : new String[] {"tftp", "serve", "--root", root.toString(), "--bind", "127.0.0.1", "--port", "" + port,
                        "--log", logFile.toString()})));
        serving.start();
        while (!Files.exists(logFile) || Files.size(logFile) == 0) {
            assertThat(serving.isAlive()).as("server still running").isTrue();
            Thread.sleep(20);
        }
        for (int i = 0; i < names.length; i++) {
            Process curl = new ProcessBuilder("curl", "-s", "--tftp-no-options", "-o", dir.resolve("out").toString(),
                    "tftp://127.0.0.1:" + port + "/" + names[i]).start();
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.readAllLines(logFile).size() < 3 + 2 * i && System.nanoTime() < deadline) {
                Thread.sleep(20);                              // curl's last ACK may still be on its way
            }
        }
        serving.interrupt();
        serving.join(10_000);
        assertThat(result.get().exit()).as(result.get().stderr()).isZero();
        return Files.readAllLines(logFile);
    }

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
