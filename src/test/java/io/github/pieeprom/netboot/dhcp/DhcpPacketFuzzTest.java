package io.github.pieeprom.netboot.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pieeprom.EepromException;
import java.net.InetAddress;
import java.net.Inet4Address;
import org.junit.jupiter.api.Timeout;

/** Any datagram decodes to a message or to one EepromException naming an offset; the proxy answers or not, never throws. */
class DhcpPacketFuzzTest {
    @FuzzTest(maxDuration = "30s")
    @Timeout(60)
    void anyDatagramDecodesOrIsRefusedWithAnOffsetAndTheProxySurvivesIt(byte[] datagram) throws Exception {
        DhcpPacket packet;
        try {
            packet = DhcpPacket.decode("fuzz", datagram);
        } catch (EepromException e) {
            assertThat(e.getMessage()).startsWith("fuzz@0x").doesNotContain("\n");
            return;
        }
        assertThat(DhcpPacket.decode("again", packet.encode())).isEqualTo(packet);
        new ProxyDhcp((Inet4Address) InetAddress.getByName("10.0.0.1"), PiFacts.MENU_TEXT).answer(packet)
                .ifPresent(answer -> assertThat(DhcpPacket.decode("answer", answer.encode())).isEqualTo(answer));
        packet.options().bytes(DhcpPacket.VENDOR_OPTIONS).ifPresent(PxeMenu::firstItem);
        packet.options().bytes(DhcpPacket.CLIENT_GUID).flatMap(PiGuid::parse).ifPresent(PiGuid::toBytes);
    }
}
