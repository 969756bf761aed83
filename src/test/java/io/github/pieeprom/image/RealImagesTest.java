package io.github.pieeprom.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Facts about the real images in the conformance folder, as FORMAT.md states them. */
class RealImagesTest {

    @TestFactory
    Stream<DynamicTest> everyRealImageParsesWithItsBuildAndEveryLz4SectionMatchesItsSha256() {
        return Conformance.images().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            EepromImage image = ImageFiles.read(path);
            assertThat(image.soc().imageSize()).isEqualTo(image.size());
            assertThat(image.sections().get(0).kind()).isEqualTo(SectionKind.BOOTCODE);
            assertThat(image.build().timestamp()).as("BUILD_TIMESTAMP").isPresent();
            assertThat(image.build().version()).as("VERSION").isPresent();
            assertThat(image.bootConfig()).isNotEmpty();
            for (Section s : image.sections())
                if (s.kind() == SectionKind.LZ4) assertThat(image.decompress(s)).as(s.name()).isNotEmpty();
        }));
    }

    @Test
    void lz4SectionsDecompressToTheSizesFormatMdLists() throws IOException {
        EepromImage image = read("2712-pieeprom-2026-08-12.bin");
        assertThat(image.sections().stream().filter(s -> s.kind() == SectionKind.LZ4)
                .map(s -> s.name() + "=" + image.decompress(s).length).toList())
                .contains("memsys00.bin=40972", "rp1c0fw1.bin=16384", "logo.bin=12844", "font.bin=27404");
        EepromImage pi4 = read("2711-pieeprom-2026-08-04.bin");
        assertThat(pi4.sections().stream().filter(s -> s.kind() == SectionKind.LZ4).count()).isGreaterThan(5);
    }

    @Test
    void configCapacitiesAreTheReferenceLimitsLessTheFourBytesItMiscounts() throws IOException {
        assertThat(read("2711-pieeprom-2025-07-17.bin").capacity(EepromImage.BOOTCONF_TXT)).isEqualTo(1512);
        assertThat(read("2711-pieeprom-2024-04-17.bin").capacity(EepromImage.BOOTCONF_TXT)).isEqualTo(4072);
        assertThat(read("2711-pieeprom-2020-04-16.bin").capacity(EepromImage.BOOTCONF_TXT)).isEqualTo(4076);
        assertThat(read("2712-pieeprom-2026-08-12.bin").capacity(EepromImage.CACERT_DER)).isEqualTo(2280);
        for (Path p : Conformance.images())
            if (p.getFileName().toString().startsWith("2712"))
                assertThat(ImageFiles.read(p).capacity(EepromImage.BOOTCONF_TXT)).as(p.toString()).isEqualTo(4076);
    }

    @Test
    void onlyThe2026Pi5ImagesAreAbImages() throws IOException {
        List<String> ab = Conformance.images().stream().filter(p -> {
            try {
                return ImageFiles.read(p).isAb();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).map(p -> p.getFileName().toString()).toList();
        assertThat(ab).containsExactly("2712-pieeprom-2026-05-13.bin", "2712-pieeprom-2026-08-12.bin");
    }

    @Test
    void versionStringsComeFromTheBootcodeOrFromBootsys() throws IOException {
        BuildInfo pi4 = read("2711-pieeprom-2026-08-04.bin").build();
        assertThat(pi4.timestamp()).hasValue(1785847093L);
        assertThat(pi4.version()).hasValue("0a7ef05f");
        assertThat(pi4.mfgVersion()).hasValue(1);
        assertThat(read("2712-pieeprom-2026-08-12.bin").build().timestamp()).hasValue(1786493216L);
    }

    @Test
    void theAbTimestampGoesIntoBothUpdatetimeFilesAndReadsBack() throws IOException {
        EepromImage image = read("2712-pieeprom-2026-08-12.bin").withTimestamp(1_700_000_000L);
        List<Section> copies = image.sections().stream().filter(s -> s.name().equals(EepromImage.UPDATETIME)).toList();
        assertThat(copies).hasSize(2);
        byte[] expected = {(byte) 0xff, 0x0e, (byte) 0xac, (byte) 0x9a, 0x00, (byte) 0xf1, 0x53, 0x65};
        for (Section s : copies) assertThat(image.payload(s)).isEqualTo(expected);
        assertThat(image.timestamp()).hasValue(1_700_000_000L);
    }

    private static EepromImage read(String name) throws IOException {
        return ImageFiles.read(Conformance.file("firmware/" + name));
    }
}
