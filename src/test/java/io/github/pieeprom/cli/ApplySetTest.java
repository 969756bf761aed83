package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplySetTest {
    private static final String IMAGE = "firmware/2711-pieeprom-2025-02-11.bin";
    @TempDir Path dir;

    @Test
    void setEditsTheImagesOwnConfigAndGivesTheSameImageAsApplyingTheEditedText() throws IOException {
        String original = new String(ImageFiles.read(Conformance.file(IMAGE)).bootConfig(), StandardCharsets.ISO_8859_1);
        assertThat(original).doesNotContain("NET_BOOT_MAX_RETRIES");
        Path out = dir.resolve("netboot.bin");
        Cli.Result r = Cli.run("apply", Conformance.file(IMAGE).toString(), "--set", "NET_BOOT_MAX_RETRIES=5",
                "-o", out.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        String expected = original.stripTrailing() + "\nNET_BOOT_MAX_RETRIES=5\n"
                + original.substring(original.stripTrailing().length() + 1);
        assertThat(new String(ImageFiles.read(out).bootConfig(), StandardCharsets.ISO_8859_1)).isEqualTo(expected);

        Path text = Files.writeString(dir.resolve("expected.conf"), expected, StandardCharsets.ISO_8859_1);
        Path viaConfig = dir.resolve("via-config.bin");
        assertThat(Cli.run("apply", Conformance.file(IMAGE).toString(), "--config", text.toString(), "-o",
                viaConfig.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(viaConfig));
    }

    @Test
    void setStartsFromTheConfigOptionWhenGiven() throws IOException {
        Path config = Files.writeString(dir.resolve("boot.conf"), "[all]\nBOOT_ORDER=0xf41\n");
        Path out = dir.resolve("out.bin");
        assertThat(Cli.run("apply", Conformance.file(IMAGE).toString(), "--config", config.toString(),
                "--set", "BOOT_ORDER=0xf21", "-o", out.toString()).exit()).isZero();
        assertThat(ImageFiles.read(out).bootConfig()).isEqualTo("[all]\nBOOT_ORDER=0xf21\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesAnEditTheValidatorRejectsAndLeavesNoOutput() {
        Path out = dir.resolve("out.bin");
        Cli.Result r = Cli.run("apply", Conformance.file(IMAGE).toString(), "--set", "BOOT_ORDER=0xf2g1",
                "-o", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("error: BOOT_ORDER: \"g\" is not a hex digit in \"0xf2g1\"")
                .endsWith("the edited config has 1 error; nothing written\n");
        assertThat(out).doesNotExist();
    }
}
