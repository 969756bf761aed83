package io.github.pieeprom.batch;

import java.nio.file.Path;
import java.util.Locale;

/** What a batch writes, told by the output's name: an archive by its extension, else a folder. */
enum Output {
    DIRECTORY, TAR, TAR_GZ, ZIP;

    static Output of(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) return TAR_GZ;
        if (name.endsWith(".tar")) return TAR;
        if (name.endsWith(".zip")) return ZIP;
        return DIRECTORY;
    }
}
