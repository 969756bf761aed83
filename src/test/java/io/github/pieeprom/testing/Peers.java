package io.github.pieeprom.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real peer programs for interop tests (scapy, dnsmasq, kea, dhcpd, ip). A test whose peer is missing skips on a
 * developer's machine and fails in CI ({@code CI=true}), where {@code .ci/run} installs every peer.
 */
public final class Peers {
    /** Debian's Python, which has python3-scapy; a python3 earlier on the PATH (pyenv) may not. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private Peers() {
    }

    /** Skips (or, in CI, fails) unless {@code available}. */
    public static void require(boolean available, String missing) {
        if (available) return;
        if ("true".equals(System.getenv("CI"))) throw new AssertionError(missing + " (CI must have it: .ci/run)");
        Assumptions.abort(missing + "; skipping");
    }

    public static void requireScapy() {
        require(Files.isExecutable(PYTHON) && run(PYTHON.toString(), "-c", "import scapy.all").exit() == 0,
                "python3-scapy is not installed");
    }

    public static void requireExecutable(String path, String pkg) {
        require(Files.isExecutable(Path.of(path)), path + " (Debian package " + pkg + ") is not installed");
    }

    /** A finished run: exit code and what it printed. */
    public record Run(int exit, String stdout, String stderr) {
    }

    /** Runs a program to its end (60 s at most) and returns what it printed. */
    public static Run run(String... command) {
        return run(List.of(command), null);
    }

    public static Run run(List<String> command, String stdin) {
        try {
            Path out = Files.createTempFile("peer-", ".out"), err = Files.createTempFile("peer-", ".err");
            try {
                Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).start();
                try (var in = p.getOutputStream()) {
                    if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("timed out: " + command);
                }
                return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Run(127, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a Python script with scapy loaded; returns its standard output, trimmed. */
    public static String scapy(String script) {
        Run r = run(List.of(PYTHON.toString(), "-c", "from scapy.all import *\n" + script), null);
        if (r.exit() != 0) throw new AssertionError("scapy script failed: " + r.stderr());
        return r.stdout().trim();
    }
}
