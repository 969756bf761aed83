package io.github.pieeprom.image;

/**
 * Layout constants, facts from FORMAT.md.
 * <pre>
 * section:       | magic (4, BE) | length L (4, BE) | L bytes | 0xff to the next multiple of 8 |
 * named section: | magic | L | name (12, NUL padded) | 4 reserved bytes | payload (L - 16) |
 * </pre>
 */
final class ImageFormat {
    static final int HEADER_LENGTH = 8;
    static final int NAME_LENGTH = 12;
    /** Name plus the 4 reserved bytes that follow it. */
    static final int NAME_HEADER_LENGTH = NAME_LENGTH + 4;
    static final int FILE_HEADER_LENGTH = HEADER_LENGTH + NAME_HEADER_LENGTH;
    static final int MAGIC = 0x55aa_f00f;
    static final int MAGIC_MASK = 0xffff_f00f;
    /** The last 4 KiB of every image is the bootloader's scratch page: nothing may be written there. */
    static final int RESERVED_LENGTH = 4096;
    /** The reference's limit for every modifiable file but bootcode and bootsys: 4096 - 20. */
    static final int MAX_FILE_SIZE = 4076;
    /** The 2712 AB read-only region; updates only touch files in [READ_ONLY_SIZE, PARTITION_END). */
    static final int READ_ONLY_SIZE = 64 * 1024;
    static final int PARTITION_END = READ_ONLY_SIZE + 988 * 1024;
    /** A non-AB image's bootcode may only be replaced when its slot reaches this far. */
    static final int BOOTCODE_SLOT = 128 * 1024;

    private ImageFormat() {
    }

    static int align8(int offset) {
        return (offset + 7) & ~7;
    }
}
