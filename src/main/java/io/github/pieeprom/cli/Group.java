package io.github.pieeprom.cli;

import java.util.List;

/** A command that only names subcommands ({@code eeprom tftp}): a run dispatches to one of them. */
interface Group extends Command {
    /** The subcommands' names, in the order help lists them. */
    List<String> names();

    /** The subcommand of that name; {@code name} is one of {@link #names()}. */
    Command subcommand(String name);

    @Override
    default int run(Parsed args, Console console) {
        throw new IllegalStateException(spec().name() + " has subcommands: a run dispatches to one of them");
    }
}
