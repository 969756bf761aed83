package io.github.pieeprom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.pieeprom.Soc;
import io.github.pieeprom.testing.SyntheticImage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every section kind seen in real images, in a synthetic image, parsed and read back. */
class SectionKindsTest {
    private static final byte[] CODE = SyntheticImage.bootcode(4000, 1_700_000_000L, "0a1b2c3d", 1);
    private static final byte[] BOOTMAIN = SyntheticImage.text(70_000, "bootmain");
    private static final byte[] CONFIG = "[all]\nBOOT_ORDER=0xf21\n".getBytes(StandardCharsets.US_ASCII);

    private static EepromImage everyKind() {
        return EepromImage.parse("every-kind.bin", new SyntheticImage(Soc.BCM2711).bootcode(CODE)
                .raw("memsys00.bin", SyntheticImage.noise(300, 2))
                .compressed("vl805hub.bin", SyntheticImage.noise(500, 3))
                .lz4("bootmain", BOOTMAIN)
                .section(0x55aa_f99f, new byte[40])                  // well-formed but unknown: skipped, kept
                .padTo(0x20000)
                .file("bootconf.txt", CONFIG).end());
    }

    @Test
    void parsesEverySectionKindWithItsOffsetLengthAndName() {
        assertThat(everyKind().sections()).extracting(Section::kind, Section::offset, Section::length, Section::name)
                .containsExactly(
                        tuple(SectionKind.BOOTCODE, 0, 4000, ""),
                        tuple(SectionKind.RAW, 4008, 316, "memsys00.bin"),
                        tuple(SectionKind.COMPRESSED, 4336, 516, "vl805hub.bin"),
                        tuple(SectionKind.LZ4, 4864, everyKind().sections().get(3).length(), "bootmain"),
                        tuple(SectionKind.UNKNOWN, everyKind().sections().get(4).offset(), 40, ""),
                        tuple(SectionKind.PAD, everyKind().sections().get(5).offset(),
                                0x20000 - everyKind().sections().get(5).offset() - 8, ""),
                        tuple(SectionKind.FILE, 0x20000, CONFIG.length + 16, "bootconf.txt"));
    }

    @Test
    void readsFilesBootcodeAndDecompressesLz4CheckingItsSha256() {
        EepromImage image = everyKind();
        assertThat(image.bootConfig()).isEqualTo(CONFIG);
        assertThat(image.file(EepromImage.BOOTCODE_BIN)).hasValue(CODE);
        Section lz4 = image.sections().get(3);
        assertThat(image.decompress(lz4)).isEqualTo(BOOTMAIN);
        assertThat(image.payload(image.sections().get(1))).hasSize(300);
    }

    @Test
    void readsTheBuildFromTheBootcodeStrings() {
        BuildInfo build = everyKind().build();
        assertThat(build.timestamp()).hasValue(1_700_000_000L);
        assertThat(build.version()).hasValue("0a1b2c3d");
        assertThat(build.mfgVersion()).hasValue(1);
        assertThat(build.instant()).hasValueSatisfying(i -> assertThat(i.toString()).isEqualTo("2023-11-14T22:13:20Z"));
    }

    @Test
    void anAbImageIsOneWithABootsysFileAndTakesItsBuildFromThere() {
        EepromImage ab = EepromImage.parse("ab.bin", SyntheticImage.pi5AbSample());
        assertThat(ab.isAb()).isTrue();
        assertThat(ab.soc()).isEqualTo(Soc.BCM2712);
        assertThat(ab.build().version()).hasValue("5a4e7eab");
        assertThat(everyKind().isAb()).isFalse();
    }

    @Test
    void theShippedPlaceholdersCountAsAbsent() {
        EepromImage image = EepromImage.parse("pi4.bin", SyntheticImage.pi4Sample());
        assertThat(image.findFile(EepromImage.PUBKEY_BIN)).isPresent();
        assertThat(image.hasContent(EepromImage.PUBKEY_BIN)).isFalse();
        byte[] key = new byte[264];
        key[0] = 1;
        assertThat(image.withFile(EepromImage.BOOTCONF_TXT, CONFIG).withFile(EepromImage.PUBKEY_BIN, key)
                .hasContent(EepromImage.PUBKEY_BIN)).isTrue();
    }

    @Test
    void theEditedImageIsANewValueAndTheOriginalIsUnchanged() {
        EepromImage image = everyKind();
        byte[] before = image.toByteArray();
        EepromImage edited = image.withFile(EepromImage.BOOTCONF_TXT, "[all]\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(image.toByteArray()).isEqualTo(before);
        assertThat(edited.bootConfig()).asString().isEqualTo("[all]\n");
    }
}
