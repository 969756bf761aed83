package io.github.pieeprom.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pieeprom.EepromException;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.testing.ClearErrors;
import io.github.pieeprom.testing.SyntheticImage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * A valid synthetic image with bytes overwritten near one of its section headers is parsed, read and edited:
 * it works or fails with one clear line, never with another exception. The fuzz input is
 * <pre>
 * | sample (1): 2711, 2712, 2712 AB | section (1) | at (2, BE): offset from that section's header |
 * | size (2, BE): of the payloads written by the edits | bytes written at section + at ... |
 * </pre>
 * Missing fields read as zero.
 */
class EepromImageFuzzTest {
    private static final List<byte[]> SAMPLES = List.of(SyntheticImage.pi4Sample(), SyntheticImage.pi5Sample(),
            SyntheticImage.pi5AbSample());
    private static final List<String> FILES = List.of(EepromImage.BOOTCONF_TXT, EepromImage.BOOTCONF_SIG,
            EepromImage.PUBKEY_BIN, EepromImage.CACERT_DER, EepromImage.BOOTSYS);

    @FuzzTest(maxDuration = "30s")
    @Timeout(60)         // a hang: per input when fuzzing (libFuzzer -timeout); JUnit also bounds the 30 s run
    void aDamagedImageIsReadAndEditedOrRefusedClearly(byte[] input) {
        ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(input, Math.max(input.length, 6)));
        byte[] bytes = SAMPLES.get(Byte.toUnsignedInt(in.get()) % SAMPLES.size()).clone();
        List<Section> sections = EepromImage.parse("sample.bin", bytes).sections();
        int start = sections.get(Byte.toUnsignedInt(in.get()) % sections.size()).offset() + Short.toUnsignedInt(in.getShort());
        int size = Short.toUnsignedInt(in.getShort());
        byte[] patch = Arrays.copyOfRange(input, Math.min(6, input.length), input.length);
        System.arraycopy(patch, 0, bytes, start, Math.max(0, Math.min(patch.length, bytes.length - start)));
        EepromImage image;
        try {
            image = EepromImage.parse("fuzz.bin", bytes);
        } catch (EepromException e) {
            ClearErrors.assertClear(e, "fuzz.bin");
            return;
        }
        read(image);
        for (String name : FILES) refusedClearly(() -> {
            byte[] payload = filled(size);
            assertThat(reparsed(image.withFile(name, payload)).file(name)).contains(payload);
        });
        refusedClearly(() -> assertThat(reparsed(image.withTimestamp(size)).timestamp()).contains((long) size));
        refusedClearly(() -> {
            byte[] code = filled(size * 2);
            assertThat(reparsed(image.withBootcode(code)).file(EepromImage.BOOTCODE_BIN)).contains(code);
        });
    }

    private static void read(EepromImage image) {
        for (Section section : image.sections())
            if (section.kind() == SectionKind.LZ4) refusedClearly(() -> image.decompress(section));
        image.build();
        refusedClearly(image::timestamp);
        refusedClearly(() -> Validator.checkInImage(BootConfig.parse("fuzz.bin", image.bootConfig()), image.soc()));
        for (String name : FILES) refusedClearly(() -> image.capacity(name));
    }

    /** An edit's result as its bytes read back: the sections it claims are the ones really there. */
    private static EepromImage reparsed(EepromImage edited) {
        EepromImage again = EepromImage.parse("fuzz.bin", edited.toByteArray());
        assertThat(again.sections()).isEqualTo(edited.sections());
        return again;
    }

    private static byte[] filled(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 0x5a);
        return payload;
    }

    private static void refusedClearly(Runnable step) {
        try {
            step.run();
        } catch (EepromException e) {
            ClearErrors.assertClear(e, "fuzz.bin");
        }
    }
}
