package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the CLI takes a .sig's timestamp and a key's passphrase from, with the environment passed in. */
class SigInputsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC);
    @TempDir Path tmp;

    @Test
    void theTimestampIsTsThenSourceDateEpochThenNow() {
        Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1650000000");
        assertThat(Timestamps.sigTimestamp("123", env::get, CLOCK)).isEqualTo(123);
        assertThat(Timestamps.sigTimestamp(null, env::get, CLOCK)).isEqualTo(1650000000);
        assertThat(Timestamps.sigTimestamp(null, Map.of("SOURCE_DATE_EPOCH", "")::get, CLOCK)).isEqualTo(1700000000);
        assertThat(Timestamps.sigTimestamp(null, Map.<String, String>of()::get, CLOCK)).isEqualTo(1700000000);
    }

    @Test
    void aBadSourceDateEpochIsNamed() {
        assertThatThrownBy(() -> Timestamps.sigTimestamp(null, Map.of("SOURCE_DATE_EPOCH", "yesterday")::get, CLOCK))
                .isInstanceOf(EepromException.class)
                .hasMessage("SOURCE_DATE_EPOCH: expected a decimal number of seconds since 1970, found \"yesterday\"");
    }

    @Test
    void thePassphraseIsTheFilesFirstLineElseTheOptionsValue() throws IOException {
        Path file = Files.writeString(tmp.resolve("pass"), "from file\nsecond line\n");
        char[] given = "from env".toCharArray();
        assertThat(PrivateKeys.passphrase(file, given)).hasValueSatisfying(p -> assertThat(p).isEqualTo("from file".toCharArray()));
        assertThat(PrivateKeys.passphrase(null, given)).hasValueSatisfying(p -> assertThat(p).isEqualTo("from env".toCharArray()));
        assertThat(PrivateKeys.passphrase(null, null)).isEmpty();
    }
}
