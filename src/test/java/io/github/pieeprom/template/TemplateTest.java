package io.github.pieeprom.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final String RACK = "[all]\nCLIENT_IP=${ip}\nTFTP_PREFIX_STR=${name}/${ip}/\n# cost: $5 {not a placeholder}\n";

    @Test
    void listsEachPlaceholderOnceInTheOrderItFirstAppears() {
        assertThat(Template.parse("rack.conf", RACK).placeholders()).containsExactly("ip", "name");
    }

    @Test
    void substitutesEveryOccurrenceAndKeepsTheRestOfTheText() {
        assertThat(Template.parse("rack.conf", RACK).substitute(Map.of("ip", "10.0.0.7", "name", "node-7", "x", "y")))
                .isEqualTo("[all]\nCLIENT_IP=10.0.0.7\nTFTP_PREFIX_STR=node-7/10.0.0.7/\n# cost: $5 {not a placeholder}\n");
    }

    @Test
    void textWithoutPlaceholdersIsReturnedAsIs() {
        Template plain = Template.parse("plain.conf", "BOOT_UART=1\n");
        assertThat(plain.placeholders()).isEmpty();
        assertThat(plain.substitute(Map.of())).isEqualTo("BOOT_UART=1\n");
    }

    @Test
    void aValueWithALineBreakWouldAddLinesAndIsRefused() {
        Template rack = Template.parse("rack.conf", RACK);
        assertThatThrownBy(() -> rack.substitute(Map.of("ip", "10.0.0.7\nBOOT_ORDER=0x1", "name", "n")))
                .isInstanceOf(EepromException.class).hasMessage("rack.conf:2: ${ip} is \"10.0.0.7\\x0aBOOT_ORDER=0x1\": "
                        + "a value with a line break would add lines to the text");
        assertThatThrownBy(() -> rack.substitute(Map.of("ip", "10.0.0.7", "name", "n\r"))).hasMessageStartingWith(
                "rack.conf:3: ${name} is \"n\\x0d\"");
    }

    @Test
    void aMissingValueNamesThePlaceholderAndItsLine() {
        assertThatThrownBy(() -> Template.parse("rack.conf", RACK).substitute(Map.of("ip", "10.0.0.7")))
                .isInstanceOf(EepromException.class).hasMessage("rack.conf:3: unknown variable ${name} (known: ip)");
    }

    @Test
    void rejectsAnUnclosedPlaceholderWithItsLine() {
        assertThatThrownBy(() -> Template.parse("t.conf", "A=1\nB=${ip\n}\n")).isInstanceOf(EepromException.class)
                .hasMessage("t.conf:2: \"${\" without a closing \"}\" on its line");
    }

    @Test
    void rejectsAPlaceholderNameWithSpaces() {
        assertThatThrownBy(() -> Template.parse("t.conf", "A=${client ip}\n")).isInstanceOf(EepromException.class)
                .hasMessage("t.conf:1: expected a placeholder name of letters, digits, _, . and -, found \"${client ip}\"");
    }
}
