package io.github.pieeprom.bootconf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pieeprom.Soc;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes given as a {@code bootconf.txt} parse, keep their bytes, validate to findings and explain for every
 * board: a config is never refused with an exception, only with findings.
 */
class BootConfigFuzzTest {
    @FuzzTest(maxDuration = "30s")
    @Timeout(60)         // a hang: per input when fuzzing (libFuzzer -timeout); JUnit also bounds the 30 s run
    void anyConfigKeepsItsBytesValidatesExplainsAndEdits(byte[] bytes) {
        BootConfig config = BootConfig.parse("fuzz.conf", bytes);
        assertThat(config.toBytes()).isEqualTo(bytes);
        assertThat(config.size()).isEqualTo(bytes.length);
        for (Optional<Soc> soc : List.of(Optional.<Soc>empty(), Optional.of(Soc.BCM2711),
                Optional.of(Soc.BCM2712)))
            assertThat(Validator.check(config, soc)).allSatisfy(f -> assertThat(f.message()).isNotBlank()
                    .doesNotContain("\n"));
        for (Soc soc : Soc.values()) Validator.checkInImage(config, soc);
        for (Board board : Board.values()) {
            config.settings(board);
            assertThat(Explainer.explain(config, board)).isNotEmpty();
        }
        assertThat(ConfigDiff.between(config, config)).isEmpty();
        BootConfig edited = config.with("BOOT_ORDER", "0xf21");
        assertThat(edited.get("BOOT_ORDER")).contains("0xf21");
        assertThat(edited.without("BOOT_ORDER").get("BOOT_ORDER")).isEmpty();
    }
}
