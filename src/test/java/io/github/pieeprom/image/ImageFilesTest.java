package io.github.pieeprom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.testing.SpecialFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs and inputs of every kind the system hands us, each made in a temp folder: a device or FIFO is written
 * through, a link's target is replaced beside it, a regular file keeps its mode; a failed write leaves nothing; an
 * input larger than it may be is refused without being read whole.
 */
class ImageFilesTest {
    private static final byte[] BYTES = "[all]\nBOOT_ORDER=0xf21\n".getBytes();
    @TempDir Path tmp;

    @Test
    void aNullDeviceIsWrittenThroughAndStaysADevice() throws Exception {
        Path dev = SpecialFiles.nullDevice(tmp.resolve("null"));
        ImageFiles.write(dev, new byte[Soc.BCM2711.imageSize()]);
        assertThat(SpecialFiles.isSpecial(dev)).as("still a device, not a 512 KiB file").isTrue();
        assertThat(SpecialFiles.names(tmp)).containsExactly("null");
    }

    @Test
    void aFifoIsWrittenThroughToItsReader() throws Exception {
        Path fifo = SpecialFiles.fifo(tmp.resolve("out.fifo"));
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> readAll(fifo));
        ImageFiles.write(fifo, BYTES);
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(BYTES);
        assertThat(SpecialFiles.isSpecial(fifo)).isTrue();
        assertThat(SpecialFiles.names(tmp)).containsExactly("out.fifo");
    }

    @Test
    void aLinkIsFollowedAndItsTargetReplacedBesideItKeepingItsMode() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("real")), links = Files.createDirectories(tmp.resolve("links"));
        Path target = Files.write(dir.resolve("pieeprom.bin"), new byte[] {1, 2, 3});
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(links.resolve("current.bin"), Path.of("../real/pieeprom.bin"));
        Path linkToLink = Files.createSymbolicLink(links.resolve("latest.bin"), Path.of("current.bin"));
        ImageFiles.write(linkToLink, BYTES);
        assertThat(Files.readAllBytes(target)).isEqualTo(BYTES);
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../real/pieeprom.bin"));
        assertThat(Files.readSymbolicLink(linkToLink)).isEqualTo(Path.of("current.bin"));
        assertThat(SpecialFiles.names(dir)).containsExactly("pieeprom.bin");
        assertThat(SpecialFiles.names(links)).containsExactly("current.bin", "latest.bin");
    }

    @Test
    void aDanglingLinkGetsItsTargetCreated() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("out.bin"), Path.of("made.bin"));
        ImageFiles.write(link, BYTES);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllBytes(tmp.resolve("made.bin"))).isEqualTo(BYTES);
        assertThat(Files.getPosixFilePermissions(tmp.resolve("made.bin")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void aRegularFileIsReplacedKeepingItsMode() throws IOException {
        Path file = Files.write(tmp.resolve("new.bin"), new byte[] {9});
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Object inode = Files.readAttributes(file, "unix:ino").get("ino");
        ImageFiles.write(file, BYTES);
        assertThat(Files.readAllBytes(file)).isEqualTo(BYTES);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readAttributes(file, "unix:ino").get("ino")).as("a new file renamed over it")
                .isNotEqualTo(inode);
        assertThat(SpecialFiles.names(tmp)).containsExactly("new.bin");
    }

    @Test
    void aFullDeviceIsOneFailureNamingTheOutput() throws Exception {
        Path full = SpecialFiles.fullDevice(tmp.resolve("full"));
        assertThatThrownBy(() -> ImageFiles.write(full, BYTES)).isInstanceOf(FileSystemException.class)
                .hasMessage(full + ": No space left on device");
        assertThat(SpecialFiles.isSpecial(full)).isTrue();
        assertThat(SpecialFiles.names(tmp)).containsExactly("full");
    }

    @Test
    void aPipeClosedEarlyIsOneFailureNamingTheOutput() throws Exception {
        Path fifo = SpecialFiles.fifo(tmp.resolve("head.fifo"));
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {   // head -c 10
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readNBytes(10);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThatThrownBy(() -> ImageFiles.write(fifo, new byte[Soc.BCM2712.imageSize()]))
                .isInstanceOf(FileSystemException.class).hasMessage(fifo + ": Broken pipe");
        assertThat(reader.get(10, TimeUnit.SECONDS)).hasSize(10);
        assertThat(SpecialFiles.names(tmp)).containsExactly("head.fifo");
    }

    @Test
    void filesThatBelongTogetherAreAllWrittenOrNone() throws Exception {
        Path image = Files.write(tmp.resolve("new.bin"), new byte[] {7});
        Path full = SpecialFiles.fullDevice(tmp.resolve("full"));
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(image, BYTES);
        files.put(tmp.resolve("new.sig"), BYTES);
        files.put(full, BYTES);
        assertThatThrownBy(() -> ImageFiles.write(files)).hasMessage(full + ": No space left on device");
        assertThat(Files.readAllBytes(image)).as("not replaced").containsExactly(7);
        assertThat(SpecialFiles.names(tmp)).containsExactly("full", "new.bin");
    }

    @Test
    void anEndlessInputIsRefusedAtItsLimitNotReadWhole() throws IOException {
        InputStream endless = new InputStream() {                       // /dev/zero, in memory
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 0);
                return len;
            }
        };
        assertThatThrownBy(() -> ImageFiles.readAtMost(endless, "standard input", 1000))
                .isInstanceOf(EepromException.class)
                .hasMessage("standard input: expected at most 1000 bytes, found more than 1000 bytes");
        assertThatThrownBy(() -> ImageFiles.read(endless, "standard input")).isInstanceOf(EepromException.class)
                .hasMessage("standard input: expected 524288 bytes (Pi 4) or 2097152 bytes (Pi 5), found more "
                        + "than 2097152 bytes");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws IOException {
        Path sparse = tmp.resolve("sparse.bin");
        try (var file = java.nio.channels.FileChannel.open(sparse, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            file.truncate(0).position(3L << 30).write(java.nio.ByteBuffer.wrap(new byte[1]));   // 3 GiB + 1, sparse
        }
        assertThatThrownBy(() -> ImageFiles.read(sparse)).isInstanceOf(EepromException.class)
                .hasMessage(sparse + ": expected 524288 bytes (Pi 4) or 2097152 bytes (Pi 5), found 3221225473 bytes");
    }

    @Test
    void aFifoIsReadAsAFileIs() throws Exception {
        Path fifo = SpecialFiles.fifo(tmp.resolve("in.fifo"));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                Files.write(fifo, BYTES);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(ImageFiles.readAtMost(fifo, 1000)).isEqualTo(BYTES);
        writer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anImageFromAStreamIsParsedAndNamed() throws IOException {
        byte[] image = io.github.pieeprom.testing.SyntheticImage.pi4Sample();
        assertThat(ImageFiles.read(new ByteArrayInputStream(image), "standard input").toByteArray()).isEqualTo(image);
        assertThatThrownBy(() -> ImageFiles.read(new ByteArrayInputStream(BYTES), "standard input"))
                .hasMessage("standard input: expected 524288 bytes (Pi 4) or 2097152 bytes (Pi 5), found 23 bytes");
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
