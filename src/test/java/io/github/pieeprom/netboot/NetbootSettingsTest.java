package io.github.pieeprom.netboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Validator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code netboot --tftp-prefix-str}: the bootloader reads TFTP_PREFIX_STR only with TFTP_PREFIX=1. */
class NetbootSettingsTest {
    private static NetbootSettings settings(Optional<Prefix> prefix, Optional<String> string) {
        return new NetbootSettings("0xf21", Optional.empty(), Optional.empty(), prefix, string, Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of());
    }

    @Test
    void aPrefixStringAloneSetsTftpPrefixOneAndSaysSo() {
        NetbootSettings s = settings(Optional.empty(), Optional.of("rack1/"));
        BootConfig config = s.applyTo(BootConfig.parse("boot.conf",
                "[all]\nTFTP_PREFIX=0\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(config.toBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("[all]\nTFTP_PREFIX=1\nBOOT_ORDER=0xf21\nTFTP_PREFIX_STR=rack1/\n");
        assertThat(s.notes()).containsExactly(
                "TFTP_PREFIX=1 set too: the bootloader reads TFTP_PREFIX_STR only with TFTP_PREFIX=1");
        assertThat(Validator.check(config, Optional.of(Soc.BCM2711))).isEmpty();
    }

    @Test
    void aPrefixStringWithTheStringPrefixNeedsNoNote() {
        NetbootSettings s = settings(Optional.of(Prefix.STRING), Optional.of("rack1/"));
        assertThat(s.properties()).containsEntry("TFTP_PREFIX", "1").containsEntry("TFTP_PREFIX_STR", "rack1/");
        assertThat(s.notes()).isEmpty();
        assertThat(settings(Optional.of(Prefix.MAC), Optional.empty()).properties()).containsEntry("TFTP_PREFIX", "2")
                .doesNotContainKey("TFTP_PREFIX_STR");
    }

    @Test
    void aPrefixStringWithAnotherPrefixIsRefused() {
        assertThatThrownBy(() -> settings(Optional.of(Prefix.MAC), Optional.of("rack1/")))
                .isInstanceOf(EepromException.class).hasMessage("--tftp-prefix-str: the bootloader reads "
                        + "TFTP_PREFIX_STR only with TFTP_PREFIX=1 (--tftp-prefix string), not with --tftp-prefix mac");
    }
}
