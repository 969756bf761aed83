package io.github.pieeprom.cli;

import io.github.pieeprom.netboot.tftp.TftpConfig;
import io.github.pieeprom.netboot.tftp.TftpServer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a folder read-only over TFTP and log what each client asks for.",
                "One line per request and one per outcome (sent N bytes in T ms, not found, refused and why), and a "
                        + "summary when stopped (Ctrl-C or SIGTERM). Names that leave the folder (.., absolute "
                        + "paths, symlinks pointing outside) and write requests are refused."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom tftp serve --root /srv/tftp",
                "  eeprom tftp serve --root staged/ --bind 127.0.0.1 --port 6969 --json-log --log tftp.log"})
final class TftpServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--root", required = true, paramLabel = "DIR", description = "The folder to serve.")
    Path root;
    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: all, IPv4 and IPv6).")
    String bind;
    @Option(names = "--port", paramLabel = "N", defaultValue = "69", description = "UDP port (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--log", paramLabel = "FILE", description = "Append the log here (default: standard output).")
    Path log;
    @Option(names = "--json-log", description = "One JSON object per line instead of text.")
    boolean json;
    @Option(names = "--max-transfers", paramLabel = "N", defaultValue = "1000",
            description = "Concurrent transfers in all (default: ${DEFAULT-VALUE}).")
    int maxTransfers;
    @Option(names = "--max-per-client", paramLabel = "N", defaultValue = "16",
            description = "Concurrent transfers per client address (default: ${DEFAULT-VALUE}).")
    int maxPerClient;
    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "1000",
            description = "Wait this long for an ACK before sending again (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;
    @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
            description = "Retransmissions before a stalled transfer is dropped (default: ${DEFAULT-VALUE}).")
    int retries;

    @Override
    public Integer call() throws IOException {
        if (port < 0 || port > 65535) throw new UsageException("--port " + port + " is outside 0..65535");
        if (maxTransfers < 1 || maxPerClient < 1 || timeoutMillis < 1 || retries < 0)
            throw new UsageException("--max-transfers, --max-per-client and --timeout must be positive, --retries >= 0");
        if (!Files.isDirectory(root)) throw new IOException(root + ": not a folder");
        PrintWriter out = log == null ? spec.commandLine().getOut() : new PrintWriter(new OutputStreamWriter(
                Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                StandardCharsets.UTF_8), true);
        TftpLog tftpLog = new TftpLog(out, json, Clock.systemUTC());
        InetSocketAddress address = bind == null ? new InetSocketAddress(port)
                : new InetSocketAddress(InetAddress.getByName(bind), port);
        TftpServer server = TftpServer.start(TftpConfig.of(root).withBind(address)
                .withLimits(maxTransfers, maxPerClient).withRetransmit(Duration.ofMillis(timeoutMillis), retries)
                .withListener(tftpLog::record));
        tftpLog.started(server.root(), server.address());
        Thread hook = new Thread(() -> stop(server, tftpLog), "tftp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.awaitClose();
        } catch (InterruptedException e) {
            // stopped in-process (the tests): stop as for Ctrl-C
        } finally {
            stop(server, tftpLog);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running or has run
            }
        }
        return 0;
    }

    /** Ctrl-C, SIGTERM, or the command interrupted: stop the server, then the summary, once. */
    private static void stop(TftpServer server, TftpLog log) {
        server.close();
        log.summary();
    }
}
