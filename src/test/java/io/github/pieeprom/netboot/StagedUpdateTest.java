package io.github.pieeprom.netboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Hashes;
import io.github.pieeprom.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Stager#eepromUpdate}: the {@code pieeprom.upd} a TFTP root gets, and the timestamp it is given. */
class StagedUpdateTest {
    private static final String AB_2712 = "firmware/2712-pieeprom-2026-08-12.bin";
    private static final long NOW = 1_700_000_000L;

    @TempDir Path tmp;

    private static String vectorSha256(String id) {
        return Vectors.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().sha256();
    }

    private static void stage(Path root, String folder, EepromUpdate update) throws IOException {
        Files.createDirectories(root.resolve(folder));
        Files.write(root.resolve(folder).resolve(EepromUpdate.UPD), update.upd());
        Files.write(root.resolve(folder).resolve(EepromUpdate.SIG), update.sig());
    }

    @Test
    void intoAnEmptyRootTheUpdateHasTheTimestampNowAsTheReferenceWritesIt() throws IOException {
        EepromUpdate update = Stager.eepromUpdate(Conformance.file(AB_2712), tmp.resolve("no-root-yet"), NOW);
        assertThat(update.timestamp()).isEqualTo(NOW);
        // rpi-eeprom-config --timestamp 1700000000 on the same image (both updatetime files of an AB image)
        assertThat(Hashes.sha256(update.upd())).isEqualTo(vectorSha256("ts-1700000000-2712-2026-08-12"));
        SigFile sig = SigFile.parse(EepromUpdate.SIG, update.sig());
        assertThat(sig.matches(update.upd())).isTrue();
        assertThat(sig.ts()).isEqualTo(NOW);
        assertThat(sig.targetSoc()).isEqualTo(Optional.of(Soc.BCM2712));
    }

    @Test
    void anUpdateIsNewerThanEveryOtherStagedBeforeEvenWhenTheClockIsBehind() throws IOException {
        Path root = tmp.resolve("tftp");
        EepromImage other = EepromImage.parse("other.bin",
                Conformance.read("firmware/2712-pieeprom-2025-11-21.bin"));
        stage(root, "1234abcd", EepromUpdate.of(other, NOW + 500));
        EepromUpdate update = Stager.eepromUpdate(Conformance.file(AB_2712), root, NOW);
        assertThat(update.timestamp()).isEqualTo(NOW + 501);
        assertThat(EepromImage.parse("u", update.upd()).timestamp()).hasValue(NOW + 501);
    }

    @Test
    void stagingTheSameImageAgainKeepsItsTimestampSoNothingChanges() throws IOException {
        Path root = tmp.resolve("tftp");
        EepromUpdate first = Stager.eepromUpdate(Conformance.file(AB_2712), root, NOW);
        stage(root, "1234abcd", first);
        EepromUpdate again = Stager.eepromUpdate(Conformance.file(AB_2712), root, NOW + 3600);
        assertThat(again.timestamp()).isEqualTo(NOW);
        assertThat(again.upd()).isEqualTo(first.upd());
        assertThat(again.sig()).isEqualTo(first.sig());
    }

    @Test
    void aRootThatIsAFileIsRefusedBeforeTheImageIsRead() throws IOException {
        Path file = Files.writeString(tmp.resolve("root"), "x");
        assertThatThrownBy(() -> Stager.eepromUpdate(tmp.resolve("missing.bin"), file, NOW))
                .isInstanceOf(EepromException.class).hasMessage(file + ": the TFTP root is a file, not a folder");
        assertThat(file).hasContent("x");
    }
}
