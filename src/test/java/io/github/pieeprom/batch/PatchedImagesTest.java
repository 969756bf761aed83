package io.github.pieeprom.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.ImagePatch;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.SyntheticImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** A patched image hashes and writes exactly as the whole image {@code withFile} makes. */
class PatchedImagesTest {
    @TempDir
    Path tmp;

    private static byte[] config(int i) {
        return ("[all]\nBOOT_ORDER=0xf21\nCLIENT_IP=10.0." + i / 250 + "." + i % 250 + "\nTFTP_PREFIX_STR=node-" + i
                + "/\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void assertSameAsWholeImages(EepromImage base) throws Exception {
        PatchedImages images = new PatchedImages(base);
        Path dir = Files.createTempDirectory(tmp, "images");
        for (int i = 0; i < 3; i++) {                     // the second and third hash from the kept prefix state
            ImagePatch patch = base.patchFile(EepromImage.BOOTCONF_TXT, config(i));
            byte[] whole = base.withFile(EepromImage.BOOTCONF_TXT, config(i)).toByteArray();
            assertThat(images.sha256(patch)).isEqualTo(SigFile.sha256Hex(whole));
            Path file = dir.resolve(i + ".bin");
            images.create(file, patch);
            assertThat(Files.readAllBytes(file)).isEqualTo(whole);
        }
    }

    @Test
    void syntheticImagesOfEachLayout() throws Exception {
        for (byte[] sample : List.of(SyntheticImage.pi4Sample(), SyntheticImage.pi5Sample(),
                SyntheticImage.pi5AbSample()))
            assertSameAsWholeImages(EepromImage.parse("sample.bin", sample));
    }

    @TestFactory
    Stream<DynamicTest> everyRealImage() {
        return Conformance.images().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(),
                () -> assertSameAsWholeImages(ImageFiles.read(path))));
    }

    @Test
    void threadsShareTheKeptPrefixState() throws Exception {
        EepromImage base = EepromImage.parse("pi5.bin", SyntheticImage.pi5AbSample());
        PatchedImages images = new PatchedImages(base);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    byte[] config = config(n);
                    return images.sha256(base.patchFile(EepromImage.BOOTCONF_TXT, config)).equals(
                            SigFile.sha256Hex(base.withFile(EepromImage.BOOTCONF_TXT, config).toByteArray()));
                }));
            }
            for (Future<Boolean> result : results) assertThat(result.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileThatExistsIsNotOverwritten() throws Exception {
        EepromImage base = EepromImage.parse("pi4.bin", SyntheticImage.pi4Sample());
        Path file = Files.writeString(tmp.resolve("pieeprom.bin"), "mine");
        assertThatThrownBy(() -> new PatchedImages(base).create(file,
                base.patchFile(EepromImage.BOOTCONF_TXT, config(1))))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("mine");
    }
}
