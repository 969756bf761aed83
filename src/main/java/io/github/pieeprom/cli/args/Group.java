package io.github.pieeprom.cli.args;

/** A command that only names subcommands ({@code eeprom tftp}): the runner never runs it, it dispatches. */
public interface Group extends Command {
    @Override
    default int run(Args args, Console console) {
        throw new IllegalStateException(definition().name() + " has subcommands: the runner dispatches to one");
    }

    /** The subcommand with this name, or null. */
    @Override
    Command subcommand(String name);
}
