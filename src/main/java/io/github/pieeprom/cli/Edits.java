package io.github.pieeprom.cli;

import io.github.pieeprom.image.ImageEdits;
import java.io.IOException;
import java.nio.file.Path;

/** Builds {@link ImageEdits} from the files named on a command line; every file is read before any change. */
final class Edits {
    private Edits() {
    }

    static ImageEdits of(String timestamp, Path bootcode, Path bootsys, Path cacert, Path config, Path digest,
            Path pubkey) throws IOException {
        ImageEdits edits = new ImageEdits();
        if (timestamp != null) edits.timestamp(Timestamps.parse(timestamp));
        if (bootcode != null) edits.bootcode(Inputs.read(bootcode));
        if (bootsys != null) edits.bootsys(Inputs.read(bootsys));
        if (cacert != null) edits.cacert(Inputs.read(cacert), cacert.toString());
        if (config != null) edits.config(Inputs.read(config), config.toString());
        if (digest != null) edits.digest(Inputs.read(digest), digest.toString());
        if (pubkey != null) edits.pubkey(Inputs.pubkeyBin(pubkey));
        return edits;
    }
}
