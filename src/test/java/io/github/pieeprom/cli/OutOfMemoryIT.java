package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real OutOfMemoryError: the packaged jar in a JVM with a 6 MiB heap, which starts and parses the command line
 * but cannot check a Pi 5 image's sections. One line naming the command and the image, exit 1; EEPROM_DEBUG=1 adds
 * the trace.
 */
class OutOfMemoryIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run eeprom(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx6m", "-XX:TieredStopAtLevel=1", "-cp",
                ROOT.resolve("target/eeprom.jar").toString(), EepromCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(tmp.resolve("err").toFile());
        builder.environment().remove(EepromCli.DEBUG_VARIABLE);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(tmp.resolve("err")));
    }

    @Test
    void outOfMemoryIsOneLineAndTheVariableShowsTheTrace() throws Exception {
        String image = Conformance.file("firmware/2712-pieeprom-2026-08-12.bin").toString();
        Run r = eeprom(Map.of(), "info", "--check", image);
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("eeprom: error: eeprom info " + image + ": out of memory (Java heap space); "
                + "java -Xmx sets the limit (--debug or EEPROM_DEBUG=1 shows the stack trace)\n");
        assertThat(r.out()).isEmpty();
        Run debug = eeprom(Map.of(EepromCli.DEBUG_VARIABLE, "1"), "info", "--check", image);
        assertThat(debug.exit()).isEqualTo(1);
        assertThat(debug.err()).startsWith("eeprom: error: eeprom info " + image + ": out of memory (Java heap space); "
                + "java -Xmx sets the limit\njava.lang.OutOfMemoryError: Java heap space\n\tat ");
    }
}
