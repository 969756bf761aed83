package io.github.pieeprom.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunnerTest {
    private final Sample tree = new Sample();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... argv) throws Exception {
        Console console = new Console(new ByteArrayOutputStream(), new PrintWriter(out, true), new PrintWriter(err, true));
        return Runner.run(tree.root, "tool 1.0\n", console, argv);
    }

    @Test
    void walksSubcommandsAndRunsTheLeafWithItsArguments() throws Exception {
        assertThat(run("net", "serve", "--devices", "d.csv")).isZero();
        assertThat(tree.serve.runs).singleElement()
                .satisfies(args -> assertThat(args.get(Sample.DEVICES)).isEqualTo(Path.of("d.csv")));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void parseErrorsAreOneLineNamingTheCommandsHelpAndExitTwo() throws Exception {
        assertThat(run("copy", "in", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tool: error: Unknown option: '--frobnicate' (see 'tool copy --help')\n");
        assertThat(tree.copy.runs).isEmpty();
    }

    @Test
    void unknownAndMissingSubcommandsAreUsageErrors() throws Exception {
        assertThat(run("net", "frob")).isEqualTo(2);
        assertThat(run("net")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tool: error: Unknown command: 'frob' (see 'tool net --help')\n"
                + "tool: error: Missing required subcommand: one of [serve, check] (see 'tool net --help')\n");
    }

    @Test
    void helpAndVersionGoToStandardOutputAtEveryLevel() throws Exception {
        assertThat(run("net", "serve", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: tool net serve [-hV] [-n=N] (--serial=S... | --devices=FILE)\n");
        assertThat(run("-V")).isZero();
        assertThat(out.toString()).endsWith("tool 1.0\n");
        assertThat(tree.serve.runs).isEmpty();
    }

    @Test
    void helpBeforeACommandsNameGivesThatCommandsHelp() throws Exception {
        assertThat(run("help", "net", "serve")).isZero();
        assertThat(run("--help", "copy")).isZero();
        assertThat(run("net", "-h", "serve", "--devices", "d.csv")).isZero();
        assertThat(out.toString().split("\n")).filteredOn(line -> line.startsWith("Usage:")).containsExactly(
                "Usage: tool net serve [-hV] [-n=N] (--serial=S... | --devices=FILE)",
                "Usage: tool copy [-hV] -o=FILE [-a] [-q] [-n=N] [--set=KEY=VALUE]...",
                "Usage: tool net serve [-hV] [-n=N] (--serial=S... | --devices=FILE)");
        assertThat(tree.serve.runs).isEmpty();
        assertThat(tree.copy.runs).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void bareHelpIsTheGroupsHelpAndAnUnknownNameAfterHelpIsAUsageError() throws Exception {
        assertThat(run("help")).isZero();
        assertThat(out.toString()).startsWith("Usage: tool [-hV] COMMAND\n");
        assertThat(run("help", "net", "frob")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tool: error: Unknown command: 'frob' (see 'tool net --help')\n");
    }
}
