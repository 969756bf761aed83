package io.github.pieeprom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.testing.SyntheticImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each way an image or an edit can be wrong, with the exact message the user sees. */
class ImageErrorsTest {
    private static final byte[] PI4 = SyntheticImage.pi4Sample();
    private static final int CONFIG_AT = 0x17000;                       // bootconf.txt header in the Pi 4 sample

    private static byte[] pi4() {
        return PI4.clone();
    }

    @Test
    void rejectsAnyOtherSizeThanThe2711And2712Sizes() {
        assertThatThrownBy(() -> EepromImage.parse("short.bin", Arrays.copyOf(PI4, PI4.length - 1)))
                .isInstanceOf(EepromException.class)
                .hasMessage("short.bin: expected 524288 bytes (Pi 4) or 2097152 bytes (Pi 5), found 524287 bytes");
        assertThatThrownBy(() -> EepromImage.parse("empty.bin", new byte[0]))
                .hasMessage("empty.bin: expected 524288 bytes (Pi 4) or 2097152 bytes (Pi 5), found 0 bytes");
    }

    @Test
    void rejectsASectionMagicOutsideTheMaskAndNamesItsOffset() {
        byte[] bytes = pi4();
        bytes[0] ^= 0x01;                                     // first header's magic 0x55aaf00f becomes 0x54aaf00f
        assertThatThrownBy(() -> EepromImage.parse("bad.bin", bytes)).isInstanceOf(EepromException.class)
                .hasMessage("bad.bin@0x000000: expected section magic 0x55aaf00f (mask 0xfffff00f), found 0x54aaf00f");
    }

    @Test
    void rejectsACorruptedMagicInTheMiddle() {
        byte[] bytes = pi4();
        ByteBuffer.wrap(bytes).putInt(CONFIG_AT, 0x55aa_f000);               // bootconf.txt's magic, low nibble lost
        assertThatThrownBy(() -> EepromImage.parse("mid.bin", bytes))
                .hasMessage("mid.bin@0x017000: expected section magic 0x55aaf00f (mask 0xfffff00f), found 0x55aaf000");
    }

    @Test
    void rejectsALengthThatRunsPastTheEnd() {
        byte[] bytes = pi4();
        ByteBuffer.wrap(bytes).putInt(CONFIG_AT + 4, 0x7fff_0000);                      // bootconf.txt's length
        assertThatThrownBy(() -> EepromImage.parse("long.bin", bytes)).hasMessage(
                "long.bin@0x017004: section length 2147418112 runs to 0x80007008, past the end of the 524288-byte image");
    }

    @Test
    void rejectsAnImageWithNoSections() {
        byte[] bytes = pi4();
        ByteBuffer.wrap(bytes).putInt(0, 0);
        assertThatThrownBy(() -> EepromImage.parse("zero.bin", bytes))
                .hasMessage("zero.bin@0x000000: no sections: the image starts with erased flash (0x00000000)");
    }

    @Test
    void rejectsANamedSectionTooShortForItsNameAndAFileNameThatIsNotUtf8() {
        byte[] shortName = new SyntheticImage(Soc.BCM2711).bootcode(new byte[100])
                .section(SyntheticImage.FILE, new byte[8]).end();
        assertThatThrownBy(() -> EepromImage.parse("s.bin", shortName))
                .hasMessage("s.bin@0x000074: file section length 8 is shorter than its 16-byte name header");
        byte[] badName = pi4();
        badName[CONFIG_AT + 8] = (byte) 0xc3;                         // a UTF-8 lead byte followed by 'o'
        assertThatThrownBy(() -> EepromImage.parse("n.bin", badName))
                .hasMessage("n.bin@0x017008: file section name is not UTF-8");
    }

    @Test
    void aMissingConfigSectionIsAnErrorNotAnEmptyRead() {
        byte[] bytes = pi4();
        ByteBuffer.wrap(bytes).putInt(CONFIG_AT, -1);                             // the stream now ends before it
        EepromImage image = EepromImage.parse("noconf.bin", bytes);
        assertThatThrownBy(image::bootConfig).hasMessage("noconf.bin: no bootconf.txt section");
        assertThatThrownBy(() -> image.withFile(EepromImage.BOOTCONF_TXT, new byte[1]))
                .hasMessage("noconf.bin: no bootconf.txt section between 0x010000 and 0x107000 to update");
    }

