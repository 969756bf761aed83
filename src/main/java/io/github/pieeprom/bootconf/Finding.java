package io.github.pieeprom.bootconf;

import java.util.Locale;

/**
 * One problem the {@link Validator} found.
 *
 * @param line     1-based line, or 0 for the whole file (its size)
 * @param column   1-based column, or 0 for the whole file
 * @param key      the property or {@code [filter]} concerned, or empty
 * @param severity an error fails validation; a warning only with {@code --strict}
 * @param message  one sentence for people
 */
public record Finding(int line, int column, String key, Severity severity, String message) {
    public enum Severity {
        ERROR, WARNING;

        /** "error" or "warning", as compilers print it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Whether this finding fails a run: every error, and warnings too when {@code strict}. */
    public boolean fails(boolean strict) {
        return isError() || strict;
    }
}
