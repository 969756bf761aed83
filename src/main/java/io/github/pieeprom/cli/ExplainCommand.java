package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.Board;
import io.github.pieeprom.bootconf.Explainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"What a config does on a board: the settings left after the section filters, the defaults of "
                + "the rest, and BOOT_ORDER in words (read right to left), with and without a bootable SD card."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom explain pieeprom.bin                 (a Pi 4 B or a Pi 5, from the image size)",
                "  eeprom explain boot.conf --board cm4"})
final class ExplainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FILE|IMAGE") Path path;
    @Option(names = "--board", paramLabel = "BOARD",
            description = "pi4, pi400, cm4, pi5 or cm5 (default for an image: pi4 or pi5 by its SoC).")
    String board;

    @Override
    public Integer call() throws IOException {
        Board target = board != null ? Board.parse(board).orElseThrow(() -> new UsageException(
                "--board expects pi4, pi400, cm4, pi5 or cm5, found \"" + board + "\"")) : null;
        ConfigSource source = ConfigSource.read(path);
        if (target == null) target = source.image().map(i -> Board.defaultFor(i.soc())).orElseThrow(
                () -> new UsageException("a config file does not say its board: give --board pi4|pi400|cm4|pi5|cm5"));
        spec.commandLine().getOut().print(Explainer.explain(source.config(), target));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
