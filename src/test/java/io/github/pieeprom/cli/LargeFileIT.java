package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pieeprom.testing.PackagedCheckout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./eeprom digest} and {@code verify} of a 3 GiB sparse file ({@code truncate -s 3G}), run as a user runs
 * them under GNU time: the hash is sha256sum's and the peak resident memory stays under 128 MiB, whatever the
 * file's size (it was read whole, and ran out of memory).
 */
class LargeFileIT {
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final long LIMIT_KIB = 128 * 1024;
    @TempDir Path tmp;

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Runs the launcher under GNU time; returns its output, with the peak RSS (KiB) in {@code rss}. */
    private String measured(Path eeprom, Path rss, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%M", "-o",
                rss.toString(), eeprom.toString()));
        command.addAll(List.of(args));
        return run(tmp, command.toArray(String[]::new));
    }

    @Test
    void digestAndVerifyOfA3GiBSparseFileGiveSha256sumsHashInUnder128MiB() throws Exception {
        assumeTrue(Files.isExecutable(GNU_TIME), "needs GNU time (Debian: apt-get install time)");
        Path eeprom = PackagedCheckout.create(tmp.resolve("checkout")).resolve("eeprom");
        run(tmp, "truncate", "-s", "3G", "sparse.bin");
        String expected = run(tmp, "sha256sum", "sparse.bin").split(" ")[0];

        Path rss = tmp.resolve("rss");
        String sig = measured(eeprom, rss, "digest", "sparse.bin", "--ts", "1", "-o", "sparse.sig");
        assertThat(sig).isEmpty();
        assertThat(Files.readString(tmp.resolve("sparse.sig"))).isEqualTo(expected + "\nts: 1\n");
        assertThat(Long.parseLong(Files.readString(rss).strip())).as("peak RSS of digest, KiB").isLessThan(LIMIT_KIB);

        assertThat(measured(eeprom, rss, "verify", "sparse.bin", "--sig", "sparse.sig"))
                .isEqualTo("sparse.bin: sha256 matches sparse.sig\n");
        assertThat(Long.parseLong(Files.readString(rss).strip())).as("peak RSS of verify, KiB").isLessThan(LIMIT_KIB);
        assertThat(Files.size(tmp.resolve("sparse.bin"))).isEqualTo(3L << 30);
    }
}
