package io.github.pieeprom.batch;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImagePatch;
import io.github.pieeprom.signing.SigFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images of a batch made from one base, each the base with an {@link ImagePatch}: hashed and written without
 * copying the base's bytes for each image. Safe for concurrent use.
 * <ul>
 * <li>The SHA-256 state after the bytes before a patch is kept per patch offset, so each image hashes only its
 * patch and what follows: a tenth of a 2026 Pi 4 image, whose {@code bootconf.txt} lies at 90 %, two thirds of a
 * Pi 5 image.</li>
 * <li>Files are written in one gathering write, the base's parts from a direct copy of it: the JDK copies a heap
 * buffer into a temporary direct one before each write (the patch still is: 48 KiB on a 2026 Pi 4 image, 400 KiB
 * on a Pi 5).</li>
 * </ul>
 */
final class PatchedImages {
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final ByteBuffer direct;
    private final Map<Integer, MessageDigest> prefixes = new ConcurrentHashMap<>();

    PatchedImages(EepromImage base) {
        bytes = base.toByteArray();
        direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    /** The SHA-256 of the patched image, as 64 lowercase hex digits. */
    String sha256(ImagePatch patch) {
        MessageDigest digest = digestAfterPrefix(patch.offset());
        patch.updateDigest(digest);
        digest.update(bytes, patch.end(), bytes.length - patch.end());
        return HEX.formatHex(digest.digest());
    }

    /** Creates {@code file}, which must not exist, holding the patched image. */
    void create(Path file, ImagePatch patch) throws IOException {
        ByteBuffer[] parts = {direct.duplicate().limit(patch.offset()), patch.buffer(),
                direct.duplicate().position(patch.end())};
        long left = 0;
        for (ByteBuffer part : parts) left += part.remaining();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (left > 0) left -= channel.write(parts);
        }
    }

    private MessageDigest digestOfPrefix(int length) {
        MessageDigest digest = SigFile.newSha256();
        digest.update(bytes, 0, length);
        return digest;
    }

    /** A copy of the kept state, or the prefix hashed anew where the provider's SHA-256 cannot be copied. */
    private MessageDigest digestAfterPrefix(int length) {
        try {
            return (MessageDigest) prefixes.computeIfAbsent(length, this::digestOfPrefix).clone();
        } catch (CloneNotSupportedException e) {
            return digestOfPrefix(length);
        }
    }
}
