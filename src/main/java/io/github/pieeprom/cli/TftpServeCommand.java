package io.github.pieeprom.cli;

import io.github.pieeprom.Signals;
import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.image.ImageFiles;
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

final class TftpServeCommand implements Command {
    static final Arg<Path> ROOT = Arg.option(Converters.PATH, "DIR", "--root").required().help("The folder to serve.");
    static final Arg<String> BIND = Arg.option(Converters.STRING, "ADDR", "--bind")
            .help("Address to listen on (default: all, IPv4 and IPv6).");
    static final Arg<Integer> PORT = Arg.option(Converters.INT, "N", "--port").defaultValue("69")
            .help("UDP port (default: 69).");
    static final Arg<Path> LOG = Arg.option(Converters.PATH, "FILE", "--log")
            .help("Append the log here (default: standard output).");
    static final Arg<Boolean> JSON = Arg.flag("--json-log").help("One JSON object per line instead of text.");
    static final Arg<Integer> MAX_TRANSFERS = Arg.option(Converters.INT, "N", "--max-transfers").defaultValue("1000")
            .help("Concurrent transfers in all (default: 1000).");
    static final Arg<Integer> MAX_PER_CLIENT = Arg.option(Converters.INT, "N", "--max-per-client").defaultValue("16")
            .help("Concurrent transfers per client address (default: 16).");
    static final Arg<Integer> TIMEOUT = Arg.option(Converters.INT, "MS", "--timeout").defaultValue("1000")
            .help("Wait this long for an ACK before sending again (default: 1000).");
    static final Arg<Integer> RETRIES = Arg.option(Converters.INT, "N", "--retries").defaultValue("5")
            .help("Retransmissions before a stalled transfer is dropped (default: 5).");
    static final Definition DEFINITION = Definition.of("serve", ROOT, BIND, PORT, LOG, JSON, MAX_TRANSFERS,
                    MAX_PER_CLIENT, TIMEOUT, RETRIES)
            .describe("Serve a folder read-only over TFTP and log what each client asks for.",
                    "One line per request and one per outcome (sent N bytes in T ms, not found, refused and why), "
                            + "and a summary when stopped (Ctrl-C or SIGTERM). Names that leave the folder (.., "
                            + "absolute paths, symlinks pointing outside) and write requests are refused.")
            .footer("Examples:", "  eeprom tftp serve --root /srv/tftp",
                    "  eeprom tftp serve --root staged/ --bind 127.0.0.1 --port 6969 --json-log --log tftp.log");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        int port = args.get(PORT);
        int maxTransfers = args.get(MAX_TRANSFERS);
        int maxPerClient = args.get(MAX_PER_CLIENT);
        int timeoutMillis = args.get(TIMEOUT);
        int retries = args.get(RETRIES);
        if (port < 0 || port > 65535) throw new UsageException("--port " + port + " is outside 0..65535");
        if (maxTransfers < 1 || maxPerClient < 1 || timeoutMillis < 1 || retries < 0)
            throw new UsageException("--max-transfers, --max-per-client and --timeout must be positive, --retries >= 0");
        Path root = args.get(ROOT);
        if (!Files.isDirectory(root)) throw new IOException(root + ": " + (Files.exists(root) ? ImageFiles.IS_A_FILE
                : "no such folder"));
        Path log = args.get(LOG);
        PrintWriter out = log == null ? console.out() : new PrintWriter(new OutputStreamWriter(
                Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                StandardCharsets.UTF_8), true);
        TftpLog tftpLog = new TftpLog(out, args.get(JSON), Clock.systemUTC());
        String bind = args.get(BIND);
        InetSocketAddress address = bind == null ? new InetSocketAddress(port)
                : new InetSocketAddress(InetAddress.getByName(bind), port);
        TftpServer server = TftpServer.start(TftpConfig.of(root).withBind(address)
                .withLimits(maxTransfers, maxPerClient).withRetransmit(Duration.ofMillis(timeoutMillis), retries)
                .withListener(tftpLog::record));
        try (Signals.Stop stopped = Signals.onStop(server::close)) {    // SIGTERM: exit 0, Ctrl-C: 130
            tftpLog.started(server.root(), server.address());           // once a signal would stop it cleanly
            server.awaitClose();
            return stopped.exitCode();
        } catch (InterruptedException e) {
            return 0;                              // stopped in-process (the tests): as for SIGTERM
        } finally {
            stop(server, tftpLog);
        }
    }

    /** Ctrl-C, SIGTERM, or the command interrupted: stop the server, then the summary, once. */
    private static void stop(TftpServer server, TftpLog log) {
        server.close();
        log.summary();
    }
}
