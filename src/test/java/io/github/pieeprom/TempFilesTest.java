package io.github.pieeprom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {
    @TempDir Path dir;

    @Test
    void aTemporaryFileIsNewEmptyAndReadableByItsOwnerOnly() throws IOException {
        Path tmp = TempFiles.createFile(dir, ".new.bin.", ".tmp");
        try {
            assertThat(tmp.getParent()).isEqualTo(dir);
            assertThat(tmp.getFileName().toString()).startsWith(".new.bin.").endsWith(".tmp");
            assertThat(tmp).isRegularFile().isEmptyFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp))).isEqualTo("rw-------");
        } finally {
            TempFiles.delete(tmp);
        }
        assertThat(tmp).doesNotExist();
    }

    @Test
    void aTemporaryFolderIsOpenToItsOwnerOnlyAndDeletedWithItsContents() throws IOException {
        Path spool = TempFiles.createDirectory(dir, ".fleet.");
        Files.writeString(Files.createDirectory(spool.resolve("devices")).resolve("a"), "x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool))).isEqualTo("rwx------");
        TempFiles.delete(spool);
        assertThat(spool).doesNotExist();
    }
}
