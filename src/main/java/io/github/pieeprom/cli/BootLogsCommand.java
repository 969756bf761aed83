package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Signals;
import io.github.pieeprom.netboot.boot.Board;
import io.github.pieeprom.netboot.boot.BootStateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class BootLogsCommand implements Command {
    static final String ROOT = "--root", STATE = "--state", BOARD = "BOARD", FOLLOW = "--follow";
    private static final long POLL_MILLIS = 200;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "logs",
                "Print a board's NETCONSOLE lines as eeprom boot serve filed them.",
                "BOARD is a serial (8 hex digits), a MAC or an address, as eeprom boot status lists them.");
        spec.addPositional(PositionalParamSpec.builder().paramLabel(BOARD).type(String.class).index("0")
                .required(true).description("The board.").build());
        spec.addOption(Specs.path("DIR", ROOT).description("The served folder.").required(true).build());
        spec.addOption(Specs.path("DIR", STATE).description("The state folder, if boot serve had --state.").build());
        spec.addOption(Specs.flag("-f", FOLLOW).description("Keep printing lines as they come, until Ctrl-C.").build());
        Specs.footer(spec, "Examples:", "  eeprom boot logs --root /srv/tftp 5b154510",
                "  eeprom boot logs --root /srv/tftp dc:a6:32:2e:f8:ed --follow");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException, InterruptedException {
        BootStatusCommand.requireRoot(args.get(ROOT));
        Path state = BootStateFiles.folder(args.get(ROOT), args.get(STATE));
        String name = args.get(BOARD);
        List<Board> boards = BootStateFiles.read(state);
        Board board = boards.stream().filter(b -> b.isNamed(name)).findFirst().orElseThrow(() -> EepromException.in(
                name, "no such board in %s (boards: %s)", state, boards.isEmpty() ? "none yet"
                        : String.join(", ", boards.stream().map(Board::id).toList())));
        if (board.log().isEmpty() && !args.flag(FOLLOW)) {
            console.err().println("eeprom: no NETCONSOLE lines from " + board.id() + " yet");
            return 0;
        }
        Path log = board.log().isEmpty() ? null : BootStateFiles.log(state, board);
        long at = copy(log, 0, console);
        if (!args.flag(FOLLOW)) return 0;
        CountDownLatch stop = new CountDownLatch(1);
        try (Signals.Stop stopped = Signals.onStop(stop::countDown)) {
            while (!stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (log == null) {                   // the board has sent no line yet: look for its log again
                    Board now = BootStateFiles.read(state).stream().filter(b -> b.isNamed(name)).findFirst()
                            .orElse(board);
                    if (!now.log().isEmpty()) log = BootStateFiles.log(state, now);
                }
                at = copy(log, at, console);
            }
            return stopped.exitCode();
        }
    }

    /** Prints the log from byte {@code from} on; returns where it ended. */
    private static long copy(Path log, long from, Console console) throws IOException {
        if (log == null || !Files.isRegularFile(log) || Files.size(log) <= from) return from;
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(from);
            byte[] rest = in.readAllBytes();
            console.out().flush();
            console.stdout().write(rest);
            console.stdout().flush();
            return from + rest.length;
        }
    }
}
