package io.github.pieeprom.bootconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BootConfigTest {
    private static BootConfig parse(String text) {
        return BootConfig.parse("boot.conf", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String print(BootConfig config) {
        return new String(config.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void printsBackCrlfMissingFinalNewlineAndTrailingBlanksUnchanged() {
        for (String text : new String[] {"[all]\r\nBOOT_UART=1\r\n", "BOOT_UART=0x1", "FREEZE_VERSION=1     \n   \n",
                "", "\n", "\r\n\r\n", "# only a comment", "[none]   \nx y z\n"})
            assertThat(print(parse(text))).isEqualTo(text);
    }

    @Test
    void bytesThatAreNotUtf8RoundTripUnchanged() {
        byte[] random = new byte[4096];
        new Random(4).nextBytes(random);                       // fixed seed: invalid UTF-8, stray \r and \n
        assertThat(BootConfig.parse("x", random).toBytes()).isEqualTo(random);
        byte[] latin1 = {'#', ' ', (byte) 0xe9, '\n', 'A', '=', (byte) 0xff};
        BootConfig config = BootConfig.parse("x", latin1);
        assertThat(config.toBytes()).isEqualTo(latin1);
        assertThat(config.with("BOOT_UART", "1").toBytes())
                .isEqualTo(new byte[] {'#', ' ', (byte) 0xe9, '\n', 'A', '=', (byte) 0xff, '\n',
                        'B', 'O', 'O', 'T', '_', 'U', 'A', 'R', 'T', '=', '1'});
    }

    @Test
    void classifiesLinesAndStripsOnlyTrailingBlanksFromValues() {
        BootConfig config = parse("# c\n\n[pi4]  \nTFTP_IP=\nFREEZE_VERSION=1   \nnot a setting\n");
        assertThat(config.lines()).extracting(Line::kind).containsExactly(Line.Kind.COMMENT, Line.Kind.BLANK,
                Line.Kind.SECTION, Line.Kind.PROPERTY, Line.Kind.PROPERTY, Line.Kind.INVALID);
        assertThat(config.lines().get(2).value()).isEqualTo("pi4");
        assertThat(config.lines().get(3).value()).isEmpty();
        assertThat(config.lines().get(4).value()).isEqualTo("1");
    }

    @Test
    void settingAnExistingKeyRewritesOnlyItsLineAndKeepsItsCrlf() {
        BootConfig config = parse("[all]\r\nBOOT_UART=0\r\nBOOT_ORDER=0xf41\r\n# keep\r\n");
        assertThat(print(config.with("BOOT_ORDER", "0xf21")))
                .isEqualTo("[all]\r\nBOOT_UART=0\r\nBOOT_ORDER=0xf21\r\n# keep\r\n");
    }

    @Test
    void aMissingKeyIsAddedAfterTheLastLineOfItsSectionBeforeTheBlankLines() {
        BootConfig config = parse("[all]\nBOOT_UART=0\n\n[pi5]\nPCIE_PROBE=1\n\n[all]\nBOOT_ORDER=0xf41\n");
        assertThat(print(config.with("NET_BOOT_MAX_RETRIES", "5")))
                .isEqualTo("[all]\nBOOT_UART=0\n\n[pi5]\nPCIE_PROBE=1\n\n[all]\nBOOT_ORDER=0xf41\nNET_BOOT_MAX_RETRIES=5\n");
        assertThat(print(config.with("pi5", "BOOT_ORDER", "0xf461")))
                .isEqualTo("[all]\nBOOT_UART=0\n\n[pi5]\nPCIE_PROBE=1\nBOOT_ORDER=0xf461\n\n[all]\nBOOT_ORDER=0xf41\n");
    }

    @Test
    void aMissingSectionIsAddedAtTheEndAndAFileWithoutFinalNewlineKeepsThatStyle() {
        assertThat(print(parse("BOOT_UART=0").with("cm4", "BOOT_ORDER", "0xf21")))
                .isEqualTo("BOOT_UART=0\n[cm4]\nBOOT_ORDER=0xf21");
        assertThat(print(parse("").with("BOOT_ORDER", "0xf21"))).isEqualTo("[all]\nBOOT_ORDER=0xf21\n");
        assertThat(print(parse("[pi4]\nWAKE_ON_GPIO=0\n").with("BOOT_UART", "1")))
                .isEqualTo("[pi4]\nWAKE_ON_GPIO=0\n[all]\nBOOT_UART=1\n");
    }

    @Test
    void settingAKeyNeverWritesIntoTheConfigTxtTailEvenAfterALaterAll() {
        // Found by BootConfigFuzzTest: BOOT_ORDER went after the last [all], which [config.txt] had parked.
        BootConfig config = parse("[all]\nBOOT_UART=1\n[config.txt]\ndtoverlay=x\n[all]\nSIGNED_BOOT=1\n");
        assertThat(print(config.with("BOOT_ORDER", "0xf21")))
                .isEqualTo("[all]\nBOOT_UART=1\nBOOT_ORDER=0xf21\n[config.txt]\ndtoverlay=x\n[all]\nSIGNED_BOOT=1\n");
        assertThat(print(parse("[config.txt]\n[all]\nBOOT_ORDER=0xf41\n").with("BOOT_ORDER", "0xf21")))
                .isEqualTo("[all]\nBOOT_ORDER=0xf21\n[config.txt]\n[all]\nBOOT_ORDER=0xf41\n");
        assertThat(config.with("BOOT_ORDER", "0xf21").get("BOOT_ORDER")).contains("0xf21");
    }

    @Test
    void linesBeforeTheFirstFilterBelongToAll() {
        assertThat(print(parse("BOOT_UART=0\nWAKE_ON_GPIO=1\n\n[none]\nX=1\n").with("BOOT_ORDER", "0x1")))
                .isEqualTo("BOOT_UART=0\nWAKE_ON_GPIO=1\nBOOT_ORDER=0x1\n\n[none]\nX=1\n");
    }

    @Test
    void unsetRemovesEveryAssignmentInTheSectionOnly() {
        BootConfig config = parse("[all]\nTFTP_IP=\nBOOT_UART=1\nTFTP_IP=10.0.0.1\n[cm4]\nTFTP_IP=10.0.0.2\n");
        assertThat(print(config.without("TFTP_IP"))).isEqualTo("[all]\nBOOT_UART=1\n[cm4]\nTFTP_IP=10.0.0.2\n");
        assertThat(config.without("SUBNET")).isSameAs(config);
    }

    @Test
    void refusesANameThatIsNoKeyAndAValueOfTwoLines() {
        assertThatThrownBy(() -> parse("").with("BOOT ORDER", "1")).isInstanceOf(EepromException.class)
                .hasMessage("boot.conf: expected a property name of letters, digits and _, found \"BOOT ORDER\"");
        assertThatThrownBy(() -> parse("").with("TFTP_IP", "1\nX=2")).isInstanceOf(EepromException.class)
                .hasMessage("boot.conf: the value of TFTP_IP must be one line");
    }

    @Test
    void sameKindFiltersReplaceEachOtherAndAllResets() {
        BootConfig config = parse("[pi4]\n[gpio8=0]\nA=1\n[cm4]\nB=1\n[none]\nC=1\n[all]\nD=1\n[config.txt]\n[all]\nE=1\n");
        assertThat(config.lines()).filteredOn(l -> l.kind() == Line.Kind.PROPERTY)
                .extracting(l -> config.conditionOf(l).name())
                .containsExactly("[pi4][gpio8=0]", "[gpio8=0][cm4]", "[gpio8=0][cm4][none]", "[all]", "[config.txt]");
    }

    @Test
    void settingsForABoardFollowTheFiltersAndTheLastAssignmentWins() {
        BootConfig config = parse("[all]\nBOOT_ORDER=0xf41\n[pi4]\nBOOT_ORDER=0xf14\n[cm4]\nBOOT_ORDER=0xf21\n"
                + "[pi5]\nBOOT_ORDER=0xf461\n[all]\n[board-type=0x13]\nWAKE_ON_GPIO=2\n[gpio8=0]\nHDMI_DELAY=0\n[all]\nBOOT_UART=1\n");
        assertThat(config.settings(Board.PI4).get("BOOT_ORDER").value()).isEqualTo("0xf14");
        assertThat(config.settings(Board.CM4).get("BOOT_ORDER").value()).isEqualTo("0xf21");
        assertThat(config.settings(Board.CM5).get("BOOT_ORDER").value()).isEqualTo("0xf461");
        assertThat(config.settings(Board.PI400)).containsKey("WAKE_ON_GPIO").doesNotContainKey("HDMI_DELAY");
        assertThat(config.settings(Board.PI4)).doesNotContainKey("WAKE_ON_GPIO").containsKey("BOOT_UART");
        assertThat(config.get("BOOT_ORDER")).contains("0xf41");
    }
}
