package io.github.pieeprom.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * Where a command writes: {@code stdout} for raw bytes (a config, an image), {@code out} for text on the same
 * stream, {@code err} for messages. Tests pass their own.
 */
public record Console(OutputStream stdout, PrintWriter out, PrintWriter err) {
}
