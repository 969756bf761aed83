package io.github.pieeprom.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small stand-in for a Raspberry Pi OS boot partition: the files a Pi 4 and a Pi 5 ask for, with dummy bytes. */
public final class BootPartition {
    public static final List<String> FILES = List.of("start4.elf", "fixup4.dat", "bcm2711-rpi-4-b.dtb",
            "bcm2712-rpi-5-b.dtb", "kernel8.img", "kernel_2712.img", "overlays/overlay_map.dtb",
            "overlays/vc4-kms-v3d.dtbo");
    /** What an SD-card install carries: root on the SD card, which a netbooting board must not get. */
    public static final String SD_CMDLINE = "console=serial0,115200 console=tty1 root=/dev/mmcblk0p2 rootfstype=ext4 "
            + "fsck.repair=yes rootwait\n";

    private BootPartition() {
    }

    public static Path create(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("overlays"));
        for (String name : FILES) Files.writeString(dir.resolve(name), "dummy " + name + "\n".repeat(name.length()));
        Files.writeString(dir.resolve("config.txt"), "arm_64bit=1\n[pi4]\ndtoverlay=vc4-kms-v3d\n[all]\n",
                StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("cmdline.txt"), SD_CMDLINE, StandardCharsets.US_ASCII);
        return dir;
    }
}
