package io.github.pieeprom.netboot.tftp;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How to run a {@link TftpServer}: the folder served, the address, the limits, and who hears the events. The listener
 * runs on the server's event loop threads, one event at a time, so it must be quick (write a log line, count).
 *
 * @param maxTransfers concurrent transfers in all; requests beyond it are refused
 * @param maxPerClient concurrent transfers from one client IP address
 * @param minTimeout the least wait for an ACK before sending again, however short the measured round trip
 * @param maxTimeout the longest wait between two sends of the same packet (the back-off stops growing there), unless
 *                   the client negotiated {@code timeout}, which then takes its place
 * @param giveUp how long a transfer may go without an ACK that moves it on before it is dropped
 * @param eventLoops threads that send and receive (each with its own selector), by default one per processor
 */
public record TftpConfig(Path root, InetSocketAddress bind, int maxTransfers, int maxPerClient,
                         Duration minTimeout, Duration maxTimeout, Duration giveUp, Consumer<TftpEvent> listener,
                         int eventLoops) {
    static final int PORT = 69;

    public TftpConfig {
        if (maxTransfers < 1 || maxPerClient < 1 || eventLoops < 1 || !positive(minTimeout) || !positive(maxTimeout)
                || !positive(giveUp) || maxTimeout.compareTo(minTimeout) < 0)
            throw new IllegalArgumentException("limits must be positive, timeouts min <= max: %d, %d, %s, %s, %s, %d"
                    .formatted(maxTransfers, maxPerClient, minTimeout, maxTimeout, giveUp, eventLoops));
    }

    /**
     * Serves {@code root} on port 69 of every address: 1000 transfers, 16 per client; one event loop per processor; timeouts from the round trip
     * between 20 ms and 8 s; a transfer is given up after 60 s without progress (a Pi gives up a file after 30).
     */
    public static TftpConfig of(Path root) {
        return new TftpConfig(root, new InetSocketAddress(PORT), 1000, 16, Duration.ofMillis(20), Duration.ofSeconds(8),
                Duration.ofSeconds(60), event -> { }, Runtime.getRuntime().availableProcessors());
    }

    public TftpConfig withBind(InetSocketAddress address) {
        return new TftpConfig(root, address, maxTransfers, maxPerClient, minTimeout, maxTimeout, giveUp, listener, eventLoops);
    }

    public TftpConfig withLimits(int transfers, int perClient) {
        return new TftpConfig(root, bind, transfers, perClient, minTimeout, maxTimeout, giveUp, listener, eventLoops);
    }

    public TftpConfig withRetransmit(Duration min, Duration max, Duration giveUpAfter) {
        return new TftpConfig(root, bind, maxTransfers, maxPerClient, min, max, giveUpAfter, listener, eventLoops);
    }

    public TftpConfig withListener(Consumer<TftpEvent> eventListener) {
        return new TftpConfig(root, bind, maxTransfers, maxPerClient, minTimeout, maxTimeout, giveUp, eventListener, eventLoops);
    }

    public TftpConfig withEventLoops(int loops) {
        return new TftpConfig(root, bind, maxTransfers, maxPerClient, minTimeout, maxTimeout, giveUp, listener, loops);
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
