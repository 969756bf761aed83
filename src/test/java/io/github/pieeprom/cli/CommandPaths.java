package io.github.pieeprom.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Every command of the tree as the user types it ({@code eeprom tftp serve}), parents first. */
final class CommandPaths {
    private CommandPaths() {
    }

    static List<String> all() {
        List<String> paths = new ArrayList<>();
        add(new CommandLine(EepromCli.model(new EepromCli(), List.of())), paths);
        return paths;
    }

    private static void add(CommandLine line, List<String> paths) {
        paths.add(line.getCommandSpec().qualifiedName());
        for (CommandLine sub : line.getSubcommands().values()) add(sub, paths);
    }
}
