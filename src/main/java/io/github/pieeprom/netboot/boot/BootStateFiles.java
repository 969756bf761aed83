package io.github.pieeprom.netboot.boot;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.text.Utf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The state folder on disk: {@code boards.tsv} ({@link BootState}), written whole and renamed into place so that a
 * reader never sees half of it, and {@code logs/} with one file of NETCONSOLE lines per board.
 */
public final class BootStateFiles {
    /** Where the state lives when no {@code --state} is given: a folder in the served root. */
    public static final String DEFAULT_FOLDER = ".eeprom-boot";
    static final String BOARDS = "boards.tsv", LOGS = "logs";

    private BootStateFiles() {
    }

    public static Path folder(Path root, Path state) {
        return state != null ? state : root.resolve(DEFAULT_FOLDER);
    }

    /** The boards in the state folder; none when there is no state file yet. */
    public static List<Board> read(Path folder) throws IOException {
        // checked here, where every command and the server first look: boot serve then refuses before it serves
        if (Files.isSymbolicLink(folder) && !Files.exists(folder))
            throw EepromException.in(folder.toString(), "the state folder is a symbolic link to nothing");
        if (Files.exists(folder) && !Files.isDirectory(folder))
            throw EepromException.in(folder.toString(), "the state folder is a file, not a folder");
        Path file = folder.resolve(BOARDS);
        if (!Files.exists(file)) return List.of();
        if (!Files.isRegularFile(file)) throw EepromException.in(file.toString(), "%s", Files.isDirectory(file)
                ? "is a folder, not the state file" : "is not a regular file (a FIFO would keep boot status waiting)");
        return BootState.read(file.toString(), Utf8.decode(file.toString(), Files.readAllBytes(file)));   // names the line
    }

    public static void write(Path folder, List<Board> boards) throws IOException {
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, ".boards-", ".tmp");
        try {
            Files.writeString(tmp, BootState.write(boards), StandardCharsets.UTF_8);
            Files.move(tmp, folder.resolve(BOARDS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A board's log file (which may not exist yet). */
    public static Path log(Path folder, Board board) {
        return folder.resolve(LOGS).resolve(board.log());
    }
}
