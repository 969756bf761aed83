package io.github.pieeprom.bootconf;

import io.github.pieeprom.Soc;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A board model that runs the EEPROM bootloader, with the section filters that select it. */
public enum Board {
    PI4("Raspberry Pi 4 Model B", Soc.BCM2711, 0x11, Set.of("pi4")),
    PI400("Raspberry Pi 400", Soc.BCM2711, 0x13, Set.of("pi4", "pi400")),
    CM4("Compute Module 4", Soc.BCM2711, 0x14, Set.of("pi4", "cm4")),
    CM4S("Compute Module 4S", Soc.BCM2711, 0x15, Set.of("pi4", "cm4s")),
    PI5("Raspberry Pi 5", Soc.BCM2712, 0x17, Set.of("pi5")),
    PI500("Raspberry Pi 500/500+", Soc.BCM2712, 0x19, Set.of("pi5", "pi500")),
    CM5("Compute Module 5", Soc.BCM2712, 0x18, Set.of("pi5", "cm5"));

    private final String title;
    private final Soc soc;
    private final int boardType;
    private final Set<String> filters;

    Board(String title, Soc soc, int boardType, Set<String> filters) {
        this.title = title;
        this.soc = soc;
        this.boardType = boardType;
        this.filters = filters;
    }

    String title() {
        return title;
    }

    public Soc soc() {
        return soc;
    }

    /** The type field of the board's revision code, as {@code [board-type=0x..]} tests it. */
    int boardType() {
        return boardType;
    }

    /** The model filters that are true on this board, such as {@code pi4} and {@code cm4}. */
    Set<String> filters() {
        return filters;
    }

    /**
     * Whether the board has the hardware for a boot mode: BCM-USB-MSD (0x5) only on 2711; NVMe (0x6) on "CM4, CM5,
     * Raspberry Pi 5, and 500+ only" (the documentation; {@code [pi500]} also selects a 500+).
     */
    public boolean has(BootMode mode) {
        return switch (mode) {
            case BCM_USB_MSD -> soc == Soc.BCM2711;
            case NVME -> this != PI4 && this != PI400 && this != CM4S;
            default -> true;
        };
    }

    /** Whether the board is a Compute Module (CM4, CM4S, CM5). */
    public boolean isComputeModule() {
        return this == CM4 || this == CM4S || this == CM5;
    }

    /** Whether the board is built into a keyboard (Pi 400, Pi 500/500+). */
    public boolean isKeyboard() {
        return this == PI400 || this == PI500;
    }

    /** The lower-case name used on the command line and in filters: pi4, pi400, cm4, cm4s, pi5, pi500, cm5. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Board> parse(String id) {
        for (Board board : values()) if (board.id().equalsIgnoreCase(id.trim())) return Optional.of(board);
        return Optional.empty();
    }

    /** The board with this revision-code type, if it is one of ours. */
    static Optional<Board> ofBoardType(long type) {
        for (Board board : values()) if (board.boardType == type) return Optional.of(board);
        return Optional.empty();
    }

    /** The usual board of a SoC when nothing else is known: a Pi 4 B or a Pi 5. */
    public static Board defaultFor(Soc soc) {
        return soc == Soc.BCM2711 ? PI4 : PI5;
    }
}
