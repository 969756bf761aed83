package io.github.pieeprom.netboot.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.testing.Peers;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The codec against messages scapy builds, and malformed ones named by their byte offset. */
class DhcpPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    /** An OFFER with overload: option 52 = 3 puts options in the file and sname fields too. */
    private static final String SCAPY_OFFER = """
            p = BOOTP(op=2, xid=0x01020304, yiaddr='10.0.0.50', siaddr='10.0.0.1', giaddr='10.0.0.254', \
            chaddr=bytes.fromhex('2ccf67000001'), sname=b'\\x42\\x04\\x31\\x2e\\x32\\x33\\xff', \
            file=b'\\x0c\\x03pi5\\xff', options=b'c\\x82Sc') / DHCP(options=[('message-type', 'offer'), \
            ('server_id', '10.0.0.1'), (52, b'\\x03'), ('vendor_class_id', b'PXEClient'), \
            (43, bytes.fromhex('060103')), (43, bytes.fromhex('0a0400505845')), 'pad', 'end'])
            print(bytes(p).hex())
            """;

    @Test
    void readsEveryFieldOfAnOfferScapyBuiltIncludingOverloadedAndSplitOptions() {
        Peers.requireScapy();
        DhcpPacket offer = DhcpPacket.decode("offer", HEX.parseHex(Peers.scapy(SCAPY_OFFER)));
        assertThat(offer.op()).isEqualTo(DhcpPacket.BOOTREPLY);
        assertThat(offer.xid()).isEqualTo(0x01020304L);
        assertThat(offer.yiaddr().getHostAddress()).isEqualTo("10.0.0.50");
        assertThat(offer.siaddr().getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(offer.giaddr().getHostAddress()).isEqualTo("10.0.0.254");
        assertThat(offer.chaddr()).isEqualTo("2c:cf:67:00:00:01");
        assertThat(offer.messageType()).contains(DhcpPacket.OFFER);
        assertThat(offer.options().address(DhcpPacket.SERVER_ID).orElseThrow().getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(offer.options().text(DhcpPacket.VENDOR_CLASS)).contains("PXEClient");
        assertThat(offer.options().bytes(DhcpPacket.VENDOR_OPTIONS)).contains(HEX.parseHex("0601030a0400505845"));
        assertThat(offer.options().text(12)).contains("pi5");                   // from the file field
        assertThat(offer.options().text(DhcpPacket.TFTP_SERVER)).contains("1.23");   // from the sname field
        assertThat(offer.file()).isEmpty();
        assertThat(offer.sname()).isEmpty();
        assertThat(DhcpPacket.decode("again", offer.encode())).isEqualTo(offer);
    }

    @Test
    void scapyReadsWhatWeEncode() {
        Peers.requireScapy();
        DhcpPacket discover = PiFacts.discover(7, "e4:5f:01:aa:bb:cc",
                PiGuid.of("RPi4", 0xc03114, "e4:5f:01:aa:bb:cc", "0000abcd"));
        String read = Peers.scapy("p = BOOTP(bytes.fromhex('%s'))\nprint(p.xid, p.chaddr[:6].hex(), dict(o for o in "
                .formatted(HEX.formatHex(discover.encode())) + "p[DHCP].options if isinstance(o, tuple))['pxe_client_machine_identifier'].hex())");
        assertThat(read).isEqualTo("7 e45f01aabbcc 00525069341431c00001aabbcccdab0000");
    }

    @Test
    void rejectsAShortDatagramAMissingCookieAndAnOptionPastTheEndNamingTheOffset() {
        byte[] discover = PiFacts.discover(1, "dc:a6:32:00:00:01",
                PiGuid.of("RPi4", 0xc03111, "dc:a6:32:00:00:01", "00000001")).encode();
        assertThatThrownBy(() -> DhcpPacket.decode("pi:68", Arrays.copyOf(discover, 100)))
                .isInstanceOf(EepromException.class)
                .hasMessage("pi:68@0x000064: a DHCP message has at least 240 bytes, found 100");
        byte[] noCookie = discover.clone();
        noCookie[236] = 0;                                   // the cookie's first byte, 0x63
        assertThatThrownBy(() -> DhcpPacket.decode("pi:68", noCookie)).isInstanceOf(EepromException.class)
                .hasMessage("pi:68@0x0000ec: expected the DHCP magic cookie 0x63825363, found 0x00825363");
        byte[] cut = Arrays.copyOf(discover, 250);           // option 55 (at 243, 14 bytes) now ends past the datagram
        assertThatThrownBy(() -> DhcpPacket.decode("pi:68", cut)).isInstanceOf(EepromException.class)
                .hasMessage("pi:68@0x0000f3: option 55 of 14 bytes runs past the end of its field (5 bytes left)");
        byte[] hlen = discover.clone();
        hlen[2] = 17;
        assertThatThrownBy(() -> DhcpPacket.decode("pi:68", hlen)).isInstanceOf(EepromException.class)
                .hasMessage("pi:68@0x000002: hlen is at most 16, found 17");
    }
}
