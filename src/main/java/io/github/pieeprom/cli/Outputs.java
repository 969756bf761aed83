package io.github.pieeprom.cli;

import io.github.pieeprom.image.ImageFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command's bytes go: a file, written atomically, or standard output. */
final class Outputs {
    private Outputs() {
    }

    /**
     * Refuses an output file that is also one of the command's inputs of another kind ({@code what}): writing it
     * would destroy the input (an image replaced by its config, a key by an image). Unset paths pass.
     */
    static void notAnInput(Path out, Path input, String what) throws IOException {
        if (out == null || input == null || out.toString().equals("-")) return;
        if (Files.exists(out) && Files.exists(input) && Files.isSameFile(out, input))
            throw new UsageException(out + ": is also " + what + "; writing the output there would destroy it");
    }

    /** Refuses {@code -o -} where a command writes more than one file ({@code why} says which). */
    static void notStandardOutput(Path out, String why) {
        if (out != null && out.toString().equals("-")) throw new UsageException("-o -: " + why + "; give a file name");
    }

    /**
     * The {@code -o OUT} of a command that needs it unless it is a dry run: given, and a file ({@code why} says why
     * not {@code -}).
     */
    static void requireOut(Path out, String why, String command) {
        if (out == null) throw new UsageException("Missing required option: '--out=OUT' (or --dry-run) (see 'eeprom "
                + command + " --help')");
        notStandardOutput(out, why);
    }

    /** {@code out} as messages name it: the file, or {@code standard output} for {@code -}. */
    static String name(Path out) {
        return out == null || out.toString().equals("-") ? "standard output" : out.toString();
    }

    /**
     * Writes {@code bytes} to {@code out}, or to standard output where it is null or {@code -}. A failure there is
     * an error too: {@code System.out}, a {@link PrintStream}, only records it.
     */
    static void write(Console console, Path out, byte[] bytes) throws IOException {
        if (out == null || out.toString().equals("-")) {
            console.out().flush();
            OutputStream stdout = console.stdout();
            stdout.write(bytes);
            stdout.flush();
            if (stdout instanceof PrintStream print && print.checkError())
                throw new IOException("standard output: cannot be written (a full disk, or a pipe closed early)");
        } else {
            ImageFiles.write(out, bytes);
        }
    }
}
