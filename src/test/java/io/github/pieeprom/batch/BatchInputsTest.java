package io.github.pieeprom.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchInputsTest {
    @TempDir Path dir;
    Path pi4, pi5;

    @BeforeEach
    void inputs() throws IOException {
        pi4 = Conformance.file("firmware/2711-pieeprom-2026-08-04.bin");
        pi5 = Conformance.file("firmware/2712-pieeprom-2025-11-21.bin");
        Files.createDirectory(dir.resolve("confs"));
        Files.writeString(dir.resolve("confs/rack.conf"), "[all]\nBOOT_ORDER=0xf21\nTFTP_PREFIX_STR=${rack}/\n");
        Files.copy(pi5, dir.resolve("pi5.bin"));
    }

    private Path manifest(String csv) throws IOException {
        return Files.writeString(dir.resolve("devices.csv"), csv);
    }

    @Test
    void readsTheTemplatesAndImagesTheRowsNameBesideTheManifestAndTheBaseOfEachSoc() throws IOException {
        BatchInputs inputs = BatchInputs.read(manifest("name,soc,image,template,rack\n"
                + "a,2711,,confs/rack.conf,r1\nb,2712,pi5.bin,,\nc,2711,,confs/rack.conf,r2\n"), Map.of(Soc.BCM2711, pi4));
        assertThat(inputs.manifest().rows()).hasSize(3);
        assertThat(inputs.templates()).containsOnlyKeys("confs/rack.conf");
        assertThat(inputs.templates().get("confs/rack.conf").placeholders()).containsExactly("rack");
        assertThat(inputs.images().bySoc()).containsOnlyKeys(Soc.BCM2711);
        assertThat(inputs.images().bySoc().get(Soc.BCM2711).toByteArray()).isEqualTo(Files.readAllBytes(pi4));
        assertThat(inputs.images().byName()).containsOnlyKeys("pi5.bin");
        assertThat(inputs.images().byName().get("pi5.bin").bootConfig()).isEqualTo(ImageFiles.read(pi5).bootConfig());
        BatchPlan plan = inputs.plan(1_700_000_000L);
        assertThat(plan.rejected()).isEmpty();
        assertThat(plan.builds()).hasSize(3);
    }

    @Test
    void aBaseImageOfAnotherSocIsRefusedNamingTheOptionItWasGivenAs() throws IOException {
        Path csv = manifest("name,soc\nn1,2712\n");
        assertThatThrownBy(() -> BatchInputs.read(csv, Map.of(Soc.BCM2712, pi4))).isInstanceOf(EepromException.class)
                .hasMessage(pi4 + ": given as --image-2712, but it is a BCM2711 image");
        assertThatThrownBy(() -> BatchInputs.read(csv, Map.of(Soc.BCM2711, pi5)))
                .hasMessage(pi5 + ": given as --image-2711, but it is a BCM2712 image");
    }

    @Test
    void aMissingTemplateOrImageIsLeftForThePlanToRejectItsRow() throws IOException {
        BatchInputs inputs = BatchInputs.read(manifest("name,soc,image,template,rack\n"
                + "a,2711,,missing.conf,r1\nb,2712,missing.bin,,\nc,2711,,a\0b,\n"), Map.of(Soc.BCM2711, pi4));
        assertThat(inputs.templates()).isEmpty();
        assertThat(inputs.images().byName()).isEmpty();
        String csv = dir.resolve("devices.csv").toString();
        assertThat(inputs.plan(0).rejected()).extracting(RowOutcome.Rejected::message).containsExactly(
                csv + ":2: a: no such template missing.conf", csv + ":3: b: no such image missing.bin",
                csv + ":4: c: no such template a\\x00b");
    }

    @Test
    void aFolderWhereATemplateOrImageIsNamedStopsTheBatchNamingTheRow() throws IOException {
        String csv = dir.resolve("devices.csv").toString();
        assertThatThrownBy(() -> BatchInputs.read(manifest("name,soc,template\nn1,2711,confs/rack.conf\nn2,2711,confs\n"),
                Map.of(Soc.BCM2711, pi4))).hasMessage(csv + ":3: template confs is a folder, not a file");
        assertThatThrownBy(() -> BatchInputs.read(manifest("name,soc,image\nn1,2711,.\n"), Map.of()))
                .hasMessage(csv + ":2: image . is a folder, not a file");
    }

    @Test
    void aTemplateThatIsNotUtf8IsNamedWithItsLine() throws IOException {
        Files.write(dir.resolve("latin.conf"), "[all]\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> BatchInputs.read(manifest("name,soc,template\nn1,2711,latin.conf\n"),
                Map.of(Soc.BCM2711, pi4)))
                .hasMessage("latin.conf:2: not UTF-8: byte 0xe9 at column 6; save the file as UTF-8");
    }
}
