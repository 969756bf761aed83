package io.github.pieeprom.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pieeprom.EepromException;
import io.github.pieeprom.testing.ClearErrors;
import org.junit.jupiter.api.Timeout;

/** Any bytes given as a {@code .sig} file parse, or are refused with one line naming the file and line. */
class SigFileFuzzTest {
    @FuzzTest(maxDuration = "30s")
    @Timeout(60)         // a hang: per input when fuzzing (libFuzzer -timeout); JUnit also bounds the 30 s run
    void anySigFileParsesToWhatItWritesOrIsRefusedClearly(byte[] bytes) {
        SigFile sig;
        try {
            sig = SigFile.parse("fuzz.sig", bytes);
        } catch (EepromException e) {
            ClearErrors.assertClear(e, "fuzz.sig");
            return;
        }
        assertThat(SigFile.parse("fuzz.sig", sig.toByteArray())).isEqualTo(sig);
        sig.signature().ifPresent(s -> assertThat(s).hasSize(SigFile.SIGNATURE_LENGTH));
    }
}
