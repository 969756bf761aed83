package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Where a command's bytes go: a file, written atomically, or standard output. */
final class Outputs {
    private Outputs() {
    }

    static void write(Console console, Path out, byte[] bytes) throws IOException {
        if (out == null || out.toString().equals("-")) {
            console.out().flush();
            console.stdout().write(bytes);
            console.stdout().flush();
        } else {
            ImageFiles.write(out, bytes);
        }
    }
}
