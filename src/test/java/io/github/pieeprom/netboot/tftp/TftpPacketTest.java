package io.github.pieeprom.netboot.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TftpPacketTest {
    private static TftpPacket decode(String wire) {
        return TftpPacket.decode(ByteBuffer.wrap(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void readsARequestWithItsOptionsInOrderAndLowerCased() {
        assertThat(decode("\0\1boot/start4.elf\0OCTET\0BLKSIZE\0" + "1468\0tsize\0" + "0\0"))
                .isEqualTo(new TftpPacket.ReadRequest("boot/start4.elf", "octet", Map.of("blksize", "1468", "tsize", "0")));
        assertThat(((TftpPacket.ReadRequest) decode("\0\1f\0octet\0tsize\0" + "0\0blksize\0" + "8\0")).options().keySet())
                .containsExactly("tsize", "blksize");
    }

    @Test
    void encodedPacketsReadBackTheSame() {
        for (TftpPacket p : new TftpPacket[] {new TftpPacket.ReadRequest("a/b", "netascii", Map.of("windowsize", "4")),
                new TftpPacket.WriteRequest("x", "octet"), new TftpPacket.Ack(65535), new TftpPacket.Error(8, "no"),
                new TftpPacket.OptionAck(Map.of("blksize", "1468"))})
            assertThat(TftpPacket.decode(p.encode())).isEqualTo(p);
        TftpPacket.Data data = (TftpPacket.Data) decode("\0\3\u00ff\u00fehello");
        assertThat(data.block()).isEqualTo(0xfffe);
        assertThat(StandardCharsets.ISO_8859_1.decode(data.payload()).toString()).isEqualTo("hello");
    }

    @Test
    void namesWhatIsWrongWithAPacketItCannotRead() {
        assertThat(decode("")).isEqualTo(new TftpPacket.Malformed(-1, "a packet of 0 byte(s) has no opcode"));
        assertThat(decode("\0")).isEqualTo(new TftpPacket.Malformed(-1, "a packet of 1 byte(s) has no opcode"));
        assertThat(decode("\0\u0009abc")).isEqualTo(new TftpPacket.Malformed(9, "unknown opcode 9"));
        assertThat(decode("\0\1start4.elf")).isEqualTo(new TftpPacket.Malformed(1,
                "RRQ is truncated: file name and mode must end in a zero byte"));
        assertThat(decode("\0\1\0octet\0")).isEqualTo(new TftpPacket.Malformed(1, "RRQ has an empty file name"));
        assertThat(decode("\0\1f\0octet\0blksize\0")).isEqualTo(new TftpPacket.Malformed(1,
                "RRQ: option blksize has no zero-terminated value"));
        assertThat(decode("\0\1f\0octet\0blksize\0" + "8\0BLKSIZE\0" + "9\0")).isEqualTo(new TftpPacket.Malformed(1,
                "RRQ: option BLKSIZE is given twice"));
        assertThat(decode("\0\4\0")).isEqualTo(new TftpPacket.Malformed(4,
                "ACK is truncated: no block number or error code"));
    }

    @Test
    void acceptsAnErrorMessageWithoutItsFinalZeroByte() {
        assertThat(decode("\0\5\0\1missing")).isEqualTo(new TftpPacket.Error(1, "missing"));
    }
}
