package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.Board;
import io.github.pieeprom.bootconf.Explainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

final class ExplainCommand implements Command {
    static final String PATH = "FILE|IMAGE";
    static final String BOARD = "--board";
    /** Every board the section filters know, as {@code --board} takes them. */
    static final List<String> BOARDS = Arrays.stream(Board.values()).map(Board::id).toList();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "explain",
                "What a config does on a board: the settings left after the section filters, the defaults of "
                    + "the rest, and BOOT_ORDER in words (read right to left), with and without a bootable SD card.");
        spec.addPositional(Specs.pathParameter("FILE|IMAGE").index("0").required(true).build());
        spec.addOption(Specs.choice(BOARDS, "BOARD", "--board")
                .description(Text.either(BOARDS) + " (default for an image: pi4 or pi5 by its SoC).").build());
        Specs.footer(spec,
                "Examples:", "  eeprom explain pieeprom.bin                 (a Pi 4 B or a Pi 5, from the image size)",
                    "  eeprom explain boot.conf --board cm4");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        String board = args.get(BOARD);
        Board target = board != null ? Board.parse(board).orElseThrow(() -> new UsageException(
                "--board expects " + Text.either(BOARDS) + ", found \"" + board + "\"")) : null;
        ConfigSource source = ConfigSource.read(args.get(PATH));
        if (target != null && source.image().isPresent() && source.image().get().soc() != target.soc())
            throw new UsageException("--board %s is a BCM%s board; %s is a BCM%s image".formatted(board,
                    target.soc().id(), args.<Path>get(PATH), source.image().get().soc().id()));
        if (target == null) target = source.image().map(i -> Board.defaultFor(i.soc())).orElseThrow(
                () -> new UsageException("a config file does not say its board: give --board "
                        + String.join("|", BOARDS)));
        console.out().print(Explainer.explain(source.config(), target));
        console.out().flush();
        return 0;
    }
}
