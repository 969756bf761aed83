package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** What every refused input must look like: exit 1, one line naming the problem, no key material, no output. */
final class Failures {
    private Failures() {
    }

    static void assertBadInput(Cli.Result result, String message, Path... outputs) {
        assertThat(result.exit()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("eeprom: error: " + message + "\n")
                .doesNotContain("MII");                      // the start of any base64 DER key
        for (Path out : outputs) assertThat(out).as("no output left behind").doesNotExist();
    }
}
