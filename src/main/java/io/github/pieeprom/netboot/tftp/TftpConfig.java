package io.github.pieeprom.netboot.tftp;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How to run a {@link TftpServer}: the folder served, the address, the limits, and who hears the events. The listener
 * runs on the server's event loop thread, so it must be quick (write a log line, count).
 *
 * @param maxTransfers concurrent transfers in all; requests beyond it are refused
 * @param maxPerClient concurrent transfers from one client IP address
 * @param retransmitTimeout how long to wait for an ACK before sending again, unless the client negotiated
 *                          {@code timeout}
 * @param maxRetries retransmissions of the same packet before the transfer is dropped as stalled
 */
public record TftpConfig(Path root, InetSocketAddress bind, int maxTransfers, int maxPerClient,
                         Duration retransmitTimeout, int maxRetries, Consumer<TftpEvent> listener) {
    static final int PORT = 69;

    public TftpConfig {
        if (maxTransfers < 1 || maxPerClient < 1 || maxRetries < 0 || retransmitTimeout.isNegative()
                || retransmitTimeout.isZero())
            throw new IllegalArgumentException("limits must be positive: %d, %d, %s, %d".formatted(maxTransfers,
                    maxPerClient, retransmitTimeout, maxRetries));
    }

    /** Serves {@code root} on port 69 of every address: 1000 transfers, 16 per client, 1 s timeout, 5 retries. */
    public static TftpConfig of(Path root) {
        return new TftpConfig(root, new InetSocketAddress(PORT), 1000, 16, Duration.ofSeconds(1), 5, event -> { });
    }

    public TftpConfig withBind(InetSocketAddress address) {
        return new TftpConfig(root, address, maxTransfers, maxPerClient, retransmitTimeout, maxRetries, listener);
    }

    public TftpConfig withLimits(int transfers, int perClient) {
        return new TftpConfig(root, bind, transfers, perClient, retransmitTimeout, maxRetries, listener);
    }

    public TftpConfig withRetransmit(Duration timeout, int retries) {
        return new TftpConfig(root, bind, maxTransfers, maxPerClient, timeout, retries, listener);
    }

    public TftpConfig withListener(Consumer<TftpEvent> eventListener) {
        return new TftpConfig(root, bind, maxTransfers, maxPerClient, retransmitTimeout, maxRetries, eventListener);
    }
}
