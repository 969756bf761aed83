package io.github.pieeprom.netboot.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served folder's cache: one copy per file on disk, however many names reach it. */
class TftpRootTest {
    @TempDir Path root;

    @Test
    void aRackOfBoardFoldersHardLinkedToOneKernelHoldsOneCopyOfIt() throws Exception {
        byte[] kernel = new byte[1 << 20];
        new Random(7).nextBytes(kernel);
        Path shared = Files.write(Files.createDirectory(root.resolve("boot")).resolve("kernel8.img"), kernel);
        for (int board = 0; board < 100; board++)              // what tftp stage makes with its default hard links
            Files.createLink(Files.createDirectory(root.resolve("%08x".formatted(board))).resolve("kernel8.img"), shared);
        TftpRoot served = new TftpRoot(root);
        for (int board = 0; board < 100; board++)
            assertThat(bytes(served.read("%08x/kernel8.img".formatted(board), false))).isEqualTo(kernel);
        assertThat(served.cachedBytes()).isEqualTo(kernel.length);

        Files.copy(shared, root.resolve("copy.img"));                    // another file with the same bytes
        assertThat(bytes(served.read("copy.img", false))).isEqualTo(kernel);
        assertThat(served.cachedBytes()).isEqualTo(2L * kernel.length);
    }

    @Test
    void aHardLinkedFileRewrittenInPlaceIsReadAgainUnderEveryName() throws Exception {
        Path shared = Files.writeString(root.resolve("config.txt"), "[all]\n");
        Files.createLink(Files.createDirectory(root.resolve("1234abcd")).resolve("config.txt"), shared);
        TftpRoot served = new TftpRoot(root);
        assertThat(bytes(served.read("1234abcd/config.txt", false))).isEqualTo("[all]\n".getBytes());
        Files.writeString(shared, "[all]\nenable_uart=1\n", StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(bytes(served.read("1234abcd/config.txt", false))).isEqualTo("[all]\nenable_uart=1\n".getBytes());
        assertThat(bytes(served.read("config.txt", false))).isEqualTo("[all]\nenable_uart=1\n".getBytes());
        assertThat(bytes(served.read("config.txt", true))).as("netascii is cached apart")
                .isEqualTo("[all]\r\nenable_uart=1\r\n".getBytes());
    }

    private static byte[] bytes(ByteBuffer b) throws IOException {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void aRefusalTellsTheClientWhyWithoutTheServersPathsOrJavasNames() throws Exception {
        Files.createSymbolicLink(root.resolve("l1"), root.resolve("l2"));
        Files.createSymbolicLink(root.resolve("l2"), root.resolve("l1"));
        Files.writeString(root.resolve("file"), "hi");
        TftpRoot served = new TftpRoot(root);
        for (String[] c : new String[][] {{"l1", "cannot resolve: Too many levels of symbolic links"},
                {"file/x", "cannot resolve: Not a directory"}, {"x".repeat(300), "cannot resolve: File name too long"},
                {"file/", "not found (a folder's name, ending in /)"}}) {
            Refusal refusal = org.junit.jupiter.api.Assertions.assertThrows(Refusal.class, () -> served.read(c[0], false));
            assertThat(refusal.getMessage()).as(c[0]).startsWith(c[1]).doesNotContain(root.toString(), "java.");
        }
        assertThat(served.read("file", false).remaining()).isEqualTo(2);
    }
}
