package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command of the pre-commit hook in {@code .pre-commit-hooks.yaml} as pre-commit would: entry + file names. */
class PreCommitHookTest {
    @TempDir Path dir;

    private static List<String> entry() throws IOException {
        String entry = Files.readAllLines(Path.of(".pre-commit-hooks.yaml")).stream().map(String::strip)
                .filter(l -> l.startsWith("entry:")).findFirst().orElseThrow().substring("entry:".length()).strip();
        List<String> words = Arrays.asList(entry.split(" +"));
        assertThat(words.get(0)).isEqualTo("eeprom");
        return words.subList(1, words.size());
    }

    private Cli.Result runHook(Path... files) throws IOException {
        List<String> args = new ArrayList<>(entry());
        for (Path f : files) args.add(f.toString());
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void theHookPassesAGoodConfig() throws IOException {
        Path good = Files.writeString(dir.resolve("rack1.conf"), "[all]\nBOOT_UART=1\nBOOT_ORDER=0xf21\n");
        assertThat(runHook(good).exit()).isZero();
    }

    @Test
    void theHookFailsABrokenConfigAndSaysWhere() throws IOException {
        Path good = Files.writeString(dir.resolve("rack1.conf"), "[all]\nBOOT_ORDER=0xf21\n");
        Path broken = Files.writeString(dir.resolve("rack2.txt"), "[all]\nBOOT_ODER=0xf21\n");
        Cli.Result r = runHook(good, broken);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(broken + ":2:1: error: unknown property BOOT_ODER; did you mean BOOT_ORDER?\n");
    }
}
