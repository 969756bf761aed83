package io.github.pieeprom.netboot.probe;

/**
 * One thing the probe found: a stable {@code code} (documented in docs/probe.md), whether a Pi would not boot
 * ({@link Severity#FAIL}) or would but fragile ({@link Severity#WARN}), and one line naming the server and what to change.
 */
public record Finding(String code, Severity severity, String message) {
    public enum Severity { FAIL, WARN }

    static Finding fail(String code, String format, Object... args) {
        return new Finding(code, Severity.FAIL, format.formatted(args));
    }

    static Finding warn(String code, String format, Object... args) {
        return new Finding(code, Severity.WARN, format.formatted(args));
    }
}
