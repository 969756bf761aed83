package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pieeprom.testing.PackagedCheckout;
import io.github.pieeprom.testing.SpecialFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM sent, with kill(1), to a real {@code ./eeprom batch} part-way through its work: it
 * exits 130 or 143, and the folder it wrote in holds its inputs only, no hidden spool folder or temporary archive.
 * {@code ./eeprom tftp serve} stops on SIGTERM with its summary and exit 0, as a systemd unit wants it.
 */
class InterruptIT {
    private static final List<String> INPUTS = List.of("devices.csv", "rack.conf");
    @TempDir Path tmp;
    Path checkout, work;

    @BeforeEach
    void inputs() throws IOException {
        checkout = PackagedCheckout.create(tmp.resolve("checkout"));
        work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("rack.conf"), "[all]\nBOOT_ORDER=0xf21\nTFTP_PREFIX=1\nTFTP_PREFIX_STR=${rack}/\n");
    }

    /** {@code devices} Pi 4 boards, each with a config (and so an image) of its own. */
    private void manifest(int devices) throws IOException {
        StringBuilder csv = new StringBuilder("name,soc,template,rack\n");
        for (int i = 0; i < devices; i++) csv.append("node-").append(i).append(",2711,rack.conf,r").append(i).append('\n');
        Files.writeString(work.resolve("devices.csv"), csv);
    }

    private Process batch(String out) throws IOException {
        return new ProcessBuilder(checkout.resolve("eeprom").toString(), "batch", "devices.csv", "--image-2711",
                checkout.resolve("firmware-samples/synthetic-2711-notbootable.bin").toString(), "--ts", "1700000000",
                "--jobs", "1", "-o", out).directory(work.toFile()).redirectErrorStream(true).start();
    }

    /** Waits until a file of the work folder matches, while the batch runs; the batch must not end first. */
    private Path await(Process batch, Predicate<Path> what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(batch.isAlive()).as("the batch is still running").isTrue();
            try (Stream<Path> files = Files.list(work)) {
                Optional<Path> found = files.filter(what).findFirst();
                if (found.isPresent()) return found.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("nothing matched within 120 s");
    }

    private static int kill(Process batch, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(batch.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(batch.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
        return batch.exitValue();
    }

    private static long imagesIn(Path spool) {
        try (Stream<Path> images = Files.list(spool.resolve("images"))) {
            return images.count();
        } catch (IOException notYet) {
            return 0;
        }
    }

    /** A process started in the background of a non-interactive shell ignores SIGINT, and so do its children. */
    private static void assumeSigintIsNotIgnored() throws IOException {
        String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .findFirst().orElse("SigIgn: 0").substring(7).strip();
        assumeTrue((Long.parseLong(ignored, 16) & 2) == 0, "this JVM ignores SIGINT (started in the background?)");
    }

    @Test
    void ctrlCWhileImagesAreBuiltLeavesNoSpoolFolder() throws Exception {
        assumeSigintIsNotIgnored();
        manifest(3000);
        Process batch = batch("fleet");
        Path spool = await(batch, p -> p.getFileName().toString().startsWith(".fleet.") && imagesIn(p) >= 20);
        assertThat(kill(batch, "INT")).isEqualTo(130);
        assertThat(spool).doesNotExist();
        assertThat(SpecialFiles.names(work)).containsExactlyElementsOf(INPUTS);
    }

    @Test
    void sigtermWhileTheArchiveIsPackedLeavesNoSpoolNorTemporaryArchive() throws Exception {
        manifest(300);
        Process batch = batch("fleet.tar.gz");
        Path archive = await(batch, p -> p.getFileName().toString().matches("\\.fleet\\.tar\\.gz\\..*\\.tmp"));
        int exit = kill(batch, "TERM");
        String output = new String(batch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exit).as(output).isEqualTo(143);
        assertThat(archive).doesNotExist();
        assertThat(SpecialFiles.names(work)).containsExactlyElementsOf(INPUTS);
    }

    @Test
    void tftpServeStopsOnSigtermWithItsSummaryAndExitZero() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Process serve = new ProcessBuilder(checkout.resolve("eeprom").toString(), "tftp", "serve", "--root",
                root.toString(), "--bind", "127.0.0.1", "--port", "0").redirectErrorStream(true).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).contains("serving " + root.toRealPath() + " on 127.0.0.1:");
        assertThat(kill(serve, "TERM")).isZero();
        assertThat(out.readLine()).endsWith(" summary: 0 requests, 0 sent (0 bytes), 0 not found, 0 refused, 0 dropped, "
                + "0 packets sent again");
        assertThat(out.readLine()).isNull();
    }
}
