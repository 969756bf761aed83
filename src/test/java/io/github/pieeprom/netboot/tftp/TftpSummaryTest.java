package io.github.pieeprom.netboot.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients asking for files that exist and files that do not: each request has exactly one outcome, so a
 * summary adds up. tftp-hpa acknowledges the ERROR that answers a missing file; that ACK is no new refusal.
 */
class TftpSummaryTest {
    @TempDir Path tmp;

    private static void run(String... command) throws Exception {
        assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, command[0]))),
                command[0] + " is not installed (Debian: apt-get install tftp-hpa atftp curl)");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyRequestHasOneOutcomeAndTheAckAfterAnErrorIsNotARefusal() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("start4.elf"), "x".repeat(3000));
        List<TftpEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (TftpServer server = TftpServer.start(TftpConfig.of(root)
                .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).withListener(events::add))) {
            String host = server.address().getAddress().getHostAddress(), port = Integer.toString(server.port());
            run("tftp", "-m", "octet", host, port, "-c", "get", "missing.elf", tmp.resolve("a").toString());
            run("tftp", "-m", "octet", host, port, "-c", "get", "start4.elf", tmp.resolve("b").toString());
            run("atftp", "-g", "-r", "missing.elf", "-l", tmp.resolve("c").toString(), host, port);
            run("curl", "-sS", "-o", tmp.resolve("d").toString(), "tftp://" + host + ":" + port + "/missing.elf");
            try (RawClient raw = new RawClient(server.address())) {
                raw.send(server.port(), ByteBuffer.wrap(new byte[] {0, 9, 'x', 0}));       // opcode 9: no request
                assertThat(raw.receive().packet()).isInstanceOf(TftpPacket.Error.class);
                raw.ack(server.port(), 1);                                              // an ACK for no transfer
                assertThat(raw.receiveWithin(300)).as("no answer to a stray ACK").isNull();
            }
        }
        List<String> kinds = events.stream().map(e -> e.getClass().getSimpleName() + " " + e.file()).toList();
        assertThat(kinds).containsExactly("Request missing.elf", "Refused missing.elf", "Request start4.elf",
                "Sent start4.elf", "Request missing.elf", "Refused missing.elf", "Request missing.elf",
                "Refused missing.elf", "Request ", "Refused ");
    }
}
