package io.github.pieeprom.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes given as an LZ4 frame decode to at most the limit, or are refused with an
 * {@link IllegalArgumentException} naming the frame byte, never another exception. Where another decoder (Commons
 * Compress) also decodes them, both give the same data; ours may accept more, as it skips checksums.
 */
class Lz4FrameFuzzTest {
    private static final int LIMIT = 1 << 20;

    @FuzzTest(maxDuration = "30s")
    @Timeout(60)         // a hang: per input when fuzzing (libFuzzer -timeout); JUnit also bounds the 30 s run
    void anyBytesDecodeAsAnotherDecoderDoesOrAreRefused(byte[] frame) {
        byte[] ours;
        try {
            ours = Lz4Frame.decode(frame, LIMIT);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("(frame byte ").doesNotContain("\n");
            return;
        }
        assertThat(ours.length).isLessThanOrEqualTo(LIMIT);
        byte[] theirs = commonsCompress(frame);
        if (theirs != null) assertThat(ours).isEqualTo(theirs);
    }

    /**
     * Commons Compress's reading of the frame, or null when it refuses it or finds more than the limit.
     *
     * <p>Commons Compress 1.28 answers -1 to the read that meets a block which decodes to nothing when another block
     * came before it, and reads on when asked again (a fuzzing finding: seed
     * {@code empty-compressed-block-after-blocks}, where one read to -1 gave 8 of the frame's 16 bytes, and
     * {@code lz4 -d} gives all 16). Only the end mark ends its data for good, so -1 is taken as the end when it comes
     * more times in a row than the frame could hold such blocks (5 bytes each at least).
     */
    private static byte[] commonsCompress(byte[] frame) {
        try (InputStream in = new FramedLZ4CompressorInputStream(new ByteArrayInputStream(frame))) {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int ends = 0; ends <= frame.length / 5; ) {
                int n = in.read(chunk);
                if (n < 0) {
                    ends++;
                } else {
                    ends = 0;
                    data.write(chunk, 0, n);
                    if (data.size() > LIMIT) return null;
                }
            }
            return data.toByteArray();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
