package io.github.pieeprom.netboot.tftp;

import io.github.pieeprom.netboot.tftp.TftpPacket.Error;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One thread with one NIO selector over the sockets of the transfers it was given, and, on the server's first loop,
 * the listening socket. Per packet it allocates nothing: an ACK is read into one direct buffer and answered on the
 * transfer's connected channel from one direct send buffer.
 */
final class EventLoop implements Runnable {
    private static final long TICK_MILLIS = 5;              // timer resolution: well under the 20 ms floor

    private final TftpServer server;
    private final Selector selector;
    private final Set<Transfer> active = new LinkedHashSet<>();
    private final Set<Transfer> paced = new LinkedHashSet<>();      // windows spread out in time: see Transfer
    private final Queue<Transfer> arriving = new ConcurrentLinkedQueue<>();   // handed over by the first loop
    private final ByteBuffer in = ByteBuffer.allocateDirect(65536);
    private final ByteBuffer out = ByteBuffer.allocateDirect(4 + Negotiation.MAX_BLOCK_SIZE);
    private final Consumer<SelectionKey> onReady = this::ready;     // one object, not one per select
    final Thread thread;
    private volatile boolean closing;

    EventLoop(TftpServer server, Selector selector, String name) {
        this.server = server;
        this.selector = selector;
        this.thread = new Thread(this, name);
    }

    /** Transfers placed on this loop and not ended: the first loop counts one up as it places it, this loop down. */
    final AtomicInteger load = new AtomicInteger();

    /** Takes {@code t} over from another thread: it is registered and started in this loop's next round. */
    void handOver(Transfer t) {
        arriving.add(t);
        selector.wakeup();
    }

    /** Registers and starts {@code t} on this loop; only this loop's thread calls it. */
    void begin(Transfer t, long now) {
        try {
            SelectionKey key = t.channel.register(selector, SelectionKey.OP_READ, t);
            active.add(t);
            t.start(now);
            watchWrites(t, key);
        } catch (IOException | RuntimeException e) {
            active.add(t);
            drop(t, "send failed: " + e);
        }
    }

    ByteBuffer sendBuffer() {
        return out;
    }

    void close() {
        closing = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        long nextTick = System.nanoTime();
        try {
            while (!closing) {
                selector.select(onReady, active.isEmpty() ? 0 : paced.isEmpty() ? TICK_MILLIS : 1);
                for (Transfer t; (t = arriving.poll()) != null; ) begin(t, System.nanoTime());
                long now = System.nanoTime();
                if (!paced.isEmpty()) sendPaced(now);
                if (now - nextTick >= 0) {
                    retransmit(now);
                    nextTick = now + TICK_MILLIS * 1_000_000;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("TFTP event loop failed", e);   // the selector itself broke
        } finally {
            for (Transfer t; (t = arriving.poll()) != null; ) active.add(t);
            for (Transfer t : new ArrayList<>(active)) drop(t, "server stopped");
            try {
                selector.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    private void ready(SelectionKey key) {
        if (!(key.attachment() instanceof Transfer t)) {
            server.readRequests(this);
            return;
        }
        if (key.isWritable()) resume(t, key);
        if (key.isValid() && key.isReadable()) readAcks(t, key);
    }

    private void readAcks(Transfer t, SelectionKey key) {
        try {                           // one datagram per wakeup: the selector reports the socket again if more wait
            int length = t.channel.read(in.clear());
            if (length >= 4 && in.getShort(0) == TftpPacket.ACK) {          // the common case, without allocating
                long now = System.nanoTime();
                if (t.onAck(Short.toUnsignedInt(in.getShort(2)), now)) finish(t, now);
                else watchWrites(t, key);
                if (t.pacing() && active.contains(t)) paced.add(t);
            } else if (length > 0 && TftpPacket.decode(in.flip()) instanceof Error e) {
                drop(t, "client aborted with error %d: %s".formatted(e.code(), e.message()));
            }                                                   // anything else on a transfer port is ignored
        } catch (PortUnreachableException e) {
            if (!finalAckBehindError(t)) drop(t, portClosed(t));
        } catch (IOException | RuntimeException e) {
            drop(t, "send failed: " + e);
        }
    }

    /**
     * True when the client's final ACK was waiting behind an ICMP port-unreachable: Linux reports a socket's error
     * before the datagrams already queued, so a client that sent its last ACK and closed its port (as every client
     * does), answered by a resend that crossed that ACK, made a finished transfer look dropped (seen 7 times in 700
     * transfers of a 100-board boot storm on a clean link). The error is cleared once reported: read on.
     */
    private boolean finalAckBehindError(Transfer t) {
        try {
            while (t.channel.read(in.clear()) >= 4) {
                long now = System.nanoTime();
                if (in.getShort(0) == TftpPacket.ACK && t.onAck(Short.toUnsignedInt(in.getShort(2)), now)) {
                    finish(t, now);
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing more to read: the transfer is dropped as the port is closed
        }
        return false;
    }

    /** The send buffer has room again: the rest of the window goes out. */
    private void resume(Transfer t, SelectionKey key) {
        try {
            t.resume(System.nanoTime());
            watchWrites(t, key);
        } catch (IOException | RuntimeException e) {
            drop(t, "send failed: " + e);
        }
    }

    /** Asks the selector for OP_WRITE only while a window waits for room in the send buffer. */
    private static void watchWrites(Transfer t, SelectionKey key) {
        int wanted = t.waitingToWrite() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key.isValid() && key.interestOps() != wanted) key.interestOps(wanted);
    }

    private void sendPaced(long now) {
        for (Transfer t : new ArrayList<>(paced)) {
            if (!t.pacing()) paced.remove(t);
            else if (now - t.sendAt() >= 0) resume(t, t.channel.keyFor(selector));
        }
    }

    private void retransmit(long now) {
        for (Transfer t : new ArrayList<>(active)) {
            try {
                if (!t.onTick(now)) drop(t, t.gaveUp());
                else watchWrites(t, t.channel.keyFor(selector));
                if (t.pacing() && active.contains(t)) paced.add(t);
            } catch (PortUnreachableException e) {
                if (!finalAckBehindError(t)) drop(t, portClosed(t));
            } catch (IOException | RuntimeException e) {
                drop(t, "send failed: " + e);
            }
        }
    }

    private static String portClosed(Transfer t) {
        return t.allSent() ? "the client's port closed after the last block was sent (its final ACK was lost)"
                : "the client's port is closed";
    }

    private void finish(Transfer t, long now) {
        end(t);
        server.report(new TftpEvent.Sent(t.client, t.file, t.size(), Duration.ofNanos(t.elapsedNanos(now)),
                t.resent()));
    }

    private void drop(Transfer t, String reason) {
        if (!active.contains(t)) return;
        end(t);
        server.report(new TftpEvent.Dropped(t.client, t.file, t.bytesAcknowledged(), t.resent(), reason));
    }

    private void end(Transfer t) {
        active.remove(t);
        paced.remove(t);
        load.decrementAndGet();
        server.ended(t);
        try {
            t.channel.close();
        } catch (IOException e) {
            // closing a UDP socket has nothing to flush
        }
    }
}
