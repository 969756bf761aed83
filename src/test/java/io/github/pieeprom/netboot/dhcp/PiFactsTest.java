package io.github.pieeprom.netboot.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.Section;
import io.github.pieeprom.image.SectionKind;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The Pi facts of docs/dhcp.md, each against its evidence: captures people posted, the firmware, IEEE's list, scapy. */
class PiFactsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theDiscoverIsWhatScapyBuildsFromTheCapturedFieldsAndAsLongAsTheCapture() {
        Peers.requireScapy();
        String mac = "dc:a6:32:c2:1f:fe";             // TechnitiumSoftware/DnsServer#183: xid 0xd383a6ac, 322 bytes
        PiGuid guid = PiGuid.of("RPi4", 0xc03111, mac, "1234abcd");
        String expected = Peers.scapy("""
                p = BOOTP(op=1, htype=1, hlen=6, xid=0xd383a6ac, flags=0, chaddr=bytes.fromhex('dca632c21ffe'), \
                options=b'c\\x82Sc') / DHCP(options=[('message-type', 'discover'), \
                ('param_req_list', [1, 3, 43, 60, 66, 67, 128, 129, 130, 131, 132, 133, 134, 135]), \
                (93, b'\\x00\\x00'), (94, b'\\x01\\x02\\x01'), (97, bytes.fromhex('%s')), \
                ('vendor_class_id', b'PXEClient:Arch:00000:UNDI:002001'), 'end'])
                print(bytes(p).hex())
                """.formatted(HEX.formatHex(guid.toBytes())));
        byte[] ours = PiFacts.discover(0xd383a6acL, mac, guid).encode();
        assertThat(HEX.formatHex(ours)).isEqualTo(expected);
        assertThat(ours).hasSize(364 - 14 - 20 - 8);          // the capture's frame less Ethernet, IP and UDP headers
    }

    @Test
    void optionNinetySevenOfACapturedPi4ReadsAsFourccRevisionMacAndSerial() {
        // dnsmasq's log of a Pi 4 (proxy mode, 2021): "client-machine-id 00:52:50:69:34:11:31:a0:00:32:2e:f8:ed:10..."
        // and the same boot's TFTP requests under 5b154510/: the last three bytes are the serial's upper bytes.
        byte[] option = HEX.parseHex("00525069341131a000322ef8ed1045155b");
        assertThat(PiGuid.parse(option)).contains(new PiGuid("RPi4", 0xa03111, "32:2e:f8:ed", "5b154510"));
        assertThat(PiGuid.parse(option).orElseThrow().revisionHex()).isEqualTo("a03111");
        assertThat(PiGuid.of("RPi4", 0xa03111, "dc:a6:32:2e:f8:ed", "5b154510").toBytes()).isEqualTo(option);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "004372ee6a4372ee6a4372ee6a4372ee6a:6aee7243",    // rpi-eeprom#58: Wireshark 6aee7243-7243-6aee-4372-ee6a4372ee6a
        "002e2a5ee72e2a5ee72e2a5ee72e2a5ee7:e75e2a2e"})   // piserver#125: a Pi 3 (b8:27:eb:5e:2a:2e), old format
    void theOldFormatIsTheSerialFourTimesLittleEndian(String captured) {
        String[] parts = captured.split(":");
        assertThat(PiGuid.parse(HEX.parseHex(parts[0]))).contains(new PiGuid("", 0, "", parts[1]));
    }

    @Test
    void everyPiMacPrefixIsARaspberryPiBlockInWiresharksCopyOfTheIeeeRegistry() throws IOException {
        Path manuf = Path.of("/usr/share/wireshark/manuf");
        Peers.require(Files.isReadable(manuf), manuf + " (Debian package libwireshark-data) is not installed");
        Set<String> raspberry = new TreeSet<>();
        for (String line : Files.readAllLines(manuf)) {
            String[] f = line.split("\t");
            boolean universal = f[0].length() == 8 && (HEX.parseHex(f[0].substring(0, 2))[0] & 2) == 0;
            if (f.length > 2 && f[2].startsWith("Raspberry Pi") && universal) raspberry.add(f[0].toLowerCase(Locale.ROOT));
        }
        assertThat(raspberry).containsExactlyInAnyOrderElementsOf(PiFacts.MAC_PREFIXES);
        assertThat(PiFacts.hasPiMac("2C-CF-67-00-00-01")).isTrue();
        assertThat(PiFacts.hasPiMac("00:1b:21:00:00:01")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2711-pieeprom-2026-08-04.bin:RPi4", "2712-pieeprom-2026-08-12.bin:RPi5"})
    void theBootloaderHoldsTheVendorClassTheMenuTextAndItsFourcc(String imageAndFourcc) throws IOException {
        String[] parts = imageAndFourcc.split(":");
        Path path = Conformance.file("firmware/" + parts[0]);
        EepromImage image = EepromImage.parse(parts[0], Files.readAllBytes(path));
        Section bootmain = image.sections().stream()
                .filter(s -> s.kind() == SectionKind.LZ4 && s.name().equals("bootmain")).findFirst().orElseThrow();
        String code = new String(image.decompress(bootmain), StandardCharsets.ISO_8859_1);
        assertThat(code).contains(PiFacts.VENDOR_CLASS + "\0", PiFacts.MENU_TEXT + "\0", PiFacts.PXE_CLIENT + "\0");
        // the fourcc is a 32-bit immediate in the code, stored little-endian: "RPi4" reads "4iPR" in memory order
        assertThat(code).contains(new StringBuilder(parts[1]).reverse());
        List<String> other = List.of(PiFacts.FOURCC_PI4, PiFacts.FOURCC_PI5);
        assertThat(other).contains(parts[1]);
    }
}
