package io.github.pieeprom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.Parameters;
import org.junit.jupiter.api.Test;

/** Frames made by another encoder (Commons Compress) in each of its layouts decode to the data it was given. */
class Lz4FrameTest {
    private static final int LIMIT = 16 * 1024 * 1024;

    /** Data with long repeats, short repeats (overlapping matches), runs and noise, as firmware has. */
    private static byte[] data(long seed, int size) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        int i = 0;
        while (i < size) {
            int n = Math.min(size - i, 1 + random.nextInt(300));
            switch (random.nextInt(4)) {
                case 0 -> { for (int k = 0; k < n; k++) data[i + k] = (byte) random.nextInt(); }
                case 1 -> Arrays.fill(data, i, i + n, (byte) random.nextInt());
                case 2 -> { int period = 1 + random.nextInt(7); for (int k = 0; k < n; k++) data[i + k] = (byte) (k % period); }
                default -> { if (i > 0) { int from = random.nextInt(i); for (int k = 0; k < n; k++) data[i + k] = data[from + k % (i - from)]; } }
            }
            i += n;
        }
        return data;
    }

    private static byte[] compress(byte[] data, Parameters parameters) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FramedLZ4CompressorOutputStream lz4 = new FramedLZ4CompressorOutputStream(out, parameters)) {
            lz4.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void decodesEveryLayoutAnotherEncoderWrites() throws IOException {
        Parameters[] layouts = {new Parameters(BlockSize.K64), new Parameters(BlockSize.K64, true, true, true),
                new Parameters(BlockSize.K256, false, false, false), new Parameters(BlockSize.M4, true, false, true)};
        for (int seed = 0; seed < 12; seed++) {
            byte[] data = data(seed, seed == 0 ? 0 : 1 << (8 + seed));
            for (Parameters layout : layouts)
                assertThat(Lz4Frame.decode(compress(data, layout), LIMIT)).as("seed %d, %s", seed, layout).isEqualTo(data);
        }
    }

    @Test
    void refusesDataOverTheLimitBeforeWritingIt() throws IOException {
        byte[] frame = compress(new byte[100_000], new Parameters(BlockSize.K64));
        assertThatThrownBy(() -> Lz4Frame.decode(frame, 99_999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 99999 bytes");
    }

    @Test
    void refusesTruncatedFramesAndMatchesThatPointOutsideTheOutput() throws IOException {
        byte[] frame = compress(data(3, 50_000), new Parameters(BlockSize.K64));
        for (int cut = 1; cut < frame.length; cut += 97) {
            byte[] truncated = Arrays.copyOf(frame, cut);
            assertThatThrownBy(() -> Lz4Frame.decode(truncated, LIMIT)).as("cut at %d", cut)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(frame byte ");
        }
        // magic, FLG 0x40 (no content size), BD, HC; a block of 3 bytes: token 0x00 (no literals, a 4-byte match), offset 1
        byte[] noOutputYet = {0x04, 0x22, 0x4d, 0x18, 0x40, 0x40, 0, 3, 0, 0, 0, 0x00, 1, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> Lz4Frame.decode(noOutputYet, LIMIT))
                .hasMessage("match offset 1 points outside the 0 bytes decoded so far (frame byte 12)");
        assertThatThrownBy(() -> Lz4Frame.decode(new byte[] {1, 2, 3, 4, 5, 6, 7}, LIMIT))
                .hasMessage("not an LZ4 frame (magic 04030201) (frame byte 0)");
    }
}
