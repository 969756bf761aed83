package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Hashes;
import io.github.pieeprom.testing.Vectors;
import io.github.pieeprom.testing.Vectors.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every row of vectors.tsv through {@code eeprom config}, in-process: same bytes, same success or failure. */
class ConfigVectorsTest {
    @TempDir Path tmp;

    @TestFactory
    Stream<DynamicTest> everyVectorRowGivesTheReferenceResult() {
        return Vectors.rows().stream().map(row -> DynamicTest.dynamicTest(row.id(), () -> check(row)));
    }

    private void check(Row row) throws IOException {
        Path out = tmp.resolve(row.id() + ".out");
        List<String> args = new ArrayList<>(List.of("config"));
        for (String a : row.args()) args.add(resolve(a, row, out));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        if (row.succeeds()) {
            assertThat(result.exit()).as(row.note() + "\n" + result.stderr()).isZero();
            byte[] produced = row.writesOut() ? Files.readAllBytes(out) : result.stdout();
            assertThat(Hashes.sha256(produced)).as(row.note()).isEqualTo(row.sha256());
        } else {
            assertThat(result.exit()).as(row.note()).isNotZero();
            assertThat(out).as("a failed run leaves no output file").doesNotExist();
            assertThat(result.stderr()).as("one line, no stack trace").startsWith("eeprom: error: ")
                    .doesNotContain("\tat ").hasLineCount(1);
        }
    }

    private static String resolve(String arg, Row row, Path out) {
        if (arg.equals("{IN}")) return Conformance.file(row.image()).toString();
        if (arg.equals("{OUT}")) return out.toString();
        return arg.contains("/") ? Conformance.file(arg).toString() : arg;
    }
}
