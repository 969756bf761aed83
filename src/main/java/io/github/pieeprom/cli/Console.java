package io.github.pieeprom.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * Where a command writes: {@code stdout} for raw bytes (a config, an image), {@code out} for text on the same
 * stream, {@code err} for messages; and {@code secrets}, where it asks for a passphrase (the terminal, never
 * {@code stdout}). Tests pass their own.
 */
public record Console(OutputStream stdout, PrintWriter out, PrintWriter err, Secrets secrets) {
    /** Asks for passphrases on the terminal: {@link Secrets#TERMINAL}. */
    public Console(OutputStream stdout, PrintWriter out, PrintWriter err) {
        this(stdout, out, err, Secrets.TERMINAL);
    }
}
