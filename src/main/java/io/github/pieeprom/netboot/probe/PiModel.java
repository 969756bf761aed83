package io.github.pieeprom.netboot.probe;

import io.github.pieeprom.netboot.BootReplay;
import io.github.pieeprom.netboot.dhcp.PiFacts;

/**
 * The board the probe acts as: its option 97 FourCC and board revision, the MAC prefix of its default MAC, and the
 * file sequence it follows ({@link BootReplay}: a CM4 as a Pi 4, a CM5 as a Pi 5; their own device trees are not
 * told apart yet).
 */
public enum PiModel {
    PI4(PiFacts.FOURCC_PI4, 0xc03111, "dc:a6:32", BootReplay.Model.PI4),
    PI5(PiFacts.FOURCC_PI5, 0xd04170, "2c:cf:67", BootReplay.Model.PI5),
    CM4(PiFacts.FOURCC_PI4, 0xc03140, "e4:5f:01", BootReplay.Model.PI4),
    CM5(PiFacts.FOURCC_PI5, 0xd04180, "2c:cf:67", BootReplay.Model.PI5);

    final String fourcc;
    final int revision;
    final String macPrefix;
    final BootReplay.Model files;

    PiModel(String fourcc, int revision, String macPrefix, BootReplay.Model files) {
        this.fourcc = fourcc;
        this.revision = revision;
        this.macPrefix = macPrefix;
        this.files = files;
    }
}
