package io.github.pieeprom.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.Soc;
import io.github.pieeprom.bootconf.Catalogue;
import io.github.pieeprom.bootconf.Property;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.SyntheticImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties of apply, for random files (fixed seeds) on every real image and the synthetic samples: what is
 * applied is what is extracted, nothing outside the edited slot changes, and applying twice is applying once.
 */
class ApplyPropertiesTest {
    private static final List<String> FILES = List.of(EepromImage.BOOTCONF_TXT, EepromImage.BOOTCONF_SIG,
            EepromImage.PUBKEY_BIN, EepromImage.CACERT_DER);
    private static final List<String> KEYS = Catalogue.all().stream().map(Property::name).sorted().toList();
    private static final int PER_IMAGE = 4;

    @TestFactory
    Stream<DynamicTest> everyRealImage() {
        return Conformance.images().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(),
                () -> check(path.getFileName().toString(), Files.readAllBytes(path))));
    }

    @TestFactory
    Stream<DynamicTest> everySyntheticSample() {
        return Stream.of(SyntheticImage.pi4Sample(), SyntheticImage.pi5Sample(), SyntheticImage.pi5AbSample())
                .map(bytes -> DynamicTest.dynamicTest(Soc.ofImageSize(bytes.length).orElseThrow() + " sample",
                        () -> check("sample.bin", bytes)));
    }

    private static void check(String name, byte[] bytes) {
        EepromImage image = EepromImage.parse(name, bytes);
        Random random = new Random(name.hashCode());
        int checked = 0;
        for (String file : FILES) {
            if (image.findFile(file).filter(s -> s.offset() >= 0x10000).isEmpty()) continue;
            int capacity = image.capacity(file);
            for (int i = 0; i < PER_IMAGE; i++) {
                int size = i == 0 ? capacity : random.nextInt(capacity + 1);
                byte[] payload = file.equals(EepromImage.BOOTCONF_TXT) ? config(random, size) : noise(random, size);
                EepromImage once = image.withFile(file, payload);
                assertThat(once.file(file)).as("%s: %s of %d bytes read back", name, file, size).contains(payload);
                assertUnchangedOutsideSlot(image, once, file);
                assertThat(once.withFile(file, payload).toByteArray()).as("%s: %s applied twice", name, file)
                        .isEqualTo(once.toByteArray());
                checked++;
            }
        }
        assertThat(checked).as("%s has a config to apply", name).isPositive();
    }

    /** The slot: from the file's header to the next section that is not padding (else the partition's end). */
    private static void assertUnchangedOutsideSlot(EepromImage before, EepromImage after, String file) {
        List<Section> sections = before.sections();
        Section edited = before.findFile(file).filter(s -> s.offset() >= 0x10000).orElseThrow();
        int end = Math.min(before.size() - 4096, 0x10000 + 988 * 1024);
        for (Section s : sections.subList(sections.indexOf(edited) + 1, sections.size()))
            if (s.kind() != SectionKind.PAD) {
                end = s.offset();
                break;
            }
        byte[] a = before.toByteArray(), b = after.toByteArray();
        assertThat(Arrays.mismatch(a, 0, edited.offset(), b, 0, edited.offset()))
                .as("%s: bytes before the %s slot", before.file(), file).isEqualTo(-1);
        assertThat(Arrays.mismatch(a, end, a.length, b, end, b.length))
                .as("%s: bytes after the %s slot (0x%x)", before.file(), file, end).isEqualTo(-1);
    }

    /** A config of exactly {@code size} bytes: property lines, sections, comments, CRLF or LF, maybe no final LF. */
    static byte[] config(Random random, int size) {
        String newline = random.nextBoolean() ? "\n" : "\r\n";
        StringBuilder text = new StringBuilder("[all]").append(newline);
        while (text.length() < size) {
            switch (random.nextInt(6)) {
                case 0 -> text.append('[').append(List.of("pi4", "pi5", "cm4", "none", "gpio8=0", "all")
                        .get(random.nextInt(6))).append(']');
                case 1 -> text.append("# note ").append(random.nextInt(1000));
                default -> text.append(KEYS.get(random.nextInt(KEYS.size()))).append('=')
                        .append(Integer.toHexString(random.nextInt()));
            }
            text.append(newline);
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] noise(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
