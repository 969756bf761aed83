package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.testing.Conformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eeprom config -x} writes into the current folder, as the reference does: run in a child JVM. */
class ExtractToWorkingDirTest {
    @TempDir Path cwd;

    @Test
    void extractWritesBootcodeAndEveryModifiableFileFirstCopyWinning() throws Exception {
        Path image = Conformance.file("firmware/2712-pieeprom-2026-08-12.bin");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), EepromCli.class.getName(), "config", "-x", image.toString())
                .directory(cwd.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        try (var files = Files.list(cwd)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly("bootcode.bin",
                    "bootconf.sig", "bootconf.txt", "bootsys", "cacert.der", "pubkey.bin", "updatetime");
        }
        EepromImage source = ImageFiles.read(image);
        assertThat(cwd.resolve("bootcode.bin")).hasSize(25984).hasBinaryContent(source.file("bootcode.bin").orElseThrow());
        assertThat(cwd.resolve("bootconf.txt")).hasBinaryContent(source.bootConfig());
        assertThat(cwd.resolve("bootsys")).hasSize(78356);
        // the read-only region's updatetime comes first and wins, as in the reference (FORMAT.md Q7)
        assertThat(cwd.resolve("updatetime")).hasBinaryContent(new byte[] {0, 0, 0, 0, -1, -1, -1, -1});
    }

    @Test
    void extractRefusesToWriteOverTheImageOrAlongsideAChange() throws Exception {
        Path image = Files.copy(Conformance.file("firmware/2712-pieeprom-2026-08-12.bin"), cwd.resolve("bootcode.bin"));
        byte[] before = Files.readAllBytes(image);
        Files.writeString(cwd.resolve("bootconf.txt"), "[all]\nBOOT_ORDER=0xf1\n");
        for (String[] args : new String[][] {{"config", "-x", "bootcode.bin"},
                {"config", "-x", "-c", "bootconf.txt", "-o", "out.bin", "bootcode.bin"}}) {
            Process p = new ProcessBuilder(Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin",
                    "java").toString(), "-cp", System.getProperty("java.class.path"), EepromCli.class.getName()),
                    Stream.of(args)).toList()).directory(cwd.toFile()).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as(output).isEqualTo(2);
            assertThat(output).hasLineCount(1).startsWith("eeprom: error: ");
        }
        assertThat(image).hasBinaryContent(before);
        assertThat(cwd.resolve("bootconf.txt")).hasContent("[all]\nBOOT_ORDER=0xf1\n");
        try (var files = Files.list(cwd)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly("bootcode.bin",
                    "bootconf.txt");
        }
    }
}
