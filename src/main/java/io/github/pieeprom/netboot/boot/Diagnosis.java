package io.github.pieeprom.netboot.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What went wrong for a board, from what the boot server saw, one sentence each, worst first: the common failures
 * of BOOTCONF.md §4.4. Pure: the caller says which serial folders are symlinks into nothing.
 */
public final class Diagnosis {
    private Diagnosis() {
    }

    /**
     * The findings for {@code board}; {@code danglingFolders} maps a serial to the target of its folder's symlink
     * when that target does not exist.
     */
    public static List<String> of(Board board, Map<String, String> danglingFolders) {
        List<String> out = new ArrayList<>();
        String messages = board.dhcp() == 1 ? "1 message" : board.dhcp() + " messages";
        if (board.dhcp() > 0 && board.tftp() == 0)
            out.add(board.offered()
                    ? "asked for DHCP (%s) and never for TFTP: it did not take this server's answer (another PXE "
                            .formatted(messages) + "answer first, or TFTP blocked)"
                    : "asked for DHCP (%s) and never for TFTP: no answer with option 43 reached it (not matched as a "
                            .formatted(messages) + "Pi, or --dhcp off and no other boot server)");
        if (danglingFolders.containsKey(board.serial()))
            out.add("its folder %s/ is a symlink to %s, which does not exist".formatted(board.serial(),
                    danglingFolders.get(board.serial())));
        if (board.fellBack())
            out.add("fell back to the root: no folder %s/ here, so it took the root's files (and its cmdline.txt)"
                    .formatted(board.serial()));
        if (board.configWithoutOptions())
            out.add("fetched config.txt without TFTP options, so without an option acknowledgement: the bootloader "
                    + "may ignore a config.txt that came so");
        if (!board.lastError().isEmpty()) out.add("last transfer error: " + board.lastError());
        return out;
    }
}
