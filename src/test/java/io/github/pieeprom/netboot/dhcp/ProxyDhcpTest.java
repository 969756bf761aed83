package io.github.pieeprom.netboot.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The proxy's answers: who gets one, and that its option 43 is the one dnsmasq sends (BOOTCONF.md §4.4). */
class ProxyDhcpTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PI4 = "dc:a6:32:01:02:03";

    @Test
    void offersAPi4TheBootServerInEveryFieldAPiReadsAndNoAddress() throws Exception {
        Inet4Address server = (Inet4Address) InetAddress.getByName("10.0.0.1");
        PiGuid guid = PiGuid.of("RPi4", 0xc03111, PI4, "1234abcd");
        DhcpPacket offer = new ProxyDhcp(server, PiFacts.MENU_TEXT).answer(PiFacts.discover(42, PI4, guid)).orElseThrow();
        assertThat(offer.op()).isEqualTo(DhcpPacket.BOOTREPLY);
        assertThat(offer.xid()).isEqualTo(42);
        assertThat(offer.chaddr()).isEqualTo(PI4);
        assertThat(offer.yiaddr().getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(offer.siaddr()).isEqualTo(server);
        assertThat(offer.messageType()).contains(DhcpPacket.OFFER);
        assertThat(offer.options().address(DhcpPacket.SERVER_ID)).contains(server);
        assertThat(offer.options().text(DhcpPacket.TFTP_SERVER)).contains("10.0.0.1");
        assertThat(offer.options().text(DhcpPacket.VENDOR_CLASS)).contains("PXEClient");
        assertThat(offer.options().bytes(DhcpPacket.CLIENT_GUID)).contains(guid.toBytes());
        // dnsmasq 2.90 with pxe-service=0,"Raspberry Pi Boot", measured (BOOTCONF.md §4.4; piserver#125's log)
        assertThat(offer.options().bytes(DhcpPacket.VENDOR_OPTIONS)).contains(HEX.parseHex(
                "0601030a04005058450914000011" + HEX.formatHex("Raspberry Pi Boot".getBytes()) + "ff"));
        assertThat(PxeMenu.firstItem(offer.options().bytes(DhcpPacket.VENDOR_OPTIONS).orElseThrow()))
                .contains("Raspberry Pi Boot");
    }

    @Test
    void answersAPi5ByItsFourccAndALegacyPiByItsMacButNoPcAndNoPlainClient() throws Exception {
        ProxyDhcp proxy = new ProxyDhcp((Inet4Address) InetAddress.getByName("10.0.0.1"), "Raspberry Pi Boot");
        String unknownMac = "02:00:00:00:00:01";
        assertThat(proxy.answer(PiFacts.discover(1, unknownMac, PiGuid.of("RPi5", 0xd04170, unknownMac, "0000beef"))))
                .isPresent();
        assertThat(proxy.answer(PiFacts.discover(2, "2c:cf:67:00:00:01", new PiGuid("", 0, "", "0000beef"))))
                .as("DHCP_OPTION97=0 on a Pi 5: matched by MAC").isPresent();
        DhcpPacket pc = PiFacts.discover(3, "00:1b:21:00:00:01", new PiGuid("", 0, "", "00000001"));
        pc = withOptions(pc, pc.options().with(DhcpPacket.VENDOR_CLASS, "PXEClient:Arch:00007:UNDI:003016"));
        assertThat(proxy.answer(pc)).as("a UEFI PC").isEmpty();
        DhcpPacket plain = PiFacts.discover(4, PI4, new PiGuid("", 0, "", "00000001"));
        plain = withOptions(plain, plain.options().without(DhcpPacket.VENDOR_CLASS));
        assertThat(proxy.answer(plain)).as("a Pi's Linux asking for an address").isEmpty();
        DhcpPacket request = PiFacts.request(5, PI4, PiGuid.of("RPi4", 0xc03111, PI4, "00000001"),
                (Inet4Address) InetAddress.getByName("10.0.0.50"), (Inet4Address) InetAddress.getByName("10.0.0.2"));
        assertThat(proxy.answer(request)).as("a REQUEST is for the server that offered the address").isEmpty();
    }

    @Test
    void theLongestMenuTextFillsOneOptionFortyThreeAndALongerOneIsRefused() {
        String longest = "x".repeat(PxeMenu.MAX_TEXT);
        byte[] option43 = PxeMenu.option43(longest);
        assertThat(option43).hasSize(255);                      // one DHCP option: no RFC 3396 split to rejoin
        assertThat(PxeMenu.firstItem(option43)).contains(longest);
        assertThat(PxeMenu.textProblem(longest)).isEmpty();
        assertThat(PxeMenu.textProblem(longest + "x")).contains("a PXE menu text has 1 to 240 characters, found 241");
    }

    @Test
    void aPlainStringOptionFortyThreeHasNoMenuItem() {
        assertThat(PxeMenu.firstItem("Raspberry Pi Boot".getBytes())).isEmpty();
    }

    private static DhcpPacket withOptions(DhcpPacket p, DhcpOptions options) {
        return new DhcpPacket(p.op(), p.htype(), p.hops(), p.xid(), p.secs(), p.flags(), p.ciaddr(), p.yiaddr(),
                p.siaddr(), p.giaddr(), p.chaddr(), p.sname(), p.file(), options);
    }
}
