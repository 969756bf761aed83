package io.github.pieeprom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.image.ImageContents.Entry;
import io.github.pieeprom.image.ImageContents.HeldFile;
import io.github.pieeprom.image.ImageContents.Skipped;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Hashes;
import io.github.pieeprom.testing.SyntheticImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageContentsTest {
    private static final String AB_2712 = "firmware/2712-pieeprom-2026-08-12.bin";

    @TempDir Path tmp;

    private static Map<String, String> sha256ByName(List<HeldFile> files) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HeldFile f : files) out.put(f.name(), Hashes.sha256(f.bytes()));
        return out;
    }

    @Test
    void theReferenceModeGivesTheFilesRpiEepromConfigXWrites() throws IOException {
        // sha256sum of the files `rpi-eeprom-config -x firmware/2712-pieeprom-2026-08-12.bin` wrote (the reference,
        // run in an empty folder); updatetime is the read-only region's copy, the first one (FORMAT.md Q7)
        List<HeldFile> files = ImageContents.asReference(ImageFiles.read(Conformance.file(AB_2712)));
        assertThat(files).hasSize(7);
        assertThat(sha256ByName(files)).containsOnly(
                        Map.entry("bootcode.bin", "0e4abfbe67018fb5917be5f1846c1c5f6a0a778dcd00abd882925b3a9debd77f"),
                        Map.entry("bootconf.txt", "545d607b2fd905e3916ab9be0363ebd5a23cd7f0c162c0e03f90e2176a98b480"),
                        Map.entry("bootconf.sig", "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"),
                        Map.entry("pubkey.bin", "076a27c79e5ace2a3d47f9dd2e83e4ff6ea8872b3c2218f66c92b89b55f36560"),
                        Map.entry("cacert.der", "e5a00aa9991ac8a5ee3109844d84a55583bd20572ad3ffcd42792f3c36b183ad"),
                        Map.entry("updatetime", "5981693c8df83eea16da42a0f748facb299546688544a0c2887ed5ffbf086e86"),
                        Map.entry("bootsys", "bce2e454cc80d41d152afc9928421b522ccd0977d92869eef99040f02f7dba34"));
    }

    @Test
    void everyLz4FileIsDecompressedToTheDataWhoseSha256TheFirmwareStoresAfterItsFrame() throws IOException {
        EepromImage image = ImageFiles.read(Conformance.file(AB_2712));
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (HeldFile f : ImageContents.files(ImageContents.all(image))) files.put(f.name(), f.bytes());
        List<Section> lz4 = image.sections().stream().filter(s -> s.kind() == SectionKind.LZ4).toList();
        assertThat(lz4).isNotEmpty();
        for (Section s : lz4) {
            byte[] payload = image.payload(s);
            byte[] stored = Arrays.copyOfRange(payload, payload.length - 32, payload.length);
            assertThat(files).as(s.name()).containsKey(s.name());
            assertThat(Hashes.sha256Bytes(files.get(s.name()))).as(s.name()).isEqualTo(stored);
        }
    }

    @Test
    void aSecondCopyOfANameIsListedUnderANameThatSaysWhereItLies() throws IOException {
        EepromImage image = ImageFiles.read(Conformance.file(AB_2712));
        List<HeldFile> copies = ImageContents.files(ImageContents.all(image)).stream()
                .filter(f -> f.name().startsWith(EepromImage.UPDATETIME)).toList();
        assertThat(copies).extracting(HeldFile::name, HeldFile::note).containsExactly(
                org.assertj.core.groups.Tuple.tuple("updatetime", ""),
                org.assertj.core.groups.Tuple.tuple("updatetime.partition-a", "second copy of updatetime, from partition-a"));
    }

    @Test
    void aSectionCompressedWithTheUnpublishedSchemeIsSkippedNotRead() throws IOException {
        // 2711 images with LZ4 sections keep vl805hub.bin and vl805mcu.bin in the f33f scheme (FORMAT.md section 6)
        EepromImage image = ImageFiles.read(Conformance.file("firmware/2711-pieeprom-2025-09-22.bin"));
        List<Entry> entries = ImageContents.all(image);
        assertThat(entries).filteredOn(e -> e instanceof Skipped).extracting(e -> ((Skipped) e).section().name())
                .contains("vl805hub.bin", "vl805mcu.bin");
        assertThat(ImageContents.files(entries)).extracting(HeldFile::name).doesNotContain("vl805hub.bin");
        assertThat(ImageContents.asReference(image)).extracting(HeldFile::name).doesNotContain("vl805hub.bin")
                .contains("bootcode.bin", "bootconf.txt");
    }

    @Test
    void aDamagedLz4SectionFailsTheWholeReadingNamingItsOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(Conformance.file(AB_2712));
        EepromImage parsed = EepromImage.parse("ab.bin", bytes);
        Section last = parsed.sections().stream().filter(s -> s.kind() == SectionKind.LZ4).reduce((a, b) -> b)
                .orElseThrow();
        bytes[last.payloadOffset()] ^= 0x55;                      // the first byte of the last LZ4 frame's magic
        EepromImage damaged = EepromImage.parse("ab.bin", bytes);
        assertThatThrownBy(() -> ImageContents.all(damaged)).isInstanceOf(EepromException.class)
                .hasMessageStartingWith("ab.bin@0x%06x: LZ4 section %s does not decompress", last.payloadOffset(),
                        last.name());
    }

    @Test
    void aNameThatCouldReachOutsideTheFolderIsRefused() {
        byte[] bytes = new SyntheticImage(Soc.BCM2711).bootcode(new byte[64]).padTo(0x20000)
                .file("bootconf.txt", "[all]\n".getBytes(StandardCharsets.US_ASCII)).file("../x", new byte[4]).end();
        EepromImage image = EepromImage.parse("evil.bin", bytes);
        Section evil = image.findFile("../x").orElseThrow();
        assertThatThrownBy(() -> ImageContents.all(image))
                .hasMessage("evil.bin@0x%06x: refusing to write a file named \"../x\"", evil.offset());
        assertThatThrownBy(() -> ImageContents.asReference(image)).isInstanceOf(EepromException.class);
    }

    @Test
    void theFilesAreWrittenIntoAFolderThatIsCreatedIfMissing() throws IOException {
        EepromImage image = ImageFiles.read(Conformance.file(AB_2712));
        List<HeldFile> files = ImageContents.asReference(image);
        Path dir = tmp.resolve("new/folder");
        ImageFiles.writeInto(dir, files);
        for (HeldFile f : files) assertThat(dir.resolve(f.name())).hasBinaryContent(f.bytes());
        try (var listed = Files.list(dir)) {
            assertThat(listed).hasSize(files.size());
        }
    }
}
