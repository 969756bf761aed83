package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's {@code batch} run in a terminal made by {@code script} (util-linux): the progress bar is drawn
 * when standard error is the terminal, and not when it is redirected to a file, though input and output still are.
 */
class ProgressBarIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path tmp;

    /** Runs {@code shell} under {@code script} and returns what the terminal showed. */
    private static String inTerminal(String shell) throws Exception {
        Process p = new ProcessBuilder("script", "-qec", shell, "/dev/null").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String shown = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(shown).isZero();
        return shown;
    }

    private String batch(String out) throws Exception {
        Files.writeString(tmp.resolve("rack.conf"), "[all]\nBOOT_ORDER=0xf21\nTFTP_PREFIX=1\nTFTP_PREFIX_STR=${rack}/\n");
        Files.writeString(tmp.resolve("devices.csv"), "name,soc,template,rack\nnode-1,2711,rack.conf,a\n"
                + "node-2,2711,rack.conf,b\nnode-3,2711,rack.conf,c\n");
        return String.join(" ", "'" + JAVA + "'", "-cp", "'" + ROOT.resolve("target/eeprom.jar") + "'",
                EepromCli.class.getName(), "batch", "'" + tmp.resolve("devices.csv") + "'", "--image-2711",
                "'" + ROOT.resolve("firmware-samples/synthetic-2711-notbootable.bin") + "'", "--ts", "1700000000",
                "-o", "'" + tmp.resolve(out) + "'");
    }

    @Test
    void theBarIsDrawnOnTheTerminalAndKeptOutOfARedirectedStandardError() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script (util-linux, Debian's bsdutils)");
        String shown = inTerminal(batch("a"));
        assertThat(shown).contains("\r[").contains("3/3 devices").contains("wrote " + tmp.resolve("a"));

        Path log = tmp.resolve("stderr.log");
        String quiet = inTerminal(batch("b") + " 2>'" + log + "'");
        assertThat(quiet).doesNotContain("devices");
        assertThat(Files.readString(log)).isEqualTo("wrote " + tmp.resolve("b") + ": 3 devices, 3 images\n");
    }
}
