package io.github.pieeprom.cli.args;

/** A command line that does not fit the command's definition: an unknown option, a missing or bad value. */
public final class ArgumentException extends RuntimeException {
    private final String command;

    public ArgumentException(String command, String message) {
        super(message);
        this.command = command;
    }

    /** The command whose definition the arguments did not fit, as the user types it: {@code eeprom extract}. */
    public String command() {
        return command;
    }
}
