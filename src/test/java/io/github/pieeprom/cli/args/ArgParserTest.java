package io.github.pieeprom.cli.args;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgParserTest {
    private static Args parse(Definition d, String... argv) {
        return ArgParser.parse(d, "tool " + d.name(), List.of(argv), 0);
    }

    private static void refused(Definition d, String message, String... argv) {
        assertThatThrownBy(() -> parse(d, argv)).isInstanceOf(ArgumentException.class).hasMessage(message)
                .extracting(e -> ((ArgumentException) e).command()).isEqualTo("tool " + d.name());
    }

    @Test
    void everySpellingOfAnOptionValueIsAccepted() {
        for (String[] argv : new String[][] {{"in", "--out=x"}, {"in", "--out", "x"}, {"-o", "x", "in"},
                {"in", "-ox"}, {"in", "-o=x"}}) {
            assertThat(parse(Sample.COPY, argv).get(Sample.OUT)).as(String.join(" ", argv)).isEqualTo(Path.of("x"));
        }
    }

    @Test
    void flagsAreFalseUntilGivenAndMayBeClustered() {
        Args none = parse(Sample.COPY, "in", "-o", "x");
        assertThat(none.get(Sample.ALL)).isFalse();
        assertThat(none.has(Sample.ALL)).isFalse();
        Args both = parse(Sample.COPY, "-aq", "in", "-o", "x");
        assertThat(both.get(Sample.ALL)).isTrue();
        assertThat(both.get(Sample.QUIET)).isTrue();
        for (String[] argv : new String[][] {{"-aqo", "x", "in"}, {"-aqox", "in"}, {"in", "-ao=x"}}) {
            Args withValue = parse(Sample.COPY, argv);
            assertThat(withValue.get(Sample.OUT)).as(String.join(" ", argv)).isEqualTo(Path.of("x"));
            assertThat(withValue.get(Sample.ALL)).isTrue();
        }
    }

    @Test
    void defaultsApplyOnlyWhenTheOptionIsAbsent() {
        assertThat(parse(Sample.COPY, "in", "-o", "x").get(Sample.COUNT)).isEqualTo(3);
        assertThat(parse(Sample.COPY, "in", "-o", "x", "-n", "7").get(Sample.COUNT)).isEqualTo(7);
        assertThat(parse(Sample.COPY, "in", "-o", "x").get(Sample.SOC)).isNull();
    }

    @Test
    void repeatableSplitAndGreedyOptionsKeepEveryValueInOrder() {
        Args args = parse(Sample.COPY, "--set", "A=1", "in", "--set=B=2", "-o", "x", "--only", "a,b", "--only", "c");
        assertThat(args.all(Sample.SET)).containsExactly("A=1", "B=2");
        assertThat(args.get(Sample.SET)).isEqualTo("B=2");
        assertThat(args.all(Sample.ONLY)).containsExactly("a", "b", "c");
        Args serve = parse(Sample.SERVE, "--serial", "aa", "bb", "cc", "-n", "1");
        assertThat(serve.all(Sample.SERIAL)).containsExactly("aa", "bb", "cc");
        assertThat(serve.get(Sample.COUNT)).isEqualTo(1);
    }

    @Test
    void positionalParametersAreTakenInOrderAndTheLastRepeatableTakesTheRest() {
        Args args = parse(Sample.COPY, "a", "-o", "x", "b", "c");
        assertThat(args.get(Sample.IN)).isEqualTo(Path.of("a"));
        assertThat(args.all(Sample.MORE)).containsExactly(Path.of("b"), Path.of("c"));
        assertThat(parse(Sample.COPY, "a", "-o", "x").all(Sample.MORE)).isEmpty();
    }

    @Test
    void aDashIsAValueAndDoubleDashEndsTheOptions() {
        assertThat(parse(Sample.COPY, "-", "-o", "-").get(Sample.OUT)).isEqualTo(Path.of("-"));
        assertThat(parse(Sample.COPY, "-o", "x", "--", "-a").get(Sample.IN)).isEqualTo(Path.of("-a"));
        assertThat(parse(Sample.COPY, "-o", "x", "--", "-a").get(Sample.ALL)).isFalse();
    }

    @Test
    void mistakesAreNamedAsPicocliNamedThem() {
        refused(Sample.COPY, "Unknown option: '--frobnicate'", "in", "-o", "x", "--frobnicate");
        refused(Sample.COPY, "Unknown option: '-z'", "in", "-o", "x", "-z");
        refused(Sample.COPY, "Unknown option: '-az'", "in", "-o", "x", "-az");
        refused(Sample.COPY, "Missing required parameter for option '--out' (FILE)", "in", "-ao");
        refused(Sample.COPY, "Missing required parameter for option '--out' (FILE)", "in", "-o");
        refused(Sample.COPY, "Expected parameter for option '--out' but found '--all'", "in", "-o", "--all");
        refused(Sample.COPY, "option '--out' (FILE) should be specified only once", "in", "-o", "x", "--out", "y");
        refused(Sample.COPY, "option '--all' takes no value", "in", "-o", "x", "--all=yes");
        refused(Sample.COPY, "Missing required option: '--out=FILE'", "in");
        refused(Sample.COPY, "Missing required parameter: 'IN'", "-o", "x");
        refused(Sample.COPY, "Invalid value for option '--count': expected a whole number, found 'many'",
                "in", "-o", "x", "-n", "many");
        refused(Sample.COPY, "Invalid value for option '--count': '99999999999' is out of range (-2147483648 to "
                + "2147483647)", "in", "-o", "x", "-n", "99999999999");
        refused(Definition.of("one", Sample.IN), "Unmatched argument at index 1: 'b'", "a", "b");
    }

    @Test
    void exactlyOneOfAGroupMustBeGiven() {
        refused(Sample.SERVE, "Missing required argument (specify one of these): (--serial=S | --devices=FILE)");
        refused(Sample.SERVE, "--serial=S, --devices=FILE are mutually exclusive (specify only one)",
                "--serial", "a", "--devices", "d.csv");
        assertThat(parse(Sample.SERVE, "--devices", "d.csv").get(Sample.DEVICES)).isEqualTo(Path.of("d.csv"));
    }

    @Test
    void askingForHelpSkipsTheCompletenessChecks() {
        assertThat(parse(Sample.COPY, "--help").get(Definition.HELP)).isTrue();
        assertThat(parse(Sample.COPY, "-V").get(Definition.VERSION)).isTrue();
    }
}
