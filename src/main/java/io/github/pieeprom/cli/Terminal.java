package io.github.pieeprom.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal: where a progress bar may be drawn. */
final class Terminal {
    private Terminal() {
    }

    /**
     * On Linux, from what {@code /proc/self/fd/2} links to. Elsewhere the JVM only tells whether standard input and
     * output are a terminal, and that answer stands in: {@code System.console()}, which on JDK 22 and later exists
     * even when they are redirected, so there its {@code isTerminal()} (looked up: the baseline is JDK 17).
     */
    static boolean isStandardError() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            Console console = System.console();
            if (console == null) return false;
            try {
                return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException before22) {
                return true;
            }
        }
    }
}
