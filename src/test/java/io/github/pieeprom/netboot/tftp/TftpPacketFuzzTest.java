package io.github.pieeprom.netboot.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Timeout;

/** Any datagram decodes to a packet or to {@code Malformed} with a reason; requested options are taken or refused. */
class TftpPacketFuzzTest {
    @FuzzTest(maxDuration = "30s")
    @Timeout(60)         // a hang: per input when fuzzing (libFuzzer -timeout); JUnit also bounds the 30 s run
    void anyDatagramDecodesWithoutThrowingAndReencodesToTheSamePacket(byte[] datagram) {
        ByteBuffer in = ByteBuffer.wrap(datagram);
        TftpPacket packet = TftpPacket.decode(in);
        assertThat(in.position()).as("the buffer is left unchanged").isZero();
        if (packet instanceof TftpPacket.Malformed m) {
            assertThat(m.reason()).isNotBlank();
            return;
        }
        assertThat(TftpPacket.decode(packet.encode())).isEqualTo(packet);
        if (packet instanceof TftpPacket.ReadRequest request) negotiate(request);
    }

    private static void negotiate(TftpPacket.ReadRequest request) {
        try {
            Negotiation n = Negotiation.of(request.options(), 1_000_000);
            assertThat(n.blockSize()).isBetween(Negotiation.MIN_BLOCK_SIZE, Negotiation.MAX_BLOCK_SIZE);
            assertThat(n.windowSize()).isBetween(1, 65535);
            assertThat(n.timeoutSeconds()).isBetween(0, 255);
        } catch (Refusal r) {
            assertThat(r.code).isEqualTo(TftpPacket.Error.OPTION_REFUSED);
            assertThat(r.getMessage()).isNotBlank();
        }
    }
}