    @Test
    void aConfigOverTheFileLimitOrOverThisImagesSlotNamesTheLargestThatFits() {
        EepromImage image = EepromImage.parse("pi4.bin", pi4());
        assertThatThrownBy(() -> image.withFile(EepromImage.BOOTCONF_TXT, new byte[4077]))
                .hasMessage("pi4.bin: bootconf.txt of 4077 bytes is over the 4076-byte limit of a bootloader file");
        // cacert.der at 0x15f00 is followed by a pad and bootconf.sig at 0x16800: 0x900 - 24 bytes of room
        assertThat(image.capacity(EepromImage.CACERT_DER)).isEqualTo(0x900 - 24);
        assertThatThrownBy(() -> image.withFile(EepromImage.CACERT_DER, new byte[0x900 - 23])).hasMessage(
                "pi4.bin@0x015f00: cacert.der of 2281 bytes does not fit: this image's cacert.der slot holds at most 2280 bytes");
    }

    @Test
    void aLastConfigNeverRunsIntoTheReservedLastFourKiB() {
        byte[] bytes = new SyntheticImage(Soc.BCM2711).bootcode(new byte[64]).padTo(0x7e000)
                .file("bootconf.txt", new byte[10]).end();
        EepromImage image = EepromImage.parse("late.bin", bytes);
        assertThat(image.capacity(EepromImage.BOOTCONF_TXT)).isEqualTo(4096 - 24);
        assertThatThrownBy(() -> image.withFile(EepromImage.BOOTCONF_TXT, new byte[4073])).hasMessage(
                "late.bin@0x07e000: bootconf.txt of 4073 bytes does not fit: this image's bootconf.txt slot holds at most 4072 bytes");
        byte[] full = image.withFile(EepromImage.BOOTCONF_TXT, new byte[4072]).toByteArray();
        assertThat(Arrays.copyOfRange(full, 0x7f000, full.length)).containsOnly((byte) 0xff);
    }

    @Test
    void aFileWhoseHeaderRunsIntoTheReservedLastFourKiBCannotBeReplacedEvenByNothing() {
        byte[] bytes = new SyntheticImage(Soc.BCM2711).bootcode(new byte[64]).padTo(0x7f000)
                .file("bootconf.txt", new byte[10]).end();
        EepromImage image = EepromImage.parse("reserved.bin", bytes);
        assertThat(image.capacity(EepromImage.BOOTCONF_TXT)).isZero();
        assertThatThrownBy(() -> image.withFile(EepromImage.BOOTCONF_TXT, new byte[0])).isInstanceOf(
                EepromException.class).hasMessage(
                "reserved.bin@0x07f000: bootconf.txt has no room: its 24-byte header runs past 0x07f000, where its slot ends");
    }

