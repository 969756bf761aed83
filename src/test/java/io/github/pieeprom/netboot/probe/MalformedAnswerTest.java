package io.github.pieeprom.netboot.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.testing.Peers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A DHCP answer truncated or fuzzed gives a finding or a decision, never an exception (scapy builds the original). */
class MalformedAnswerTest {
    private static final long XID = 0x1234;

    private static byte[] bootOffer() {
        Peers.requireScapy();
        return HexFormat.of().parseHex(Peers.scapy("p = BOOTP(op=2, xid=0x1234, yiaddr='10.0.0.50', siaddr='10.0.0.1', "
                + "chaddr=bytes.fromhex('dca632010203'))/DHCP(options=[('message-type','offer'), ('server_id','10.0.0.1'), "
                + "('vendor_class_id', b'PXEClient'), ('vendor_specific', bytes.fromhex('060103' '0a0400505845' "
                + "'0914000011') + b'Raspberry Pi Boot' + b'\\xff'), ('tftp_server_name', b'10.0.0.1'), 'end'])\n"
                + "print(raw(p).hex())"));
    }

    private static BootDecision decide(byte[] datagram, List<Finding> findings) {
        List<DhcpAnswer> answers = new ArrayList<>();
        Probe.read("10.0.0.1:67", datagram, XID, findings).ifPresent(answers::add);
        return BootDecision.of(answers, "dc:a6:32:01:02:03", PiFacts.FOURCC_PI4, PiFacts.MENU_TEXT);
    }

    @Test
    void theOriginalBoots() {
        List<Finding> findings = new ArrayList<>();
        assertThat(decide(bootOffer(), findings).boots()).isTrue();
        assertThat(findings).isEmpty();
    }

    @Test
    void everyTruncationGivesAFindingOrADecision() {
        byte[] offer = bootOffer();
        for (int length = 0; length < offer.length; length++) {
            List<Finding> findings = new ArrayList<>();
            BootDecision d = decide(Arrays.copyOf(offer, length), findings);
            if (length < 240) assertThat(findings).as("length " + length).extracting(Finding::code)
                    .containsExactly("malformed-answer");
            if (!findings.isEmpty()) assertThat(findings.get(0).message()).startsWith("10.0.0.1:67 sent a datagram")
                    .doesNotContain("\n");
            assertThat(d.findings()).as("length " + length).isNotNull();
        }
    }

    @Test
    void flippedBytesNeverThrow() {
        byte[] offer = bootOffer();
        Random random = new Random(24);
        int malformed = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] fuzzed = offer.clone();
            for (int i = 0; i < 1 + random.nextInt(8); i++)
                fuzzed[236 + random.nextInt(fuzzed.length - 236)] = (byte) random.nextInt(256);    // the options
            List<Finding> findings = new ArrayList<>();
            decide(fuzzed, findings);
            if (!findings.isEmpty()) malformed++;
        }
        assertThat(malformed).as("some of them are not DHCP any more").isPositive();
    }
}
