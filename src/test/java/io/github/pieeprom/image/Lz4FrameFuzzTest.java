package io.github.pieeprom.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
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

    /** Commons Compress's reading of the frame, or null when it refuses it or finds more than the limit. */
    private static byte[] commonsCompress(byte[] frame) {
        try (InputStream in = new FramedLZ4CompressorInputStream(new ByteArrayInputStream(frame))) {
            byte[] data = in.readNBytes(LIMIT + 1);
            return data.length > LIMIT ? null : data;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
