package io.github.pieeprom.image;

/** The section magics seen in real images (FORMAT.md section 3); any other {@code 0x55aafXYf} is {@link #UNKNOWN}. */
public enum SectionKind {
    BOOTCODE(0x55aa_f00f, false),
    FILE(0x55aa_f11f, true),
    RAW(0x55aa_f22f, true),
    COMPRESSED(0x55aa_f33f, true),
    LZ4(0x55aa_f44f, true),
    PAD(0x55aa_feef, false),
    UNKNOWN(0, false);

    private final int magic;
    private final boolean named;

    SectionKind(int magic, boolean named) {
        this.magic = magic;
        this.named = named;
    }

    int magic() {
        return magic;
    }

    /** Named sections carry a 12-byte name and 4 reserved bytes before their payload. */
    boolean named() {
        return named;
    }

    static SectionKind of(int magic) {
        for (SectionKind kind : values()) if (kind.magic == magic && kind != UNKNOWN) return kind;
        return UNKNOWN;
    }

    /** Lower-case name, as {@code eeprom info} shows it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
