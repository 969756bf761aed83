package io.github.pieeprom;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT for a command that runs until it is stopped (a server): the first one runs {@code stop} on
 * its own thread instead of the JVM's default (run the shutdown hooks, exit 143 or 130), so the command ends as
 * it ends on its own, with exit 0 for SIGTERM (what systemd sends; a unit needs no SuccessExitStatus) and 130 for
 * Ctrl-C. sun.misc.Signal (module jdk.unsupported) is the JDK's only way to handle a signal; it is in every JDK
 * since 1.4, and javac warns that it is internal.
 * <pre>
 * try (Signals.Stop stopped = Signals.onStop(server::close)) {
 *     server.awaitClose();
 *     return stopped.exitCode();
 * }
 * </pre>
 */
public final class Signals {
    /** Exit code of a run stopped by SIGINT, as a shell reports it (128 + 2). */
    public static final int INTERRUPTED = 130;
    /** The exit code of a run ended by SIGTERM before it could stop in order: 128 + 15, as the shell reports it. */
    private static final int TERMINATED = 143;

    private Signals() {
    }

    /**
     * What stopped the command: {@link #exitCode()} is 0 until a signal came, or after SIGTERM. Closing it gives
     * the signals back to the handlers they had (the JVM's), so a command run in-process leaves none behind.
     */
    public static final class Stop implements AutoCloseable {
        private final AtomicInteger exitCode = new AtomicInteger();
        private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

        public int exitCode() {
            return exitCode.get();
        }

        @Override
        public void close() {
            previous.forEach(Signal::handle);
        }
    }

    /**
     * Handles SIGTERM and SIGINT from now on: the first runs {@code stop}; a second one, should stopping hang,
     * ends the JVM at once, with 143 or 130 as if it had not been handled: the stop was cut short (a log without its
     * summary, a state not written), which exit 0 would hide (timeout(1) sends SIGTERM twice).
     */
    public static Stop onStop(Runnable stop) {
        Stop stopped = new Stop();
        AtomicBoolean once = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            int code = name.equals("INT") ? INTERRUPTED : 0;
            Signal signal = new Signal(name);
            stopped.previous.put(signal, Signal.handle(signal, received -> {
                if (!once.compareAndSet(false, true)) Runtime.getRuntime().halt(name.equals("INT") ? INTERRUPTED : TERMINATED);
                stopped.exitCode.set(code);
                stop.run();
            }));
        }
        return stopped;
    }
}
