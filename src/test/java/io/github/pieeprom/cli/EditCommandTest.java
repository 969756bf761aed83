package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditCommandTest {
    @TempDir Path dir;

    @Test
    void setsAndUnsetsInPlaceChangingOnlyThoseLines() throws IOException {
        Path file = Files.writeString(dir.resolve("boot.conf"),
                "[all]\r\nBOOT_UART=0\r\n# why: rack 4\r\nTFTP_IP=\r\nBOOT_ORDER=0xf41\r\n");
        Cli.Result r = Cli.run("edit", file.toString(), "--set", "BOOT_ORDER=0xf21", "--set", "NET_BOOT_MAX_RETRIES=5",
                "--unset", "TFTP_IP");
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(file))
                .isEqualTo("[all]\r\nBOOT_UART=0\r\n# why: rack 4\r\nBOOT_ORDER=0xf21\r\nNET_BOOT_MAX_RETRIES=5\r\n");
        assertThat(r.stderr()).isEqualTo("wrote " + file + "\n");
    }

    @Test
    void editsTheNamedSectionAndWritesToOutOrStandardOutput() throws IOException {
        Path file = Files.writeString(dir.resolve("boot.conf"), "[all]\nBOOT_UART=0\n");
        Path out = dir.resolve("pi5.conf");
        assertThat(Cli.run("edit", file.toString(), "--section", "pi5", "--set", "PCIE_PROBE=1", "-o", out.toString())
                .exit()).isZero();
        assertThat(Files.readString(out)).isEqualTo("[all]\nBOOT_UART=0\n[pi5]\nPCIE_PROBE=1\n");
        assertThat(Files.readString(file)).isEqualTo("[all]\nBOOT_UART=0\n");
        assertThat(Cli.run("edit", file.toString(), "--set", "BOOT_UART=1", "-o", "-").out()).isEqualTo("[all]\nBOOT_UART=1\n");
    }

    @Test
    void refusesAResultTheValidatorRejectsAndWritesNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("boot.conf"), "[all]\nBOOT_UART=0\n");
        Cli.Result r = Cli.run("edit", file.toString(), "--set", "MAX_RETRIES=3");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo(file + ":3:1: error: unknown property MAX_RETRIES; did you mean "
                + "NET_BOOT_MAX_RETRIES, SD_BOOT_MAX_RETRIES or MAX_RESTARTS?\n"
                + "eeprom: error: " + file + ": the edited config has 1 error; nothing written\n");
        assertThat(Files.readString(file)).isEqualTo("[all]\nBOOT_UART=0\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("boot.conf"), "[all]\n");
        assertThat(Cli.run("edit", file.toString()).exit()).isEqualTo(2);
        Cli.Result noEquals = Cli.run("edit", file.toString(), "--set", "BOOT_UART");
        assertThat(noEquals.exit()).isEqualTo(2);
        assertThat(noEquals.stderr()).isEqualTo("eeprom: error: --set expects KEY=VALUE, found \"BOOT_UART\"\n");
    }
}
