package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.PackagedCheckout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./eeprom} launcher on the packaged jar, in a copy of the checkout without sources (so it does not
 * rebuild): its first run trains a start-up archive in the background, and later runs can map it.
 */
class LauncherIT {
    @TempDir
    Path tmp;

    private Path checkout() throws IOException {
        return PackagedCheckout.create(tmp.resolve("checkout"));
    }

    private static String run(Path checkout, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(checkout.resolve("eeprom").toString()),
                Stream.of(args)).toList()).redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static List<Path> archives(Path checkout) throws IOException {
        Path dir = checkout.resolve("target/startup");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("eeprom.*\\.(aot|jsa)")).toList();
        }
    }

    @Test
    void theArchiveTrainedUnderARunsJvmOptionsServesRunsWithoutThem() throws Exception {
        Path checkout = checkout();
        // the first run's options (here a JFR recording, which adds the jdk.jfr module) must not reach the archive
        String first = run(checkout, Map.of("JAVA_TOOL_OPTIONS",
                "-XX:StartFlightRecording=filename=" + tmp.resolve("first.jfr")), "--version");
        assertThat(first).contains("eeprom (pieeprom)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (archives(checkout).isEmpty() && System.nanoTime() < deadline) Thread.sleep(200);
        List<Path> archives = archives(checkout);
        assertThat(archives).as("an archive under target/startup within 120 s").hasSize(1);
        // a JVM told it must map the archive fails when it cannot
        String must = archives.get(0).toString().endsWith(".aot") ? "-XX:AOTMode=on" : "-Xshare:on";
        assertThat(run(checkout, Map.of("JAVA_TOOL_OPTIONS", must), "info",
                checkout.resolve("firmware-samples/synthetic-2711-notbootable.bin").toString()))
                .contains("BCM2711");
    }
}
