package io.github.pieeprom.netboot.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NegotiationTest {
    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return map;
    }

    @Test
    void acknowledgesTheKnownOptionsWithTheFileSizeAndIgnoresOthers() throws Refusal {
        Negotiation n = Negotiation.of(ordered("tsize", "0", "blksize", "1468", "multicast", "", "windowsize", "16",
                "timeout", "3"), 1234);
        assertThat(n.acknowledged()).containsExactly(Map.entry("tsize", "1234"), Map.entry("blksize", "1468"),
                Map.entry("windowsize", "16"), Map.entry("timeout", "3"));
        assertThat(n).extracting(Negotiation::blockSize, Negotiation::windowSize, Negotiation::timeoutSeconds)
                .containsExactly(1468, 16, 3);
    }

    @Test
    void withoutOptionsTheTransferIsPlainRfc1350() throws Refusal {
        assertThat(Negotiation.of(Map.of(), 10)).isEqualTo(new Negotiation(512, 1, 0, Map.of()));
    }

    @Test
    void leavesTsizeOutForAnEmptyFileBecauseCurlRejectsZero() throws Refusal {
        assertThat(Negotiation.of(ordered("tsize", "0", "blksize", "512"), 0).acknowledged())
                .containsExactly(Map.entry("blksize", "512"));
    }

    @Test
    void refusesValuesOutsideTheRfcRanges() {
        assertRefused("blksize", "7", "blksize 7 is outside 8..65464");
        assertRefused("blksize", "65465", "blksize 65465 is outside 8..65464");
        assertRefused("timeout", "0", "timeout 0 is outside 1..255");
        assertRefused("timeout", "256", "timeout 256 is outside 1..255");
        assertRefused("windowsize", "0", "windowsize 0 is outside 1..65535");
        assertRefused("tsize", "-1", "tsize -1 is outside 0..9223372036854775807");
        assertRefused("blksize", "big", "blksize \"big\" is not a number");
    }

    private static void assertRefused(String option, String value, String reason) {
        assertThatThrownBy(() -> Negotiation.of(Map.of(option, value), 100)).isInstanceOf(Refusal.class)
                .hasMessage(reason).satisfies(e -> assertThat(((Refusal) e).code).isEqualTo(8));
    }
}
