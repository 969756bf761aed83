package io.github.pieeprom.image;

import io.github.pieeprom.EepromException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** An LZ4 section's payload: one LZ4 frame, then the SHA-256 of the decompressed data (FORMAT.md section 6). */
final class Lz4Section {
    static final int SHA256_LENGTH = 32;
    /** Far above any real section (the largest, 2712 bootmain, is under 600 KiB): a bound, not a guess. */
    static final int MAX_DECOMPRESSED = 16 * 1024 * 1024;

    private Lz4Section() {
    }

    static byte[] decompress(String file, Section section, byte[] payload) {
        byte[] data = decode(file, section, payload);
        byte[] expected = Arrays.copyOfRange(payload, payload.length - SHA256_LENGTH, payload.length);
        if (!MessageDigest.isEqual(sha256(data), expected)) throw EepromException.at(file,
                section.payloadOffset() + payload.length - SHA256_LENGTH, "LZ4 section %s: the SHA-256 of its %d "
                        + "decompressed bytes does not match the one stored after the frame",
                EepromException.printable(section.name()), data.length);
        return data;
    }

    /** The frame decoded, its SHA-256 not checked. */
    static byte[] decode(String file, Section section, byte[] payload) {
        if (section.kind() != SectionKind.LZ4) throw new IllegalArgumentException(section + " is not LZ4");
        String name = EepromException.printable(section.name());
        if (payload.length < SHA256_LENGTH) throw EepromException.at(file, section.offset(),
                "LZ4 section %s is %d bytes, too short for its SHA-256", name, payload.length);
        byte[] frame = Arrays.copyOf(payload, payload.length - SHA256_LENGTH);
        try {
            return Lz4Frame.decode(frame, MAX_DECOMPRESSED);
        } catch (IllegalArgumentException e) {
            throw EepromException.at(file, section.payloadOffset(), "LZ4 section %s does not decompress: %s",
                    name, e.getMessage());
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
