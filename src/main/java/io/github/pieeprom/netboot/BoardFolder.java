package io.github.pieeprom.netboot;

import java.util.List;
import java.util.Optional;

/**
 * One board's folder under the TFTP root.
 *
 * @param folder its path under the root, as the bootloader asks for it without the trailing {@code /}
 * @param board  the board's serial or MAC, for messages
 * @param files  sorted by name
 */
public record BoardFolder(String folder, String board, List<StagedFile> files) {
    public BoardFolder {
        files = List.copyOf(files);
    }

    Optional<StagedFile> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
