package io.github.pieeprom.netboot.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * Real Debian clients (curl, tftp-hpa, atftp) fetch files from the server on loopback and get them byte for byte.
 * 40 MiB at blksize 512 is 81921 blocks: the block number rolls over past 65535.
 */
class TftpInteropTest {
    private static final Map<String, Integer> SIZES = Map.of("0", 0, "511", 511, "512", 512, "513", 513,
            "1MiB", 1 << 20, "40MiB", 40 << 20);

    /** A client invocation: {@code %h} host, {@code %p} port, {@code %f} remote name, {@code %o} output file. */
    private record Client(String name, boolean large, String... command) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Client> CLIENTS = List.of(
            new Client("curl (tsize, blksize 512, timeout)", true, "curl", "-sS", "-o", "%o", "tftp://%h:%p/%f"),
            new Client("curl --tftp-blksize 1468", false, "curl", "-sS", "--tftp-blksize", "1468", "-o", "%o",
                    "tftp://%h:%p/%f"),
            new Client("curl --tftp-blksize 65464", true, "curl", "-sS", "--tftp-blksize", "65464", "-o", "%o",
                    "tftp://%h:%p/%f"),
            new Client("curl --tftp-no-options", false, "curl", "-sS", "--tftp-no-options", "-o", "%o",
                    "tftp://%h:%p/%f"),
            new Client("tftp-hpa octet", true, "tftp", "-m", "octet", "%h", "%p", "-c", "get", "%f", "%o"),
            new Client("atftp blksize 512 tsize windowsize 16", true, "atftp", "-g", "-r", "%f", "-l", "%o",
                    "--option", "blksize 512", "--option", "tsize 0", "--option", "windowsize 16", "%h", "%p"),
            new Client("atftp blksize 1468 tsize", false, "atftp", "-g", "-r", "%f", "-l", "%o",
                    "--option", "blksize 1468", "--option", "tsize 0", "%h", "%p"),
            new Client("atftp without options", false, "atftp", "-g", "-r", "%f", "-l", "%o", "%h", "%p"));

    @TempDir static Path dir;
    private static Path root;
    private static TftpServer server;

    @BeforeAll
    static void serve() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        Random random = new Random(2024);
        for (Map.Entry<String, Integer> size : SIZES.entrySet()) {
            byte[] bytes = new byte[size.getValue()];
            random.nextBytes(bytes);
            Files.write(root.resolve(size.getKey() + ".bin"), bytes);
        }
        Files.writeString(root.resolve("cmdline.txt"), "console=serial0,115200\nroot=/dev/nfs\r\nbare\rcr\n\n");
        server = TftpServer.start(TftpConfig.of(root).withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> transfers() {
        List<Arguments> all = new ArrayList<>();
        for (Client client : CLIENTS)
            for (String size : List.of("0", "511", "512", "513", "1MiB", "40MiB"))
                if (client.large || !size.equals("40MiB")) all.add(Arguments.of(client, size));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} gets {1}")
    @MethodSource("transfers")
    void everyClientGetsTheFileByteForByte(Client client, String size) throws Exception {
        Path out = dir.resolve("out-" + size + "-" + client.name.replaceAll("\\W+", "_"));
        run(client.command, server.address(), size + ".bin", out);
        assertThat(Files.size(out)).isEqualTo((long) SIZES.get(size));
        assertThat(Files.mismatch(out, root.resolve(size + ".bin"))).as("first differing byte").isEqualTo(-1L);
    }

    @Test
    void clientsAtOnceOnSeveralEventLoopsEachGetTheFileByteForByte() throws Exception {
        try (TftpServer three = TftpServer.start(TftpConfig.of(root).withEventLoops(3)
                .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))) {
            List<Process> clients = new ArrayList<>();
            List<Path> outs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {                      // curl with blksize 1468 and tftp-hpa at 512, mixed
                Path out = dir.resolve("at-once-" + i + ".bin");
                outs.add(out);
                clients.add(start(i % 2 == 0 ? new String[] {"curl", "-sS", "--tftp-blksize", "1468", "-o", "%o",
                        "tftp://%h:%p/%f"} : new String[] {"tftp", "-m", "octet", "%h", "%p", "-c", "get", "%f", "%o"},
                        three.address(), "1MiB.bin", out));
            }
            for (Process p : clients) {
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
            }
            for (Path out : outs)
                assertThat(Files.mismatch(out, root.resolve("1MiB.bin"))).as("first differing byte").isEqualTo(-1L);
        }
    }

    @Test
    void tftpHpaGetsATextFileInNetasciiModeUnchanged() throws Exception {
        Path out = dir.resolve("cmdline-netascii.txt");
        run(new String[] {"tftp", "-m", "netascii", "%h", "%p", "-c", "get", "%f", "%o"}, server.address(),
                "cmdline.txt", out);
        assertThat(Files.readString(out, StandardCharsets.US_ASCII))
                .isEqualTo(Files.readString(root.resolve("cmdline.txt"), StandardCharsets.US_ASCII));
    }

    @Test
    void curlGetsAFileOverIpv6() throws Exception {
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        TftpServer v6;
        try {
            v6 = TftpServer.start(TftpConfig.of(root).withBind(new InetSocketAddress(ipv6Loopback, 0)));
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
            return;
        }
        try (v6) {
            Path out = dir.resolve("ipv6.bin");
            run(new String[] {"curl", "-sS", "-o", "%o", "tftp://[%h]:%p/%f"}, v6.address(), "1MiB.bin", out);
            assertThat(Files.mismatch(out, root.resolve("1MiB.bin"))).isEqualTo(-1L);
        }
    }

    @Test
    void refusalsReachARealClientAsItsError() throws Exception {
        Path out = dir.resolve("refused.bin");
        Process curl = start(new String[] {"curl", "-sS", "-o", "%o", "tftp://%h:%p/%f"}, server.address(),
                "..%2Fetc%2Fpasswd", out);
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).isEqualTo(69);                   // CURLE_TFTP_PERM: the access violation
    }

    private static void run(String[] command, InetSocketAddress at, String file, Path out) throws Exception {
        Process p = start(command, at, file, out);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s exit code; stderr: %s", command[0], err).isZero();
    }

    private static Process start(String[] command, InetSocketAddress at, String file, Path out) throws IOException {
        assumeTrue(onPath(command[0]), command[0] + " is not installed (Debian: apt-get install curl tftp-hpa atftp);"
                + " this interop test needs it");
        List<String> args = new ArrayList<>();
        for (String a : command)
            args.add(a.replace("%h", at.getAddress().getHostAddress()).replace("%p", Integer.toString(at.getPort()))
                    .replace("%f", file).replace("%o", out.toString()));
        return new ProcessBuilder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }
}
