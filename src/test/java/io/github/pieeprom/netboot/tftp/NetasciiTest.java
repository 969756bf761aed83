package io.github.pieeprom.netboot.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NetasciiTest {
    @Test
    void sendsLineFeedsAsCrLfAndBareCarriageReturnsAsCrNul() {
        ByteBuffer wire = Netascii.encode(ByteBuffer.wrap("a\nb\r\nc\rd".getBytes(StandardCharsets.US_ASCII)));
        assertThat(StandardCharsets.ISO_8859_1.decode(wire).toString()).isEqualTo("a\r\nb\r\0\r\nc\r\0d");
    }
}
