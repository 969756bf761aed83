package io.github.pieeprom.netboot.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A TFTP tree a Pi 4 boots from, for the probe tests: a folder of the serial with the files BOOTCONF.md §4.2.1 names. */
public final class ProbeTrees {
    private ProbeTrees() {
    }

    /** {@code root/serial/}: start4.elf, fixup4.dat, the dtb, kernel8.img (zeros, several blocks), config.txt, cmdline.txt. */
    public static Path pi4(Path root, String serial) throws IOException {
        Path folder = Files.createDirectories(root.resolve(serial));
        for (String f : List.of("start4.elf", "fixup4.dat", "bcm2711-rpi-4-b.dtb", "kernel8.img"))
            Files.write(folder.resolve(f), new byte[f.length() * 3001]);     // several 1468-byte blocks each
        Files.writeString(folder.resolve("config.txt"), "arm_64bit=1\n");
        Files.writeString(folder.resolve("cmdline.txt"), "console=serial0,115200 root=/dev/nfs ip=dhcp rootwait\n");
        return root;
    }
}
