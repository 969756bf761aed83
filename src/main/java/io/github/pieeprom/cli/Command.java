package io.github.pieeprom.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * One {@code eeprom} command: its picocli model and what it does with a command line that parsed. The model is
 * made anew for each run (picocli keeps the parsed values in it), and only for the command a run names.
 */
interface Command {
    /** The command's model, from {@link Specs#command}; its user object is this command. */
    CommandSpec spec();

    /** Runs the command; the return value is the exit code. Called only with arguments that parsed. */
    int run(Parsed args, Console console) throws Exception;

    /** The exit code of bad input: 1, unless the command gives 1 a meaning of its own ({@code diff}). */
    default int badInputExit() {
        return EepromCli.EXIT_BAD_INPUT;
    }
}
