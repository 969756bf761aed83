package io.github.pieeprom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.EepromException;

/** What a fuzz target accepts as a refusal: the project's own error, one short line that starts with the file. */
public final class ClearErrors {
    private ClearErrors() {
    }

    public static void assertClear(EepromException e, String file) {
        assertThat(e.getMessage()).as("message of %s", e).startsWith(file)
                .doesNotContain("\n").hasSizeLessThan(400)
                .matches(m -> m.length() > e.where().length() + 10, "says more than where");
    }
}
