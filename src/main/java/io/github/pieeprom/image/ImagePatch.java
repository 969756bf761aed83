package io.github.pieeprom.image;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * A change to an image as one byte range: from {@link #offset()}, {@link #length()} new bytes replace as many of
 * the base image's, and every other byte stays. {@link EepromImage#patchFile} makes one; a batch hashes and writes
 * many images from one base this way, without a copy of the bytes they share.
 * <pre>
 * ImagePatch patch = base.patchFile(EepromImage.BOOTCONF_TXT, config);   // what withFile(BOOTCONF_TXT, config) changes
 * </pre>
 */
public final class ImagePatch {
    private final int offset;
    private final byte[] bytes;                          // never returned: buffer() is read-only

    ImagePatch(int offset, byte[] bytes) {
        this.offset = offset;
        this.bytes = bytes;
    }

    public int offset() {
        return offset;
    }

    int length() {
        return bytes.length;
    }

    /** The first byte after the patch. */
    public int end() {
        return offset + bytes.length;
    }

    /** The new bytes, read-only. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** Feeds the new bytes to {@code digest}: from the array, where a read-only buffer is copied 4 KiB at a time. */
    public void updateDigest(MessageDigest digest) {
        digest.update(bytes);
    }

    void copyInto(byte[] image) {
        System.arraycopy(bytes, 0, image, offset, bytes.length);
    }
}
