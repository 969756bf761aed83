package io.github.pieeprom.cli;

import io.github.pieeprom.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Where a command's bytes go: a file, written atomically, or standard output. */
final class Outputs {
    private Outputs() {
    }

    static void write(EepromCli root, Path out, byte[] bytes) throws IOException {
        if (out == null || out.toString().equals("-")) {
            root.stdout().write(bytes);
            root.stdout().flush();
        } else {
            ImageFiles.write(out, bytes);
        }
    }
}
