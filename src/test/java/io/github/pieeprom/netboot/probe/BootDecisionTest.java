package io.github.pieeprom.netboot.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.netboot.dhcp.DhcpPacket;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.testing.Peers;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decisions a Pi bootloader makes on DHCP answers, each answer built by scapy (an independent encoder), the
 * option 43 boot menu written out byte by byte as dnsmasq 2.90 sends it (docs/dhcp.md §3).
 */
class BootDecisionTest {
    private static final String PI5_MAC = "2c:cf:67:01:02:03";
    /** dnsmasq's pxe-service=0,"Raspberry Pi Boot": discovery control 3, prompt "PXE", one menu item. */
    private static final String MENU = "bytes.fromhex('060103' '0a0400505845' '0914000011') + b'Raspberry Pi Boot' + b'\\xff'";

    @BeforeEach
    void scapy() {
        Peers.requireScapy();
    }

    /** An OFFER from scapy: {@code options} is a Python list body of scapy DHCP options after message-type. */
    private static DhcpAnswer offer(String server, String yiaddr, String siaddr, String options) {
        String hex = Peers.scapy(("p = BOOTP(op=2, xid=0x1234, yiaddr='%s', siaddr='%s', chaddr=bytes.fromhex('2ccf67010203'))"
                + "/DHCP(options=[('message-type','offer'), ('server_id','%s'), %s 'end'])\nprint(raw(p).hex())")
                .formatted(yiaddr, siaddr, server, options));
        return new DhcpAnswer(server + ":67", DhcpPacket.decode(server, HexFormat.of().parseHex(hex)));
    }

    private static BootDecision decide(DhcpAnswer... answers) {
        return BootDecision.of(List.of(answers), PI5_MAC, PiFacts.FOURCC_PI5, PiFacts.MENU_TEXT);
    }

    private static List<String> codes(BootDecision d) {
        return d.findings().stream().map(Finding::code).toList();
    }

    @Test
    void aSiteServerAndAProxyGiveAddressAndBootServer() {
        DhcpAnswer site = offer("10.0.0.1", "10.0.0.50", "0.0.0.0", "");
        DhcpAnswer proxy = offer("10.0.0.2", "0.0.0.0", "0.0.0.0",
                "('vendor_class_id', b'PXEClient'), ('vendor_specific', " + MENU + "),");
        BootDecision d = decide(site, proxy);
        assertThat(d.boots()).isTrue();
        assertThat(d.findings()).isEmpty();
        assertThat(d.address()).contains(site);
        assertThat(d.boot()).contains(proxy);
        assertThat(d.tftpServer().orElseThrow().getHostAddress()).isEqualTo("10.0.0.2");   // option 54: siaddr is 0
    }

    @Test
    void siaddrWinsOverOption54() {
        BootDecision d = decide(offer("10.0.0.1", "10.0.0.50", "10.0.0.9",
                "('vendor_class_id', b'PXEClient'), ('vendor_specific', " + MENU + "),"));
        assertThat(d.boots()).isTrue();
        assertThat(d.tftpServer().orElseThrow().getHostAddress()).isEqualTo("10.0.0.9");
    }

    @Test
    void noAnswerAtAll() {
        BootDecision d = BootDecision.of(List.of(), PI5_MAC, PiFacts.FOURCC_PI5, PiFacts.MENU_TEXT);
        assertThat(codes(d)).containsExactly("no-dhcp-answer");
        assertThat(d.boots()).isFalse();
    }

    @Test
    void plainStringOption43IsAWarningAndStillTheBootServer() {
        BootDecision d = decide(offer("10.0.0.1", "10.0.0.50", "10.0.0.1",
                "('vendor_class_id', b'PXEClient'), ('vendor_specific', b'Raspberry Pi Boot'),"));
        assertThat(codes(d)).containsExactly("option43-plain-string");
        assertThat(d.findings().get(0).severity()).isEqualTo(Finding.Severity.WARN);
        assertThat(d.findings().get(0).message()).contains("10.0.0.1:67").contains("pxe-service=0,\"Raspberry Pi Boot\"");
        assertThat(d.boots()).isTrue();
    }

    @Test
    void anotherMenuTextFails() {
        String menu = "bytes.fromhex('060103' '090c000009') + b'Linux PXE' + b'\\xff'";
        BootDecision d = decide(offer("10.0.0.1", "10.0.0.50", "10.0.0.1",
                "('vendor_class_id', b'PXEClient'), ('vendor_specific', " + menu + "),"));
        assertThat(codes(d)).containsExactly("option43-menu-mismatch");
        assertThat(d.findings().get(0).message()).contains("\"Linux PXE\"").contains("10.0.0.1:67");
        assertThat(d.boots()).isFalse();
    }

    @Test
    void answersWithoutPxeNameTheMatchThatWouldHaveWorked() {
        BootDecision d = decide(offer("10.0.0.1", "10.0.0.50", "0.0.0.0", "('router', '10.0.0.1'),"));
        assertThat(codes(d)).containsExactly("no-boot-answer");
        assertThat(d.findings().get(0).message()).contains("10.0.0.1:67").contains("2c:cf:67")
                .contains("dhcp-match=set:pi,97,0:52:50:69:35");
        assertThat(d.address()).isPresent();
        assertThat(d.boots()).isFalse();
    }

    @Test
    void twoBootServersWarn() {
        String boot = "('vendor_class_id', b'PXEClient'), ('vendor_specific', " + MENU + "),";
        BootDecision d = decide(offer("10.0.0.1", "10.0.0.50", "10.0.0.1", boot), offer("10.0.0.2", "0.0.0.0", "0.0.0.0", boot));
        assertThat(codes(d)).containsExactly("two-boot-servers");
        assertThat(d.findings().get(0).message()).contains("10.0.0.1:67, 10.0.0.2:67");
        assertThat(d.boots()).isTrue();
        assertThat(d.tftpServer().orElseThrow().getHostAddress()).isEqualTo("10.0.0.1");
    }

    @Test
    void aBootAnswerWithoutAnyServerAddressFails() {
        String hex = Peers.scapy("p = BOOTP(op=2, xid=0x1234, yiaddr='10.0.0.50', chaddr=bytes.fromhex('2ccf67010203'))"
                + "/DHCP(options=[('message-type','offer'), ('vendor_class_id', b'PXEClient'), ('vendor_specific', "
                + MENU + "), 'end'])\nprint(raw(p).hex())");
        BootDecision d = decide(new DhcpAnswer("10.0.0.1:67", DhcpPacket.decode("x", HexFormat.of().parseHex(hex))));
        assertThat(codes(d)).containsExactly("no-tftp-server");
        assertThat(d.boots()).isFalse();
    }

    @Test
    void onlyAProxyAnsweringGivesNoAddress() {
        BootDecision d = decide(offer("10.0.0.2", "0.0.0.0", "0.0.0.0",
                "('vendor_class_id', b'PXEClient'), ('vendor_specific', " + MENU + "),"));
        assertThat(codes(d)).containsExactly("no-address");
        assertThat(d.boots()).isFalse();
    }

    @Test
    void option66NamesTheTftpServerWhenSiaddrIsZero() {
        BootDecision d = decide(offer("10.0.0.1", "10.0.0.50", "0.0.0.0",
                "('vendor_class_id', b'PXEClient'), ('vendor_specific', " + MENU + "), ('tftp_server_name', b'10.0.0.7'),"));
        assertThat(d.tftpServer().orElseThrow().getHostAddress()).isEqualTo("10.0.0.7");
    }
}
