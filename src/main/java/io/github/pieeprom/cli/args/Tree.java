package io.github.pieeprom.cli.args;

import java.util.ArrayList;
import java.util.List;

/** Every command under a root, each with the words that invoke it ({@code eeprom tftp serve}), parents first. */
public record Tree(String path, Command command) {
    public static List<Tree> of(Command root) {
        List<Tree> all = new ArrayList<>();
        add(all, root.definition().name(), root);
        return all;
    }

    private static void add(List<Tree> all, String path, Command command) {
        all.add(new Tree(path, command));
        for (String name : command.definition().subcommands()) add(all, path + " " + name, command.subcommand(name));
    }
}
