package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.SpecialFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config given as {@code -} (standard input), as a FIFO (what {@code <(...)} hands over) or as an endless
 * device, and an HSM wrapper that prints without end: read as a file is, or refused at its size limit in one line,
 * never read until memory runs out.
 */
class InputKindsTest {
    private static final String CONFIG = "[all]\nBOOT_ORDER=0xf21\n";
    @TempDir Path tmp;

    private Cli.Result applyWithConfig(String config, Path out) {
        return Cli.run("apply", Conformance.file("firmware/2711-pieeprom-2020-04-16.bin").toString(), "-c", config,
                "-o", out.toString());
    }

    @Test
    void aDashConfigIsStandardInput() throws IOException {
        Path out = tmp.resolve("new.bin");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(CONFIG.getBytes()));
            Cli.Result r = applyWithConfig("-", out);
            assertThat(r.exit()).as(r.stderr()).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(ImageFiles.read(out).bootConfig()).asString().isEqualTo(CONFIG);
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void aFifoConfigIsReadAsAFileIs() throws Exception {
        Path fifo = SpecialFiles.fifo(tmp.resolve("boot.conf")), out = tmp.resolve("new.bin");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(fifo, CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Cli.Result r = applyWithConfig(fifo.toString(), out);
        assertThat(r.exit()).as(r.stderr()).isZero();
        writer.get(10, TimeUnit.SECONDS);
        assertThat(ImageFiles.read(out).bootConfig()).asString().isEqualTo(CONFIG);
        assertThat(SpecialFiles.isSpecial(fifo)).isTrue();
    }

    @Test
    void anEndlessConfigIsOneLineAtItsLimit() throws Exception {
        Path zero = tmp.resolve("zero"), out = tmp.resolve("new.bin");
        Process mknod = new ProcessBuilder("mknod", zero.toString(), "c", "1", "5").start();      // as /dev/zero
        org.junit.jupiter.api.Assumptions.assumeTrue(mknod.waitFor() == 0, "mknod needs root; skipping");
        Failures.assertBadInput(applyWithConfig(zero.toString(), out),
                zero + ": expected at most 16777216 bytes, found more than 16777216 bytes", out);
        assertThat(SpecialFiles.names(tmp)).containsExactly("zero");
    }

    @Test
    void anHsmWrapperThatPrintsWithoutEndIsOneLine() throws IOException {
        Path wrapper = Files.writeString(tmp.resolve("hsm-yes"), "#!/bin/sh\nexec yes\n");
        Files.setPosixFilePermissions(wrapper, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path out = tmp.resolve("out.sig");
        Failures.assertBadInput(Cli.run("digest", Conformance.file("test/bootconf.txt").toString(), "--hsm-wrapper",
                wrapper.toString(), "-o", out.toString()), wrapper + ": HSM wrapper printed more than 65536 bytes; "
                + "expected 512 hex digits (an RSA-2048 signature)", out);
    }

    @Test
    void aClosedStandardInputIsSaidSoNotReadAsTheJvmsOwnFile() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("bash", "-c", "exec \"$0\" -cp \"$1\" " + EepromCli.class.getName()
                + " info - <&-", java, System.getProperty("java.class.path")).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        assertThat(output).isEqualTo("eeprom: error: standard input: closed (the command was run with <&-): nothing "
                + "to read\n");
    }
}
