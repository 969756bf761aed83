package io.github.pieeprom.image;

import java.util.Arrays;

/**
 * Decodes one standard LZ4 frame (magic, descriptor, blocks, end mark), as the bootloader's LZ4 sections hold them
 * (FORMAT.md section 6). Written for start-up speed: literals and matches are copied with
 * {@code System.arraycopy}, so even the first, interpreted run decodes a 600 KiB bootmain in a few milliseconds.
 * Block and content checksums are skipped, not checked: the section's SHA-256 checks the result. Every length and
 * offset read from the frame is checked before use; a bad frame gives an {@link IllegalArgumentException} saying
 * what is wrong and at which byte of the frame.
 */
final class Lz4Frame {
    private static final int MAGIC = 0x184D2204;
    private static final int FLG_VERSION = 0x40;
    private static final int FLG_BLOCK_CHECKSUM = 0x10;
    private static final int FLG_CONTENT_SIZE = 0x08;
    private static final int FLG_CONTENT_CHECKSUM = 0x04;
    private static final int FLG_DICT_ID = 0x01;
    private static final int UNCOMPRESSED = 0x80000000;

    private final byte[] in;
    private int at;
    private byte[] out;
    private int size;

    private Lz4Frame(byte[] in) {
        this.in = in;
    }

    /**
     * The content size declared by the header of the frame at {@code frameAt} in {@code image}, or -1 when it
     * declares none or is not an LZ4 frame header. Reads the header in place: no copy of the section.
     */
    static long declaredSize(byte[] image, int frameAt, int frameLength) {
        Lz4Frame f = new Lz4Frame(image);
        if (frameLength < 15 || f.readIntAt(frameAt) != MAGIC
                || (image[frameAt + 4] & 0xc8) != (FLG_VERSION | FLG_CONTENT_SIZE)) return -1;
        long size = f.readIntAt(frameAt + 6) & 0xffffffffL | (long) f.readIntAt(frameAt + 10) << 32;
        return size < 0 ? -1 : size;
    }

    /** The data of the frame in {@code frame}, which must end where the frame ends; at most {@code limit} bytes. */
    static byte[] decode(byte[] frame, int limit) {
        return new Lz4Frame(frame).decode(limit);
    }