    @Test
    void aFilePatchSpansTheFileAndItsPaddingAndFitsOnlyAnImageAsLong() {
        EepromImage image = EepromImage.parse("pi4.bin", pi4());
        ImagePatch patch = image.patchFile(EepromImage.BOOTCONF_TXT, "[all]\nBOOT_ORDER=0xf21\n".getBytes(
                StandardCharsets.US_ASCII));
        byte[] before = image.toByteArray(), after = image.with(patch).toByteArray();
        assertThat(patch.offset()).isEqualTo(CONFIG_AT);
        assertThat(Arrays.equals(before, 0, patch.offset(), after, 0, patch.offset())).isTrue();
        assertThat(Arrays.equals(before, patch.end(), before.length, after, patch.end(), after.length)).isTrue();
        EepromImage pi5 = EepromImage.parse("pi5.bin", new SyntheticImage(Soc.BCM2712).bootcode(new byte[64])
                .padTo(0x90000).file("bootconf.txt", new byte[10]).end());
        ImagePatch late = pi5.patchFile(EepromImage.BOOTCONF_TXT, new byte[10]);
        assertThat(late.offset()).isEqualTo(0x90000);
        assertThatThrownBy(() -> image.with(late)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past the end of a 524288-byte image");
    }

    @Test
    void bootcodeNeedsA128KiBSlotAndMustFitIt() {
        EepromImage pi4 = EepromImage.parse("pi4.bin", pi4());
        assertThatThrownBy(() -> pi4.withBootcode(new byte[100])).hasMessage("pi4.bin@0x000000: bootcode can only be "
                + "replaced when 128 KiB are reserved for it; the next section starts at 0x00c808");
        EepromImage pi5 = EepromImage.parse("pi5.bin", SyntheticImage.pi5Sample());
        assertThat(pi5.withBootcode(new byte[0x20000 - 8]).file(EepromImage.BOOTCODE_BIN)).hasValue(new byte[0x20000 - 8]);
        assertThatThrownBy(() -> pi5.withBootcode(new byte[0x20000 - 7])).hasMessage(
                "pi5.bin@0x000000: bootcode of 131065 bytes does not fit: this image's bootcode slot holds at most 131064 bytes");
    }

    @Test
    void aTimestampMustFit32Bits() {
        EepromImage image = EepromImage.parse("pi4.bin", pi4());
        assertThatThrownBy(() -> image.withTimestamp(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThat(image.withTimestamp(1_700_000_000L).timestamp()).hasValue(1_700_000_000L);
        assertThat(image.timestamp()).isEmpty();
    }

    @Test
    void anUpdatetimeFileTooShortForATimestampIsNeitherReadNorWrittenPastItsEnd() {
        // Found by EepromImageFuzzTest: the AB sample's read-only updatetime (header at 0x65c0) cut to its name
        // header, a pad section where its payload was; the timestamp used to overwrite that pad header.
        byte[] bytes = SyntheticImage.pi5AbSample();
        ByteBuffer.wrap(bytes).putInt(0x65c0 + 4, 16).putInt(0x65c0 + 24, SyntheticImage.PAD).putInt(0x65c0 + 28, 0);
        EepromImage image = EepromImage.parse("ab.bin", bytes);
        assertThatThrownBy(() -> image.withTimestamp(5)).isInstanceOf(EepromException.class)
                .hasMessage("ab.bin@0x0065c0: updatetime file of 0 bytes: the timestamp needs 8");
        assertThatThrownBy(image::timestamp).hasMessage("ab.bin@0x0065c0: updatetime file of 0 bytes: the timestamp needs 8");
    }

    @Test
    void anLz4SectionNameWithControlCharactersStaysOnOneLine() {
        // Found by EepromImageFuzzTest: a damaged name put a line break into the message.
        byte[] bytes = new SyntheticImage(Soc.BCM2711).bootcode(new byte[64]).lz4("logo\n.bin", new byte[100]).end();
        EepromImage image = EepromImage.parse("lz4.bin", bytes);
        Section lz4 = image.sections().get(1);
        byte[] damaged = image.toByteArray();
        damaged[lz4.end() - 1] ^= 1;              // the last byte of the stored SHA-256
        assertThatThrownBy(() -> EepromImage.parse("lz4.bin", damaged).decompress(lz4)).hasMessageContaining(
                "LZ4 section logo\\x0a.bin: the SHA-256 of its 100 decompressed bytes does not match");
    }

    @Test
    void aDamagedLz4SectionFailsItsSha256Check() {
        byte[] data = SyntheticImage.text(5000, "x");
        byte[] bytes = new SyntheticImage(Soc.BCM2711).bootcode(new byte[64]).lz4("logo.bin", data)
                .file("bootconf.txt", "[all]\n".getBytes(StandardCharsets.US_ASCII)).end();
        EepromImage good = EepromImage.parse("lz4.bin", bytes);
        Section lz4 = good.sections().get(1);
        bytes[lz4.end() - 1] ^= 1;                                   // last byte of the stored SHA-256
        EepromImage bad = EepromImage.parse("lz4.bin", bytes);
        assertThatThrownBy(() -> bad.decompress(lz4)).hasMessage("lz4.bin@0x%06x: LZ4 section logo.bin: the SHA-256 "
                .formatted(lz4.end() - 32) + "of its 5000 decompressed bytes does not match the one stored after the frame");
        bytes[lz4.payloadOffset()] = 0;                              // the LZ4 frame magic
        EepromImage broken = EepromImage.parse("lz4.bin", bytes);
        assertThatThrownBy(() -> broken.decompress(lz4)).isInstanceOf(EepromException.class)
                .hasMessageStartingWith("lz4.bin@0x%06x: LZ4 section logo.bin does not decompress: ".formatted(lz4.payloadOffset()));
    }
}
