package io.github.pieeprom.cli;

/** A combination of options that cannot work together; exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
