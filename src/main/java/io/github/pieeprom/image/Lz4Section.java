package io.github.pieeprom.image;

import io.github.pieeprom.EepromException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/** An LZ4 section's payload: one LZ4 frame, then the SHA-256 of the decompressed data (FORMAT.md section 6). */
final class Lz4Section {
    static final int SHA256_LENGTH = 32;
    /** Far above any real section (the largest, 2712 bootmain, is under 600 KiB): a bound, not a guess. */
    static final int MAX_DECOMPRESSED = 16 * 1024 * 1024;

    private Lz4Section() {
    }

    static byte[] decompress(String file, Section section, byte[] payload) {
        if (section.kind() != SectionKind.LZ4) throw new IllegalArgumentException(section + " is not LZ4");
        String name = printable(section.name());
        if (payload.length < SHA256_LENGTH) throw EepromException.at(file, section.offset(),
                "LZ4 section %s is %d bytes, too short for its SHA-256", name, payload.length);
        byte[] frame = Arrays.copyOf(payload, payload.length - SHA256_LENGTH);
        byte[] data;
        try (InputStream in = new FramedLZ4CompressorInputStream(new ByteArrayInputStream(frame))) {
            data = readBounded(in);
        } catch (IOException | RuntimeException e) {
            throw EepromException.at(file, section.payloadOffset(), "LZ4 section %s does not decompress: %s",
                    name, printable(String.valueOf(e.getMessage())));
        }
        if (data == null) throw EepromException.at(file, section.payloadOffset(),
                "LZ4 section %s decompresses to more than %d bytes", name, MAX_DECOMPRESSED);
        byte[] expected = Arrays.copyOfRange(payload, frame.length, payload.length);
        if (!MessageDigest.isEqual(sha256(data), expected)) throw EepromException.at(file,
                section.payloadOffset() + frame.length, "LZ4 section %s: the SHA-256 of its %d decompressed bytes "
                        + "does not match the one stored after the frame", name, data.length);
        return data;
    }

    /** Text from the image for a one-line message: control characters as {@code \xNN}. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) out.append(c < 0x20 || c == 0x7f ? "\\x%02x".formatted((int) c) : c);
        return out.toString();
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (out.size() + n > MAX_DECOMPRESSED) return null;
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
