package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    @TempDir Path dir;

    @Test
    void listsPropertiesAddedRemovedAndChangedPerSection() throws IOException {
        Path a = Files.writeString(dir.resolve("a.conf"), "[all]\nBOOT_UART=0\nBOOT_ORDER=0xf41\n[pi5]\nPCIE_PROBE=1\n");
        Path b = Files.writeString(dir.resolve("b.conf"), "# new\n[all]\nBOOT_ORDER=0xf21\nNET_BOOT_MAX_RETRIES=5\n"
                + "[pi5]\nPCIE_PROBE=1\n[cm4]\nBOOT_ORDER=0xf1\n");
        Cli.Result r = Cli.run("diff", a.toString(), b.toString());
        assertThat(r.exit()).as("different, as diff(1)").isEqualTo(1);
        assertThat(r.out()).isEqualTo("""
                [all]
                  - BOOT_UART=0
                  ~ BOOT_ORDER: 0xf41 -> 0xf21
                  + NET_BOOT_MAX_RETRIES=5
                [cm4]
                  + BOOT_ORDER=0xf1
                """);
    }

    @Test
    void forTwoImagesAlsoNamesTheOtherSectionsThatDiffer() {
        String a = Conformance.file("firmware/2712-pieeprom-2024-04-05.bin").toString();
        String b = Conformance.file("firmware/2712-pieeprom-2024-12-19.bin").toString();
        Cli.Result r = Cli.run("diff", a, b);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("""
                [all]
                  - POWER_OFF_ON_HALT=0
                  + NET_INSTALL_AT_POWER_ON=1
                section bootcode: differs
                """);
    }

    @Test
    void aConfigAgainstAnImageComparesTheImagesConfig() throws IOException {
        Path a = Files.writeString(dir.resolve("a.conf"), "[all]\nBOOT_UART=1\nBOOT_ORDER=0xf461\nNET_INSTALL_AT_POWER_ON=1\n");
        Cli.Result r = Cli.run("diff", a.toString(), Conformance.file("firmware/2712-pieeprom-2024-12-19.bin").toString());
        assertThat(r.out()).isEqualTo("bootconf.txt: same properties\n");
        assertThat(r.exit()).as("equal, as diff(1)").isZero();
    }

    @Test
    void anImageAgainstItselfExitsZeroAndOnlyASectionThatDiffersExitsOne() throws IOException {
        Path image = Conformance.file("firmware/2712-pieeprom-2024-12-19.bin");
        Cli.Result same = Cli.run("diff", image.toString(), image.toString());
        assertThat(same.exit()).isZero();
        assertThat(same.out()).isEqualTo("bootconf.txt: same properties\n");
        byte[] bytes = Files.readAllBytes(image);
        bytes[100] ^= 1;                        // a byte of the boot code (section 0's payload), not of bootconf.txt
        Path changed = Files.write(dir.resolve("changed.bin"), bytes);
        Cli.Result r = Cli.run("diff", image.toString(), changed.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("bootconf.txt: same properties\nsection bootcode: differs\n");
    }

    @Test
    void troubleIsExitTwoInOneLineAsDiff1Says() throws IOException {
        Path a = Files.writeString(dir.resolve("a.conf"), "[all]\nBOOT_UART=1\n");
        Cli.Result missing = Cli.run("diff", a.toString(), dir.resolve("missing.conf").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("eeprom: error: " + dir.resolve("missing.conf")
                + ": no such file or folder\n");
        assertThat(missing.out()).isEmpty();
        Cli.Result usage = Cli.run("diff", a.toString());
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.stderr()).startsWith("eeprom: error: Missing required parameter: 'B'").hasLineCount(1);
        assertThat(Files.readString(a)).isEqualTo("[all]\nBOOT_UART=1\n");
        assertThat(io.github.pieeprom.testing.SpecialFiles.names(dir)).containsExactly("a.conf");
    }
}
