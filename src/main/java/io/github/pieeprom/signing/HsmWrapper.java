package io.github.pieeprom.signing;

import io.github.pieeprom.EepromException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Signing delegated to an external program, as {@code rpi-eeprom-digest -H} does it: the program is run as
 * {@code CMD -a rsa2048-sha256 FILE} and prints the signature as hex on standard output.
 * <pre>
 * SigFile sig = SigFile.of(data, ts, Optional.empty()).withSignature(HsmWrapper.sign("hsm-sign", path));
 * </pre>
 */
public final class HsmWrapper {
    /** More than this on the wrapper's standard output is not a signature (and is not read on without end). */
    private static final int MAX_OUTPUT = 64 * 1024;

    private HsmWrapper() {
    }

    /** Runs {@code command} (a program, not a shell line) on {@code file}; returns the 256-byte signature. */
    public static byte[] sign(String command, Path file) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command, "-a", "rsa2048-sha256", file.toString())
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)     // a wrapper may ask for a PIN
                    .redirectError(ProcessBuilder.Redirect.INHERIT)     // and explains its own failures
                    .start();
        } catch (IOException e) {   // the JDK's cause: "error=2, No such file or directory" (17), "Exec failed, error: 2
            String why = String.valueOf((e.getCause() != null ? e.getCause() : e).getMessage())     // (No such ...)" (25)
                    .replaceFirst("^(Exec failed, )?error[=:] ?\\d+,? ?", "").strip().replaceFirst("^\\((.*)\\)$", "$1");
            throw EepromException.in(command, "cannot run the HSM wrapper: %s", why);
        }
        byte[] printed;
        try (InputStream out = process.getInputStream()) {
            printed = out.readNBytes(MAX_OUTPUT + 1);                 // a signature is 512 hex digits
        }
        if (printed.length > MAX_OUTPUT) {
            process.destroyForcibly();
            throw EepromException.in(command, "HSM wrapper printed more than %d bytes; expected 512 hex digits (an "
                    + "RSA-2048 signature)", MAX_OUTPUT);
        }
        String output = new String(printed, StandardCharsets.US_ASCII);
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException(command + ": interrupted while waiting for the HSM wrapper", e);
        }
        if (status != 0) throw EepromException.in(command, "HSM wrapper exited with status %d", status);
        String hex = output.strip().toLowerCase(java.util.Locale.ROOT);      // $(...) drops trailing newlines
        if (!hex.matches("[0-9a-f]{" + 2 * SigFile.SIGNATURE_LENGTH + "}")) throw EepromException.in(command,
                "HSM wrapper printed %d characters; expected 512 hex digits (an RSA-2048 signature)", hex.length());
        return HexFormat.of().parseHex(hex);
    }
}
