package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.signing.BootloaderKey;
import io.github.pieeprom.signing.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;

/** Input files named on the command line; {@code -} is standard input. */
final class Inputs {
    /** No input file of ours is larger than an image; refuse before reading a huge file by mistake. */
    private static final int MAX_INPUT = 16 * 1024 * 1024;
    static final String STANDARD_INPUT = "standard input";

    private Inputs() {
    }

    /**
     * A whole small file, FIFO or {@code /dev/fd/N}, or standard input for {@code -}; a larger (or endless) one is
     * refused after MAX_INPUT bytes.
     */
    static byte[] read(Path path) throws IOException {
        if (isStandardInput(path)) return ImageFiles.readAtMost(standardInput(), STANDARD_INPUT, MAX_INPUT);
        return ImageFiles.readAtMost(path, MAX_INPUT);
    }

    /** An image: a file, FIFO or device, or standard input for {@code -}, read no further than an image's size. */
    static EepromImage image(Path path) throws IOException {
        return isStandardInput(path) ? ImageFiles.read(standardInput(), STANDARD_INPUT) : ImageFiles.read(path);
    }

    /** A file of any size to hash, or standard input for {@code -}: read as a stream, in constant memory. */
    static InputStream open(Path path) throws IOException {
        return isStandardInput(path) ? standardInput() : ImageFiles.open(path);
    }

    /**
     * {@code System.in}, unless the shell closed it ({@code <&-}): then the JVM's first open file took descriptor 0,
     * its own {@code lib/modules} (seen on JDK 17 and 25), and reading it would report a 100 MB "input".
     */
    private static InputStream standardInput() throws IOException {
        try {
            Path fd0 = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
            if (fd0.startsWith(Path.of(System.getProperty("java.home")))) throw EepromException.in(STANDARD_INPUT,
                    "closed (the command was run with <&-): nothing to read");
        } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
            // no /proc: standard input is read as it is
        }
        return System.in;
    }

    static boolean isStandardInput(Path path) {
        return path != null && path.toString().equals("-");
    }

    /** Refuses {@code -} for more than one of a command's inputs: standard input can be read once. */
    static void readOnce(Path... inputs) {
        int dashes = 0;
        for (Path input : inputs) if (isStandardInput(input)) dashes++;
        if (dashes > 1) throw new UsageException("- (standard input) is given for " + dashes
                + " inputs; it can be read once: give the others as files");
    }

    /** A PEM RSA public or private key as the 264-byte {@code pubkey.bin}. */
    static byte[] pubkeyBin(Path pem) throws IOException {
        String text = new String(read(pem), StandardCharsets.US_ASCII);
        return BootloaderKey.encode(PemKeys.readPublicKey(text, pem.toString()), pem.toString());
    }

    /** An RSA public key: PEM (public, or the public half of a private key) or a 264-byte {@code pubkey.bin}. */
    static RSAPublicKey publicKey(Path path) throws IOException {
        return publicKey(read(path), path.toString());
    }

    static RSAPublicKey publicKey(byte[] bytes, String source) {
        if (isPem(bytes)) return PemKeys.readPublicKey(new String(bytes, StandardCharsets.US_ASCII), source);
        if (bytes.length == BootloaderKey.LENGTH) return BootloaderKey.decode(bytes, source);
        throw EepromException.in(source, "expected a PEM key or a %d-byte pubkey.bin, found %d bytes of "
                + "something else", BootloaderKey.LENGTH, bytes.length);
    }

    static boolean isPem(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }
}
