package io.github.pieeprom.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal: where a progress bar may be drawn. */
final class Terminal {
    private Terminal() {
    }

    /**
     * On Linux, from what {@code /proc/self/fd/2} links to. Elsewhere the JVM only tells whether standard input and
     * output are a terminal ({@code System.console()}), and that answer stands in.
     */
    static boolean isStandardError() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
