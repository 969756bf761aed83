package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.testing.PackagedCheckout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -o /dev/stdout} run as a user runs it: into a pipe the image arrives on the pipe; redirected to a file
 * ({@code > new.bin}) the shell's file is written through, the same inode, not replaced by another file.
 */
class DevStdoutIT {
    @TempDir Path tmp;

    private static byte[] run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }

    @Test
    void devStdoutIsThePipeOrTheShellsFileWrittenThrough() throws Exception {
        Path eeprom = PackagedCheckout.create(tmp.resolve("checkout")).resolve("eeprom");
        Path image = tmp.resolve("checkout/firmware-samples/synthetic-2711-notbootable.bin");
        Files.writeString(tmp.resolve("boot.conf"), "[all]\nBOOT_ORDER=0xf21\n");
        byte[] piped = run(tmp, eeprom.toString(), "apply", image.toString(), "-c", "boot.conf", "-o", "/dev/stdout");
        assertThat(EepromImage.parse("piped", piped).bootConfig()).asString().isEqualTo("[all]\nBOOT_ORDER=0xf21\n");

        Path file = Files.writeString(tmp.resolve("new.bin"), "the shell made this file\n");
        Object inode = Files.getAttribute(file, "unix:ino");
        run(tmp, "sh", "-c", "'" + eeprom + "' apply '" + image + "' -c boot.conf -o /dev/stdout > new.bin");
        assertThat(Files.readAllBytes(file)).isEqualTo(piped);
        assertThat(Files.getAttribute(file, "unix:ino")).as("the same file, written through").isEqualTo(inode);
        assertThat(new String(run(tmp, "ls", "-A"), StandardCharsets.UTF_8)).isEqualTo("boot.conf\ncheckout\nnew.bin\n");
    }
}
