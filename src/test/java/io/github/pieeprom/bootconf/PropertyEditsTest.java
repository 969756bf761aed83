package io.github.pieeprom.bootconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.testing.Conformance;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PropertyEditsTest {
    /** The reference's signed-boot test config: [all], five properties, a comment, a blank last line. */
    private static final String SIGNED = "test/bootconf.txt";

    private static BootConfig config(String relative) {
        return BootConfig.parse(relative, Conformance.read(relative));
    }

    private static String text(BootConfig config) {
        return new String(config.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aSetRewritesItsLineOrAddsItAfterTheSectionsLastLineAndEveryOtherLineKeepsItsBytes() {
        String original = new String(Conformance.read(SIGNED), StandardCharsets.UTF_8);
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("BOOT_UART", "0");
        sets.put("BOOT_ORDER", "0xf21");
        PropertyEdits.Result result = new PropertyEdits(sets, List.of(), BootConfig.ALL).applyTo(config(SIGNED));
        assertThat(text(result.config())).isEqualTo(original.replace("BOOT_UART=1\n", "BOOT_UART=0\n")
                .replace("SIGNED_BOOT=1\n", "SIGNED_BOOT=1\nBOOT_ORDER=0xf21\n"));
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void anUnsetRemovesTheKeyAndOneThatRemovesNothingIsANoteNotAnError() {
        String original = new String(Conformance.read(SIGNED), StandardCharsets.UTF_8);
        PropertyEdits.Result result = new PropertyEdits(Map.of(), List.of("HDMI_DELAY", "TFTP_IP"), BootConfig.ALL)
                .applyTo(config(SIGNED));
        assertThat(text(result.config())).isEqualTo(original.replace("HDMI_DELAY=0\n", ""));
        assertThat(result.notes()).containsExactly("TFTP_IP is not set in [all]");
    }

    @Test
    void theEditsGoIntoTheirSectionWhichIsAddedAtTheEndWhenMissing() {
        String original = new String(Conformance.read(SIGNED), StandardCharsets.UTF_8);
        PropertyEdits.Result result = new PropertyEdits(Map.of("PCIE_PROBE", "1"), List.of("BOOT_UART"), "pi5")
                .applyTo(config(SIGNED));
        assertThat(text(result.config())).isEqualTo(original + "[pi5]\nPCIE_PROBE=1\n");
        assertThat(result.notes()).containsExactly("BOOT_UART is not set in [pi5]");
    }

    @Test
    void aValueThatWouldAddALineIsRefused() {
        PropertyEdits edits = new PropertyEdits(Map.of("BOOT_ORDER", "0xf21\nSIGNED_BOOT=0"), List.of(), BootConfig.ALL);
        BootConfig signed = config(SIGNED);               // outside the lambda: without the files, a skip, not a failure
        assertThatThrownBy(() -> edits.applyTo(signed)).isInstanceOf(EepromException.class)
                .hasMessage(SIGNED + ": the value of BOOT_ORDER must be one line");
    }

    @Test
    void anEditedConfigWithErrorsIsRefusedCountingThemAndOneWithOnlyWarningsPasses() {
        BootConfig edited = new PropertyEdits(Map.of("MAX_RETRIES", "3", "BOOT_ORDER", "0xg"), List.of(),
                BootConfig.ALL).applyTo(config(SIGNED)).config();
        List<Finding> findings = Validator.check(edited, Optional.of(Soc.BCM2711));
        assertThat(findings).filteredOn(Finding::isError).hasSize(2);
        assertThatThrownBy(() -> PropertyEdits.requireValid(edited, findings)).isInstanceOf(EepromException.class)
                .hasMessage(SIGNED + ": the edited config has 2 errors; nothing written");
        BootConfig one = new PropertyEdits(Map.of("MAX_RETRIES", "3"), List.of(), BootConfig.ALL)
                .applyTo(config(SIGNED)).config();
        assertThatThrownBy(() -> PropertyEdits.requireValid(one, Validator.check(one, Optional.empty())))
                .hasMessage(SIGNED + ": the edited config has 1 error; nothing written");
        Finding warning = new Finding(2, 1, "BOOT_UART", Finding.Severity.WARNING, "a warning");
        assertThatCode(() -> PropertyEdits.requireValid(config(SIGNED), List.of(warning))).doesNotThrowAnyException();
    }
}
