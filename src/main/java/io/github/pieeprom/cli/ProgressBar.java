package io.github.pieeprom.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A one-line progress bar redrawn in place (at most ten times a second): devices done, rate, time left. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final PrintWriter err;
    private final int total;
    private final LongSupplier nanoTime;
    private final long start;
    private int done;
    private long drawn;

    ProgressBar(PrintWriter err, int total, LongSupplier nanoTime) {
        this.err = err;
        this.total = total;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.drawn = start - REDRAW_NANOS;                          // the first advance draws
    }

    /** Counts {@code devices} more as done; called from worker threads. */
    synchronized void advance(int devices) {
        done += devices;
        long now = nanoTime.getAsLong();
        if (now - drawn >= REDRAW_NANOS || done == total) draw(now);
    }

    /** Ends the bar's line. */
    synchronized void finish() {
        draw(nanoTime.getAsLong());
        err.println();
    }

    private void draw(long now) {
        drawn = now;
        double seconds = Math.max(now - start, 1) / 1e9;
        double rate = done / seconds;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String eta = rate > 0 ? "ETA %ds".formatted(Math.round((total - done) / rate)) : "ETA --";
        err.printf("\r[%s%s] %d/%d devices  %.0f/s  %s ", "#".repeat(filled), " ".repeat(WIDTH - filled), done,
                total, rate, eta);
        err.flush();
    }
}
