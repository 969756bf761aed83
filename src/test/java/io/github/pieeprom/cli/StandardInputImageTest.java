package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Hashes;
import io.github.pieeprom.testing.SpecialFiles;
import io.github.pieeprom.testing.Vectors;
import io.github.pieeprom.testing.Vectors.Row;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -} as the image: the real firmware fed on standard input gives the bytes the reference gives for the file
 * (vectors.tsv), and standard input named twice is a usage error.
 */
class StandardInputImageTest {
    @TempDir Path tmp;

    /** Runs the CLI with {@code stdin} as standard input. */
    static Cli.Result withStdin(byte[] stdin, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin));
            return Cli.run(args);
        } finally {
            System.setIn(saved);
        }
    }

    /** Every successful read (config to standard output) and apply (config to --out) row, with {@code -} as IN. */
    @TestFactory
    Stream<DynamicTest> theReferencesResultForEveryReadAndApplyRowWithTheImageOnStandardInput() {
        List<Row> rows = Vectors.rows().stream().filter(Row::succeeds)
                .filter(r -> r.id().startsWith("read-") || r.id().startsWith("readout-") || r.id().startsWith("cfg-"))
                .toList();
        assertThat(rows).hasSizeGreaterThan(150);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.id(), () -> check(row)));
    }

    private void check(Row row) throws IOException {
        Path out = tmp.resolve(row.id() + ".out");
        List<String> args = new ArrayList<>(List.of("config"));
        for (String a : row.args()) args.add(a.equals("{IN}") ? "-" : a.equals("{OUT}") ? out.toString()
                : a.contains("/") ? Conformance.file(a).toString() : a);
        Cli.Result r = withStdin(Files.readAllBytes(Conformance.file(row.image())), args.toArray(String[]::new));
        assertThat(r.exit()).as(row.note() + "\n" + r.stderr()).isZero();
        byte[] produced = row.writesOut() ? Files.readAllBytes(out) : r.stdout();
        assertThat(Hashes.sha256(produced)).as(row.note()).isEqualTo(row.sha256());
    }

    @Test
    void extractInfoAndApplyReadTheImageFromStandardInput() throws IOException {
        Row read = row("read-2712-2026-08-12"), cfg = row("cfg-netboot-2712-2026-08-12");
        byte[] image = Files.readAllBytes(Conformance.file(read.image()));
        Cli.Result extract = withStdin(image, "extract", "-");
        assertThat(extract.exit()).as(extract.stderr()).isZero();
        assertThat(Hashes.sha256(extract.stdout())).isEqualTo(read.sha256());

        Cli.Result info = withStdin(image, "info", "--json", "-");
        assertThat(info.exit()).as(info.stderr()).isZero();
        assertThat(info.out()).contains("\"file\": \"standard input\"", "\"soc\": \"2712\"");

        Path out = tmp.resolve("netboot.bin");
        Cli.Result apply = withStdin(image, "apply", "-", "--config",
                Conformance.file("cases/cfg-netboot.txt").toString(), "-o", out.toString());
        assertThat(apply.exit()).as(apply.stderr()).isZero();
        assertThat(Hashes.sha256(Files.readAllBytes(out))).isEqualTo(cfg.sha256());
        assertThat(SpecialFiles.names(tmp)).containsExactly("netboot.bin");
    }

    @Test
    void digestOfStandardInputHashesEveryByteOfIt() {
        byte[] image = readAll("firmware/2711-pieeprom-2020-04-16.bin");
        Cli.Result r = withStdin(image, "digest", "-", "--ts", "1700000000");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).isEqualTo(Hashes.sha256(image) + "\nts: 1700000000\n");
    }

    @Test
    void standardInputNamedForTwoInputsIsAUsageError() throws IOException {
        Path out = tmp.resolve("new.bin");
        Cli.Result r = withStdin(readAll("firmware/2711-pieeprom-2020-04-16.bin"), "apply", "-", "-c", "-", "-o",
                out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: - (standard input) is given for 2 inputs; it can be read "
                + "once: give the others as files\n");
        assertThat(SpecialFiles.names(tmp)).isEmpty();
        Cli.Result diff = withStdin(new byte[0], "diff", "-", "-");
        assertThat(diff.exit()).isEqualTo(2);
        assertThat(diff.stderr()).startsWith("eeprom: error: - (standard input) is given for 2 inputs").hasLineCount(1);
    }

    @Test
    void everyCommandThatReadsSeveralInputsRefusesStandardInputTwice() throws IOException {
        byte[] image = readAll("firmware/2711-pieeprom-2020-04-16.bin");
        String releases = tmp.toString();
        List<String[]> lines = List.of(new String[] {"config", "-", "--config", "-", "-o", tmp.resolve("o").toString()},
                new String[] {"status", "-", "-", "--releases", releases},
                new String[] {"validate", "-", "--image", "-"},
                new String[] {"verify", "-", "--sig", "-"},
                new String[] {"sign", "-", "--config", "-", "-k", "key.pem", "-o", tmp.resolve("o").toString()},
                new String[] {"migrate", "-", "-", "--dry-run"});
        for (String[] line : lines) {
            Cli.Result r = withStdin(image, line);
            assertThat(r.exit()).as(String.join(" ", line)).isEqualTo(2);
            assertThat(r.stderr()).as(String.join(" ", line)).isEqualTo("eeprom: error: - (standard input) is given "
                    + "for 2 inputs; it can be read once: give the others as files\n");
        }
        Cli.Result stage = withStdin(image, "stage-update", "-", "--to", tmp.resolve("upd").toString());
        assertThat(stage.exit()).isEqualTo(2);
        assertThat(stage.stderr()).isEqualTo("eeprom: error: IMAGE - (standard input) has no folder to find "
                + "recovery.bin in: give --recovery\n");
        assertThat(SpecialFiles.names(tmp)).isEmpty();
    }

    @Test
    void aTruncatedImageOnStandardInputIsNamedAsStandardInput() {
        byte[] image = readAll("firmware/2711-pieeprom-2020-04-16.bin");
        Cli.Result r = withStdin(java.util.Arrays.copyOf(image, 1000), "info", "-");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("eeprom: error: standard input").hasLineCount(1);
    }

    private static Row row(String id) {
        return Vectors.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static byte[] readAll(String file) {
        try {
            return Files.readAllBytes(Conformance.file(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