    private byte[] decode(int limit) {
        if (int32() != MAGIC) throw bad(0, "not an LZ4 frame (magic %08x)", readIntAt(0));
        int flg = byte8();
        byte8();                                                     // BD: the largest block size
        if ((flg & 0xc0) != FLG_VERSION) throw bad(4, "LZ4 frame version %d is not 1", (flg >> 6) & 3);
        long contentSize = -1;
        if ((flg & FLG_CONTENT_SIZE) != 0) {
            contentSize = int32() & 0xffffffffL | (long) int32() << 32;
            if (contentSize < 0 || contentSize > limit)
                throw bad(6, "content size %d is more than %d bytes", contentSize, limit);
        }
        if ((flg & FLG_DICT_ID) != 0) throw bad(4, "LZ4 frame needs a dictionary");
        byte8();                                                     // header checksum
        // the header's size, but no more than the frame could hold (LZ4 expands at most 255 times): a short frame
        // claiming 16 MiB does not get 16 MiB before it is found out
        out = new byte[(int) Math.min(contentSize >= 0 ? contentSize : 64 * 1024, 255L * in.length)];
        while (true) {
            int blockAt = at;
            int header = int32();
            if (header == 0) break;
            int length = header & ~UNCOMPRESSED;
            // 0x80000000: no data, uncompressed. The end mark is 0x00000000 alone, but Commons Compress reads this one
            // as the end too: refused, so that no frame means one thing here and another there (a fuzzing finding)
            if (length == 0) throw bad(blockAt, "an uncompressed block of 0 bytes (the end mark is 00000000)");
            if (length > in.length - at) throw bad(blockAt, "block of %d bytes runs past the frame", length);
            if ((header & UNCOMPRESSED) != 0) {
                copyIn(at, length, limit);
                at += length;
            } else {
                block(at + length, limit);
            }
            if ((flg & FLG_BLOCK_CHECKSUM) != 0) int32();
        }
        if ((flg & FLG_CONTENT_CHECKSUM) != 0) int32();
        if (at != in.length) throw bad(at, "%d bytes after the frame's end mark", in.length - at);
        if (contentSize >= 0 && size != contentSize)
            throw bad(6, "frame holds %d bytes, its header says %d", size, contentSize);
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    /**
     * One compressed block, ending at {@code end}: sequences of literals, then a match in the output so far. One
     * call per sequence, not a loop in one method: the JIT compiles a method after a few hundred calls, a loop only
     * after some 60,000 turns, which a run this short spends interpreted. Measured on the 590,060-byte bootmain of
     * the Pi 5 2025-09-22 release, decoded once in a fresh JVM with C1 only (the launcher's flags), five runs each,
     * alternating, on a loaded machine: 61-128 ms with the loop in one method, 17-45 ms with a call per sequence.
     */
    private void block(int end, int limit) {
        while (sequence(end, limit)) {
        }
    }

    /** One sequence; false after the block's last (literals only). */
    private boolean sequence(int end, int limit) {
        int token = byte8();
        int literals = length(token >>> 4, end);
        if (literals > end - at) throw bad(at, "%d literals run past the block", literals);
        copyIn(at, literals, limit);
        at += literals;
        if (at == end) return false;                                 // the last sequence has no match
        int offsetAt = at;
        if (end - at < 2) throw bad(at, "match offset runs past the block");
        int offset = byte8() | byte8() << 8;
        int match = length(token & 15, end) + 4;
        if (offset == 0 || offset > size) throw bad(offsetAt, "match offset %d points outside the %d bytes "
                + "decoded so far", offset, size);
        ensure(match, limit);
        // overlapping (offset < match): the copied bytes repeat with period offset, so each copy can take all
        // that is written so far from the match's start: the chunk doubles, a run of 16 MiB is 24 copies
        int from = size - offset;
        for (int left = match; left > 0; ) {
            int n = Math.min(left, size - from);
            System.arraycopy(out, from, out, size, n);
            size += n;
            left -= n;
        }
        if (at == end) throw bad(at, "block ends after a match: its last sequence must be literals only");
        return true;
    }

    /** A 4-bit length, extended by bytes of 255 and one less when it is 15. */
    private int length(int nibble, int end) {
        int length = nibble;
        if (nibble == 15) {
            int b;
            do {
                if (at >= end) throw bad(at, "length runs past the block");
                b = byte8();
                length += b;
                if (length < 0) throw bad(at, "length overflows");
            } while (b == 255);
        }
        return length;
    }

    private void copyIn(int from, int length, int limit) {
        ensure(length, limit);
        System.arraycopy(in, from, out, size, length);
        size += length;
    }

    private void ensure(int more, int limit) {
        if (more > limit - size) throw bad(at, "decompresses to more than %d bytes", limit);
        if (size + more > out.length) out = Arrays.copyOf(out, (int) Math.min(limit, Math.max(size + more,
                2L * out.length)));
    }

    private int byte8() {
        if (at >= in.length) throw bad(at, "frame ends early");
        return in[at++] & 0xff;
    }

    private int int32() {
        if (in.length - at < 4) throw bad(at, "frame ends early");
        int v = readIntAt(at);
        at += 4;
        return v;
    }

    private int readIntAt(int i) {
        if (in.length - i < 4) return 0;
        return in[i] & 0xff | (in[i + 1] & 0xff) << 8 | (in[i + 2] & 0xff) << 16 | (in[i + 3] & 0xff) << 24;
    }

    private static IllegalArgumentException bad(int at, String format, Object... args) {
        return new IllegalArgumentException(String.format(format, args) + " (frame byte " + at + ")");
    }
}
