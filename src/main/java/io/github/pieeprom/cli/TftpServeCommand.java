package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Signals;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.netboot.tftp.TftpConfig;
import io.github.pieeprom.netboot.tftp.TftpServer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;

final class TftpServeCommand implements Command {
    static final String ROOT = "--root";
    static final String BIND = "--bind";
    static final String PORT = "--port";
    static final String LOG = "--log";
    static final String JSON = "--json-log";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "serve",
                "Serve a folder read-only over TFTP and log what each client asks for.",
                    "One line per request and one per outcome (sent N bytes in T ms, not found, refused and why), "
                            + "and a summary when stopped (Ctrl-C or SIGTERM). Names that leave the folder (.., "
                            + "absolute paths, symlinks pointing outside) and write requests are refused.");
        spec.addOption(Specs.path("DIR", "--root")
                .description("The folder to serve.").required(true).build());
        spec.addOption(Specs.string("ADDR", "--bind")
                .description("Address to listen on (default: all, IPv4 and IPv6).").build());
        spec.addOption(Specs.integer("N", "--port")
                .description("UDP port (default: 69).").defaultValue("69").build());
        spec.addOption(Specs.path("FILE", "--log")
                .description("Append the log here (default: standard output).").build());
        spec.addOption(Specs.flag("--json-log")
                .description("One JSON object per line instead of text.").build());
        TftpTuning.addOptions(spec);
        Specs.footer(spec,
                "Examples:", "  eeprom tftp serve --root /srv/tftp",
                    "  eeprom tftp serve --root staged/ --bind 127.0.0.1 --port 6969 --json-log --log tftp.log");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        int port = args.get(PORT);
        if (port < 0 || port > 65535) throw new UsageException("--port " + port + " is outside 0..65535");
        UnaryOperator<TftpConfig> tuning = TftpTuning.of(args);
        Path root = servedRoot(args.get(ROOT));
        TftpLog tftpLog = new TftpLog(logWriter(args.get(LOG), console), args.flag(JSON), Clock.systemUTC());
        String bind = args.get(BIND);
        InetSocketAddress address = bind == null ? new InetSocketAddress(port)
                : new InetSocketAddress(bindAddress(bind), port);
        TftpServer server = TftpServer.start(tuning.apply(TftpConfig.of(root)).withBind(address)
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

    /**
     * {@code --bind ADDR}: an address of this machine's, or a name that resolves to one. Java takes "" for the
     * loopback address; that, a name that does not resolve ({@code 999.1.1.1}, {@code 127.0.0.1:80}) and a multicast
     * address are usage errors, before anything is served.
     */
    static InetAddress bindAddress(String text) {
        if (text.isBlank()) throw new UsageException("--bind: expected an address of this machine such as 10.0.0.1, "
                + "found an empty value");
        InetAddress address;
        try {
            address = InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: \"" + EepromException.printable(text)
                    + "\" is not an IP address, nor a name that resolves");
        }
        if (address.isMulticastAddress()) throw new UsageException("--bind: " + text + " is a multicast address; give "
                + "one of this machine's");
        return address;
    }

    /** The folder to serve, which must be one (boot serve too). */
    static Path servedRoot(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException(root + ": " + (Files.exists(root) ? ImageFiles.IS_A_FILE
                : "no such folder"));
        return root;
    }

    /** Where the log goes: {@code --log FILE}, appended to, or standard output. */
    static PrintWriter logWriter(Path log, Console console) throws IOException {
        return log == null ? console.out() : new PrintWriter(new OutputStreamWriter(
                Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                StandardCharsets.UTF_8), true);
    }
}
