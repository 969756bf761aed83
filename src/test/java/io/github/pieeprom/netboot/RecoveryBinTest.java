package io.github.pieeprom.netboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real recovery.bin files are told apart by SoC; EEPROM images and other files are not taken for one. */
class RecoveryBinTest {
    @TempDir Path tmp;

    @Test
    void theRealRecoveryBinOfEachSocIsToldApart() {
        assertThat(RecoveryBin.socOf("2711-recovery.bin", Conformance.read("firmware/2711-recovery.bin")))
                .isEqualTo(Soc.BCM2711);
        assertThat(RecoveryBin.socOf("2712-recovery.bin", Conformance.read("firmware/2712-recovery.bin")))
                .isEqualTo(Soc.BCM2712);
    }

    @Test
    void theOtherSocsRecoveryBinIsRefusedNamingTheFile() {
        byte[] pi5 = Conformance.read("firmware/2712-recovery.bin");
        assertThatThrownBy(() -> RecoveryBin.requireFor("r.bin", pi5, Soc.BCM2711)).isInstanceOf(EepromException.class)
                .hasMessage("r.bin: is the recovery.bin for Pi 5 (2712); the image is for Pi 4: give "
                        + "firmware-2711/.../recovery.bin");
        assertThat(RecoveryBin.requireFor("r.bin", pi5, Soc.BCM2712)).isEqualTo(pi5);
    }

    @Test
    void noRealEepromImageNorATextFileIsTakenForARecoveryBin() {
        for (Path image : Conformance.images()) {
            byte[] bytes = Conformance.read("firmware/" + image.getFileName());
            assertThatThrownBy(() -> RecoveryBin.socOf(image.getFileName().toString(), bytes)).as(image.toString())
                    .hasMessageContaining("not a recovery.bin");
        }
        assertThatThrownBy(() -> RecoveryBin.socOf("boot.conf", "[all]\nBOOT_ORDER=0xf21\n".getBytes()))
                .hasMessage("boot.conf: not a recovery.bin: expected the SD-card program that flashes the EEPROM "
                        + "(firmware-2711/ or firmware-2712/.../recovery.bin), found 23 bytes without its RECOVERY.%03d");
    }
}
