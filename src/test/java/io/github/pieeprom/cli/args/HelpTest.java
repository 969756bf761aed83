package io.github.pieeprom.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpTest {
    private final Sample tree = new Sample();

    @Test
    void listsUsageDescriptionArgumentsAndFooterInOrder() {
        assertThat(Help.of(tree.copy, "tool copy")).isEqualTo("""
                Usage: tool copy [-hV] -o=FILE [-a] [-q] [-n=N] [--set=KEY=VALUE]...
                        [--only=PART]... [--soc=2711|2712] IN [MORE...]
                Copy a file.
                A second paragraph that is long enough to be wrapped onto more than one line of
                eighty columns, as help text must be.
                      IN               The file to read.
                      MORE...
                  -o, --out=FILE       Where to write.
                  -a, --all            Everything.
                  -q, --quiet
                  -n, --count=N        How many (default: 3).
                      --set=KEY=VALUE
                      --only=PART
                      --soc=2711|2712
                  -h, --help           Show this help message and exit.
                  -V, --version        Print version information and exit.

                Examples:
                  tool copy a -o b
                """);
    }

    @Test
    void aGroupListsItsSubcommandsWithTheirSummaries() {
        assertThat(Help.of(tree.net, "tool net")).endsWith("""
                Commands:
                  serve  Serve files.
                  check  Check files.
                """);
    }

    @Test
    void everyLineFitsEightyColumns() {
        for (Tree entry : Tree.of(tree.root))
            assertThat(Help.of(entry.command(), entry.path()).lines()).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(80));
    }
}
