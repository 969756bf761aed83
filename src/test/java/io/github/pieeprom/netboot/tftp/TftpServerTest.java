package io.github.pieeprom.netboot.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.netboot.tftp.RawClient.Reply;
import io.github.pieeprom.netboot.tftp.TftpPacket.Data;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol as a hand-driven client sees it: refusals, retransmission, duplicate ACKs, windows, limits. */
class TftpServerTest {
    @TempDir Path dir;
    private Path root;
    private byte[] file;
    private final List<TftpEvent> events = new CopyOnWriteArrayList<>();
    private TftpServer server;
    private RawClient client;

    @BeforeEach
    void serve() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        file = new byte[5000];
        new Random(7).nextBytes(file);
        Files.write(root.resolve("file.bin"), file);
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(dir.resolve("secret"), "outside the root");
        Files.createSymbolicLink(root.resolve("escape"), dir.resolve("secret"));
        Files.createSymbolicLink(root.resolve("inside"), root.resolve("file.bin"));
        start(TftpConfig.of(root).withRetransmit(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(20)));
    }

    private void start(TftpConfig config) throws IOException {
        if (server != null) server.close();
        server = TftpServer.start(config.withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withListener(events::add));
        if (client != null) client.close();
        client = new RawClient(server.address());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void refusesNamesThatLeaveTheRootAndKeepsServing() throws IOException {
        assertRefused("../secret", 2, "path leaves the root (..)");
        assertRefused("sub/../../secret", 2, "path leaves the root (..)");
        assertRefused("/etc/passwd", 2, "absolute path");
        assertRefused("escape", 2, "symlink leaves the root");
        assertRefused("sub", 2, "is a folder, not a file");
        assertRefused("missing.bin", 1, "not found");
        assertThat(fetch("inside")).isEqualTo(file);
    }

    @Test
    void refusesWritesUnknownOpcodesTruncatedPacketsAndBadOptionsAndKeepsServing() throws IOException {
        client.send(server.port(), new TftpPacket.WriteRequest("file.bin", "octet").encode());
        assertThat(client.receive().packet()).isEqualTo(new TftpPacket.Error(2, "read-only server: write requests are refused"));
        client.send(server.port(), ByteBuffer.wrap(new byte[] {0, 9, 'x', 0}));
        assertThat(client.receive().packet()).isEqualTo(new TftpPacket.Error(4, "unknown opcode 9"));
        client.send(server.port(), ByteBuffer.wrap(new byte[] {0, 1, 'f', 'i', 'l', 'e'}));
        assertThat(client.receive().packet()).isEqualTo(new TftpPacket.Error(4,
                "RRQ is truncated: file name and mode must end in a zero byte"));
        client.send(server.port(), ByteBuffer.wrap(new byte[] {1}));
        assertThat(client.receive().packet()).isEqualTo(new TftpPacket.Error(4, "a packet of 1 byte(s) has no opcode"));
        assertThat(client.request("file.bin", Map.of("blksize", "4")).packet())
                .isEqualTo(new TftpPacket.Error(8, "blksize 4 is outside 8..65464"));
        client.send(server.port(), new TftpPacket.ReadRequest("file.bin", "mail", Map.of()).encode());
        assertThat(client.receive().packet()).isEqualTo(new TftpPacket.Error(4, "mode mail is not supported"));
        client.send(server.port(), new TftpPacket.Error(0, "an error is never answered").encode());
        assertThat(client.receiveWithin(300)).isNull();
        assertThat(fetch("file.bin")).isEqualTo(file);
    }

    @Test
    void aTransferInProgressSurvivesGarbageSentToTheServer() throws IOException {
        Reply first = client.request("file.bin", Map.of());
        try (RawClient attacker = new RawClient(server.address())) {
            for (byte[] junk : new byte[][] {{}, {0}, {0, 6}, {0, 3, 0, 1, 9}, {0, 1, 0, 0}, {(byte) 0xff, (byte) 0xff}}) {
                attacker.send(server.port(), ByteBuffer.wrap(junk));
                attacker.send(first.port(), ByteBuffer.wrap(junk));                    // its transfer port too
            }
        }
        client.ack(first.port(), 1);
        assertThat(client.receive().packet()).isInstanceOf(Data.class).extracting("block").isEqualTo(2);
    }

    @Test
    void aFileRewrittenInPlaceMidTransferIsSentAsItWasAndTheServerKeepsServing() throws IOException {
        Reply first = client.request("file.bin", Map.of());
        byte[] rewritten = new byte[700];                          // shorter: a mapping of the old size would fault
        new Random(8).nextBytes(rewritten);
        try (var out = Files.newOutputStream(root.resolve("file.bin"))) {     // truncated and written, same inode
            out.write(rewritten);
        }
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        Reply reply = first;
        while (true) {
            Data data = (Data) reply.packet();
            byte[] bytes = new byte[data.payload().remaining()];
            data.payload().get(bytes);
            got.writeBytes(bytes);
            client.ack(first.port(), data.block());
            if (bytes.length < 512) break;
            reply = client.receive();
        }
        assertThat(got.toByteArray()).as("the bytes the transfer began with").isEqualTo(file);
        assertThat(fetch("file.bin")).as("the next request: the new bytes").isEqualTo(rewritten);
    }

    @Test
    void aClientThatAsksAgainRightAfterItsFinalAckIsNeverRefused() throws IOException {
        Files.write(root.resolve("small.bin"), new byte[100]);
        for (int i = 0; i < 1000; i++)                             // as a Pi asks for file after file, no pause
            assertThat(fetch("small.bin")).as("fetch %d", i).hasSize(100);
    }

    @Test
    void aClientThatAsksAgainRightAfterItsFinalAckIsNeverRefusedByASingleEventLoop() throws IOException {
        start(TftpConfig.of(root).withEventLoops(1));                // requests and ACKs on one selector
        Files.write(root.resolve("small.bin"), new byte[100]);
        for (int i = 0; i < 1000; i++)
            assertThat(fetch("small.bin")).as("fetch %d", i).hasSize(100);
    }

    @Test
    void aDuplicateAckSendsNothingMore() throws IOException {
        int port = client.request("file.bin", Map.of()).port();
        client.ack(port, 1);
        assertThat(((Data) client.receive().packet()).block()).isEqualTo(2);
        client.ack(port, 1);                                   // late duplicate: must not resend block 2
        assertThat(client.receiveWithin(500)).isNull();
        client.ack(port, 2);
        assertThat(((Data) client.receive().packet()).block()).isEqualTo(3);
    }

    @Test
    void resendsAfterTheMeasuredRoundTripBacksOffToTheCeilingThenGivesUp() throws IOException {
        start(TftpConfig.of(root).withRetransmit(Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofMillis(2500)));
        Reply first = client.request("file.bin", Map.of());
        client.ack(first.port(), 1);                         // a round trip of well under 1 ms: the floor applies
        List<Long> arrivals = new java.util.ArrayList<>();
        Reply r;
        while ((r = client.receiveWithin(1500)) != null) {
            assertThat(((Data) r.packet()).block()).isEqualTo(2);
            arrivals.add(System.nanoTime() / 1_000_000);
        }
        List<Long> gaps = new java.util.ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) gaps.add(arrivals.get(i) - arrivals.get(i - 1));
        assertThat(gaps).as("ms between sends of block 2").hasSizeGreaterThanOrEqualTo(4);
        assertThat(gaps.get(0)).isBetween(90L, 250L);        // the floor, 100 ms
        assertThat(gaps.get(1)).isBetween(190L, 450L);       // doubled on each resend
        assertThat(gaps.get(2)).isBetween(390L, 650L);
        assertThat(gaps.subList(3, gaps.size())).allSatisfy(g -> assertThat(g).isBetween(790L, 1100L));   // ceiling
        assertThat(events).contains(new TftpEvent.Dropped(client(), "file.bin", 512, arrivals.size() - 1,
                "gave up: no ACK for block 2 in 2500 ms"));
    }

    @Test
    void aClientThatAcksOnlyAfterItsOwnTimerGetsTheFile() throws IOException {
        // Like atftp: a repeated block gets no answer, and its own timer (here 1.5 s) restarts on every packet, so
        // it re-sends its ACK only after that long a silence. Resending at a fixed 1 s would keep it silent forever.
        start(TftpConfig.of(root).withRetransmit(Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(10)));
        Reply first = client.request("file.bin", Map.of());
        client.ack(first.port(), 1);                         // then this client's ACK of block 2 is lost
        assertThat(((Data) client.receive().packet()).block()).isEqualTo(2);
        while (client.receiveWithin(1500) != null) {
            // repeats of block 2, ignored, each restarting the 1.5 s timer
        }
        client.ack(first.port(), 2);                         // the timer fired
        assertThat(((Data) client.receive().packet()).block()).isEqualTo(3);
    }

    @Test
    void aDuplicateAckATimeoutAfterTheLastSendResendsWithoutWaitingForTheBackedOffTimer() throws IOException {
        start(TftpConfig.of(root).withRetransmit(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(20)));
        Reply first = client.request("file.bin", Map.of());
        client.ack(first.port(), 1);
        for (int sends = 0; sends < 3; sends++)              // at 0, 200 and 600 ms; the next would be at 1400
            assertThat(((Data) client.receive().packet()).block()).isEqualTo(2);
        assertThat(client.receiveWithin(300)).isNull();
        client.ack(first.port(), 1);                         // the client's own timer: it still lacks block 2
        Reply again = client.receiveWithin(250);
        assertThat(again).as("block 2 again at once, not at 1400 ms").isNotNull();
        assertThat(((Data) again.packet()).block()).isEqualTo(2);
    }

    @Test
    void negotiatesOptionsThenSendsWindowsAndResumesAfterAMidWindowAck() throws IOException {
        Reply oack = client.request("file.bin", Map.of("blksize", "1000", "tsize", "0", "windowsize", "3"));
        assertThat(oack.packet()).isEqualTo(new TftpPacket.OptionAck(Map.of("blksize", "1000", "tsize", "5000",
                "windowsize", "3")));
        client.ack(oack.port(), 0);
        assertThat(blocks(3)).containsExactly(1, 2, 3);
        client.ack(oack.port(), 1);                            // the client lost block 2: resume after block 1
        assertThat(blocks(3)).containsExactly(2, 3, 4);
        client.ack(oack.port(), 4);
        List<Integer> last = blocks(2);
        assertThat(last).containsExactly(5, 6);               // 5000 bytes: 5 full blocks and an empty one
        client.ack(oack.port(), 6);
        assertThat(client.receiveWithin(300)).isNull();
        assertThat(events.get(events.size() - 1)).isInstanceOf(TftpEvent.Sent.class)
                .extracting("bytes").isEqualTo(5000L);
    }

    @Test
    void limitsTransfersPerClientAndInAll() throws IOException {
        start(TftpConfig.of(root).withLimits(3, 1));
        client.request("file.bin", Map.of());
        assertThat(client.request("file.bin", Map.of()).packet()).isEqualTo(new TftpPacket.Error(0,
                "too many transfers from 127.0.0.1: 1 in progress (the limit)"));
        start(TftpConfig.of(root).withLimits(1, 1));
        client.request("file.bin", Map.of());
        try (RawClient other = new RawClient(server.address())) {
            assertThat(other.request("file.bin", Map.of()).packet()).isEqualTo(new TftpPacket.Error(0,
                    "server busy: 1 transfers in progress (the limit)"));
        }
    }

    @Test
    void reportsEachRequestThenItsOutcomeAndDropsTransfersWhenClosed() throws IOException {
        assertThat(fetch("file.bin")).isEqualTo(file);
        client.request("missing", Map.of());
        client.request("file.bin", Map.of("tsize", "0"));
        server.close();
        InetSocketAddress me = client();
        assertThat(events).hasSize(6);
        assertThat(events.get(0)).isEqualTo(new TftpEvent.Request(me, "file.bin", "RRQ", "octet", Map.of()));
        assertThat(events.get(1)).isInstanceOf(TftpEvent.Sent.class).extracting("client", "file", "bytes")
                .containsExactly(me, "file.bin", 5000L);
        assertThat(events.subList(2, 6)).containsExactly(
                new TftpEvent.Request(me, "missing", "RRQ", "octet", Map.of()),
                new TftpEvent.Refused(me, "missing", 1, "not found"),
                new TftpEvent.Request(me, "file.bin", "RRQ", "octet", Map.of("tsize", "0")),
                new TftpEvent.Dropped(me, "file.bin", 0, 0, "server stopped"));
    }

    private InetSocketAddress client() {
        return client.address();
    }

    private List<Integer> blocks(int count) throws IOException {
        List<Integer> blocks = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) blocks.add(((Data) client.receive().packet()).block());
        return blocks;
    }

    private void assertRefused(String name, int code, String reason) throws IOException {
        assertThat(client.request(name, Map.of()).packet()).isEqualTo(new TftpPacket.Error(code, reason));
    }

    /** A whole file, RFC 1350 lock-step. */
    private byte[] fetch(String name) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Reply reply = client.request(name, Map.of());
        while (true) {
            Data data = (Data) reply.packet();
            byte[] bytes = new byte[data.payload().remaining()];
            data.payload().get(bytes);
            out.writeBytes(bytes);
            client.ack(reply.port(), data.block());
            if (bytes.length < 512) return out.toByteArray();
            reply = client.receive();
        }
    }
}
