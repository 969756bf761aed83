package io.github.pieeprom.image;

/**
 * One section of an image: its header at {@code offset}, {@code length} body bytes after the 8-byte header.
 * {@code name} is empty for unnamed kinds.
 */
public record Section(SectionKind kind, int magic, int offset, int length, String name) {
    public Section {
        if (offset < 0 || length < 0) throw new IllegalArgumentException(offset + ", " + length);
    }

    /** Offset of the first payload byte: after the name header for named kinds. */
    public int payloadOffset() {
        return offset + ImageFormat.HEADER_LENGTH + (kind.named() ? ImageFormat.NAME_HEADER_LENGTH : 0);
    }

    public int payloadLength() {
        return length - (kind.named() ? ImageFormat.NAME_HEADER_LENGTH : 0);
    }

    /** First byte after the body, before alignment. */
    int end() {
        return offset + ImageFormat.HEADER_LENGTH + length;
    }
}
