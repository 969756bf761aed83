package io.github.pieeprom.cli;

import io.github.pieeprom.signing.BootloaderKey;
import io.github.pieeprom.signing.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small input files named on the command line. */
final class Inputs {
    /** No input file of ours is larger than an image; refuse before reading a huge file by mistake. */
    private static final long MAX_INPUT = 16L * 1024 * 1024;

    private Inputs() {
    }

    static byte[] read(Path path) throws IOException {
        if (Files.isDirectory(path)) throw new AccessDeniedException(path.toString(), null, "is a folder, not a file");
        long size = Files.size(path);
        if (size > MAX_INPUT) throw new AccessDeniedException(path.toString(), null,
                "is " + size + " bytes, larger than any bootloader file");
        return Files.readAllBytes(path);
    }

    /** A PEM RSA public or private key as the 264-byte {@code pubkey.bin}. */
    static byte[] pubkeyBin(Path pem) throws IOException {
        String text = new String(read(pem), StandardCharsets.US_ASCII);
        return BootloaderKey.encode(PemKeys.readPublicKey(text, pem.toString()), pem.toString());
    }
}
