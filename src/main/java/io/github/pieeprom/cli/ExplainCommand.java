package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.Board;
import io.github.pieeprom.bootconf.Explainer;
import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import java.io.IOException;
import java.nio.file.Path;

final class ExplainCommand implements Command {
    static final Arg<Path> PATH = Arg.positional(Converters.PATH, "FILE|IMAGE");
    static final Arg<String> BOARD = Arg.option(Converters.STRING, "BOARD", "--board")
            .help("pi4, pi400, cm4, pi5 or cm5 (default for an image: pi4 or pi5 by its SoC).");
    static final Definition DEFINITION = Definition.of("explain", PATH, BOARD)
            .describe("What a config does on a board: the settings left after the section filters, the defaults of "
                    + "the rest, and BOOT_ORDER in words (read right to left), with and without a bootable SD card.")
            .footer("Examples:", "  eeprom explain pieeprom.bin                 (a Pi 4 B or a Pi 5, from the image size)",
                    "  eeprom explain boot.conf --board cm4");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        String board = args.get(BOARD);
        Board target = board != null ? Board.parse(board).orElseThrow(() -> new UsageException(
                "--board expects pi4, pi400, cm4, pi5 or cm5, found \"" + board + "\"")) : null;
        ConfigSource source = ConfigSource.read(args.get(PATH));
        if (target == null) target = source.image().map(i -> Board.defaultFor(i.soc())).orElseThrow(
                () -> new UsageException("a config file does not say its board: give --board pi4|pi400|cm4|pi5|cm5"));
        console.out().print(Explainer.explain(source.config(), target));
        console.out().flush();
        return 0;
    }
}
