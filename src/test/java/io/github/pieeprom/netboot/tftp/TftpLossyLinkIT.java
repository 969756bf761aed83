package io.github.pieeprom.netboot.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pieeprom.netboot.tftp.LossyRelay.Link;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real clients (curl, tftp-hpa, atftp) and one that asks as the Pi bootloader does fetch files through a
 * {@link LossyRelay} that loses, duplicates and reorders packets; every file arrives byte for byte (its SHA-256 is
 * the served file's). Each case has its own relay seed, so a failure repeats.
 */
class TftpLossyLinkIT {
    private static final int SIZE = 512 * 1024;

    private record Case(String link, Link toServer, Link toClient, long seed) {
        @Override
        public String toString() {
            return link;
        }
    }

    private static final List<Case> LINKS = List.of(
            new Case("1 % loss each way", Link.loss(0.01), Link.loss(0.01), 1),
            new Case("5 % loss each way", Link.loss(0.05), Link.loss(0.05), 5),
            new Case("5 % duplication, 1 ± 1 ms", new Link(0, 0.05, 1, 1), new Link(0, 0.05, 1, 1), 7),
            new Case("reordering, 2 ± 1 ms", new Link(0, 0, 2, 1), new Link(0, 0, 2, 1), 11));

    /** A client invocation: {@code %h} host, {@code %p} port, {@code %f} remote name, {@code %o} output file. */
    private record Client(String name, String... command) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Client> CLIENTS = List.of(
            new Client("curl blksize 1468 (asks timeout 6)", "curl", "-sS", "--tftp-blksize", "1468", "-o", "%o",
                    "tftp://%h:%p/%f"),
            new Client("tftp-hpa 512", "tftp", "-m", "octet", "%h", "%p", "-c", "get", "%f", "%o"),
            new Client("atftp blksize 1024", "atftp", "-g", "-r", "%f", "-l", "%o", "--option", "blksize 1024",
                    "%h", "%p"),
            new Client("atftp blksize 1024 windowsize 8", "atftp", "-g", "-r", "%f", "-l", "%o",
                    "--option", "blksize 1024", "--option", "windowsize 8", "%h", "%p"));

    @TempDir static Path dir;
    private static Path root;
    private static String expected;
    private static final List<TftpEvent> EVENTS = new CopyOnWriteArrayList<>();
    private static TftpServer server;

    @BeforeAll
    static void serve() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        byte[] bytes = new byte[SIZE];
        new Random(22).nextBytes(bytes);
        Files.write(root.resolve("f.bin"), bytes);
        expected = sha256(bytes);
        server = TftpServer.start(TftpConfig.of(root).withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withListener(EVENTS::add));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> realClients() {
        List<Arguments> all = new ArrayList<>();
        for (Case link : LINKS) for (Client client : CLIENTS) all.add(Arguments.of(link, client));
        return all.stream();
    }

    @ParameterizedTest(name = "{1} over {0}")
    @MethodSource("realClients")
    void aRealClientGetsTheFileByteForByte(Case link, Client client) throws Exception {
        requireOnPath(client.command[0]);
        Path out = dir.resolve("out-" + (link.link + client.name).replaceAll("\\W+", "_"));
        try (LossyRelay relay = LossyRelay.between(server.address(), link.toServer, link.toClient, link.seed)) {
            List<String> args = new ArrayList<>();
            InetSocketAddress at = relay.address();
            for (String a : client.command)
                args.add(a.replace("%h", at.getAddress().getHostAddress()).replace("%p", Integer.toString(at.getPort()))
                        .replace("%f", "f.bin").replace("%o", out.toString()));
            Path err = dir.resolve(out.getFileName() + ".err");
            Process p = new ProcessBuilder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
            boolean ended = p.waitFor(60, TimeUnit.SECONDS);
            if (!ended) p.destroyForcibly().waitFor();
            String why = "relay to server: %s; to client: %s; server events: %s; %s stderr: %s".formatted(
                    relay.toServer(), relay.toClient(), outcomes(), client.command[0],
                    tail(Files.readString(err, StandardCharsets.UTF_8)));
            assertThat(ended).as("finished within 60 s; " + why).isTrue();
            assertThat(p.exitValue()).as("exit code; " + why).isZero();
        }
        assertThat(sha256(Files.readAllBytes(out))).as("SHA-256 of what %s got", client.name).isEqualTo(expected);
    }

    static Stream<Arguments> piLikeClients() {
        List<Arguments> all = new ArrayList<>();
        for (Case link : LINKS.subList(0, 2)) for (int blockSize : new int[] {1024, 1468}) all.add(Arguments.of(link, blockSize));
        return all.stream();
    }

    @ParameterizedTest(name = "Pi-like client, blksize {1}, over {0}")
    @MethodSource("piLikeClients")
    void aClientThatAsksAsThePiBootloaderGetsTheFileWithinItsFileTimeout(Case link, int blockSize) throws Exception {
        try (LossyRelay relay = LossyRelay.between(server.address(), link.toServer, link.toClient, link.seed + blockSize)) {
            int before = sentEvents().size();
            byte[] got = new PiLikeClient(relay.address(), blockSize, Duration.ofSeconds(1), Duration.ofSeconds(30))
                    .fetch("f.bin");
            assertThat(sha256(got)).isEqualTo(expected);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);   // the last ACK may still be on its way
            while (sentEvents().size() == before && System.nanoTime() < deadline) Thread.sleep(10);
            TftpEvent.Sent sent = sentEvents().get(sentEvents().size() - 1);
            assertThat(sent.resent()).as("packets the log says were sent again; the relay lost %d DATA on the way",
                    relay.toClient().dropped()).isGreaterThanOrEqualTo((int) relay.toClient().dropped());
        }
    }

    @Test
    void aWindowUnderJitterSendsAtMostOneAndAHalfTimesTheBlocksItNeeds() throws Exception {
        requireOnPath("atftp");
        Path out = dir.resolve("window-jitter.bin");
        Case jitter = LINKS.get(3);
        try (LossyRelay relay = LossyRelay.between(server.address(), jitter.toServer, jitter.toClient, 3)) {
            InetSocketAddress at = relay.address();
            Process p = new ProcessBuilder("atftp", "-g", "-r", "f.bin", "-l", out.toString(), "--option",
                    "blksize 1024", "--option", "windowsize 16", at.getAddress().getHostAddress(),
                    Integer.toString(at.getPort())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            long needed = SIZE / 1024 + 1;
            assertThat(relay.toClient().data()).as("DATA packets sent for %d blocks", needed)
                    .isLessThanOrEqualTo(needed * 3 / 2);
        }
        assertThat(sha256(Files.readAllBytes(out))).isEqualTo(expected);
    }

    private static List<TftpEvent.Sent> sentEvents() {
        return EVENTS.stream().filter(e -> e instanceof TftpEvent.Sent).map(e -> (TftpEvent.Sent) e).toList();
    }

    private static String outcomes() {
        return EVENTS.stream().filter(e -> !(e instanceof TftpEvent.Request)).skip(Math.max(0, EVENTS.size() / 2 - 3))
                .map(Object::toString).toList().toString();
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    /** Skips where the client is missing, except in CI (CI=true), where that fails the test. */
    static void requireOnPath(String program) {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
        String message = program + " is not installed (Debian: apt-get install curl tftp-hpa atftp)";
        if (!found && "true".equals(System.getenv("CI"))) fail(message + "; CI must run this interop test");
        assumeTrue(found, message);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
