package io.github.pieeprom.batch;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImagePatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images of a batch made from one base, each the base with an {@link ImagePatch}: hashed and written without a
 * copy of the base. Safe for concurrent use.
 * <ul>
 * <li>The SHA-256 state after the bytes before a patch is kept per patch offset, so each image hashes only its
 * patch and what follows: a tenth of a Pi 4 image, whose {@code bootconf.txt} lies at 90 %.</li>
 * <li>Files are written from a direct copy of the base, in one gathering write: the JDK copies a heap array into a
 * temporary direct buffer before every write.</li>
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
        MessageDigest digest = clone(prefixes.computeIfAbsent(patch.offset(), this::digestOfPrefix));
        digest.update(patch.buffer());
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
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }
}
