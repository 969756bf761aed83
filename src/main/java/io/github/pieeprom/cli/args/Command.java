package io.github.pieeprom.cli.args;

/** A command: what it accepts ({@link #definition()}) and what it does with the parsed arguments. */
public interface Command {
    Definition definition();

    /** Runs the command; the return value is the exit code. Called only with arguments that parsed. */
    int run(Args args, Console console) throws Exception;

    /** The subcommand with this name or alias, or null; only commands whose definition lists subcommands have any. */
    default Command subcommand(String name) {
        return null;
    }
}
