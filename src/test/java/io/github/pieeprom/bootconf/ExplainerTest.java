package io.github.pieeprom.bootconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The defaults {@code explain} shows per board, against the documentation's words (eeprom-bootloader.adoc):
 * {@code NET_INSTALL_ENABLED} "Default: 1 on Flagship models since Raspberry Pi 4B and Keyboard models; 0 on Compute
 * Modules since CM4 (including CM4S)"; {@code POWER_OFF_ON_HALT} "Default: 1 on Compute Modules since CM5 and Keyboard
 * models; otherwise 0".
 */
class ExplainerTest {
    private static final BootConfig EMPTY = BootConfig.parse("boot.conf", "[all]\n".getBytes(StandardCharsets.US_ASCII));

    private static String defaultOf(String key, Board board) {
        String text = Explainer.explain(EMPTY, board);
        int at = text.indexOf("\n  " + key + "=");
        assertThat(at).as(key + " in the defaults for " + board).isPositive();
        return text.substring(at + 4 + key.length(), text.indexOf(' ', at + 3));
    }

    @Test
    void networkInstallIsOffByDefaultOnComputeModules() {
        for (Board board : Board.values())
            assertThat(defaultOf("NET_INSTALL_ENABLED", board)).as(board.id())
                    .isEqualTo(board == Board.CM4 || board == Board.CM4S || board == Board.CM5 ? "0" : "1");
    }

    @Test
    void powerOffOnHaltIsOnByDefaultOnCm5AndTheKeyboardModels() {
        for (Board board : Board.values())
            assertThat(defaultOf("POWER_OFF_ON_HALT", board)).as(board.id())
                    .isEqualTo(board == Board.CM5 || board == Board.PI400 || board == Board.PI500 ? "1" : "0");
    }

    @Test
    void everyModelFilterCanBeExplainedAsABoard() {
        assertThat(Explainer.explain(EMPTY, Board.parse("pi500").orElseThrow()))
                .startsWith("boot.conf on a Raspberry Pi 500/500+ (BCM2712, filters [pi5][pi500]):");
        assertThat(Explainer.explain(EMPTY, Board.parse("cm4s").orElseThrow()))
                .startsWith("boot.conf on a Compute Module 4S (BCM2711, filters [cm4s][pi4]):");
    }

    @Test
    void anUndocumentedNameTheFirmwareReadsIsSaidSo() {
        BootConfig config = BootConfig.parse("boot.conf", "[all]\nDNS_IP=10.0.0.1\nFOO=1\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(Explainer.explain(config, Board.PI4)).contains(
                "  DNS_IP=10.0.0.1                      line 2  (undocumented; read by BCM2711 releases since 2022-02-04)\n",
                "  FOO=1                                line 3  (not a bootloader property: ignored)\n");
    }
}
