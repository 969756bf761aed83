package io.github.pieeprom.bootconf;

import java.util.Optional;

/** One nibble of {@code BOOT_ORDER}: a place the bootloader tries to boot from, or what to do next. */
enum BootMode {
    SD_CARD_DETECT(0x0, "SD card (with card detect; deprecated, use 0xf)"),
    SD_CARD(0x1, "SD card (or eMMC)"),
    NETWORK(0x2, "network (TFTP)"),
    RPIBOOT(0x3, "USB device boot (rpiboot)"),
    USB_MSD(0x4, "USB mass storage"),
    BCM_USB_MSD(0x5, "USB 2.0 mass storage on the SoC's own USB port"),
    NVME(0x6, "NVMe SSD"),
    HTTP(0x7, "HTTP boot"),
    STOP(0xe, "stop and show an error pattern"),
    RESTART(0xf, "start again with the first mode");

    private final int nibble;
    private final String description;

    BootMode(int nibble, String description) {
        this.nibble = nibble;
        this.description = description;
    }

    int nibble() {
        return nibble;
    }

    /** A few words for people: "SD card", "network (TFTP)". */
    String description() {
        return description;
    }

    /** {@code 0x2} and the like. */
    String hex() {
        return "0x" + Integer.toHexString(nibble);
    }

    /** The mode of a nibble; 0x8-0xd are no boot mode. */
    static Optional<BootMode> of(int nibble) {
        for (BootMode mode : values()) if (mode.nibble == nibble) return Optional.of(mode);
        return Optional.empty();
    }
}
