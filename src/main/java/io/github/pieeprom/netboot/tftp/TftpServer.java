package io.github.pieeprom.netboot.tftp;

import io.github.pieeprom.netboot.tftp.TftpPacket.Error;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A read-only TFTP server on one thread: a single NIO selector watches the listening socket and one socket per
 * transfer, so concurrent transfers cost a socket each, not a thread.
 * <pre>
 * try (TftpServer server = TftpServer.start(TftpConfig.of(Path.of("/srv/tftp"))
 *         .withBind(new InetSocketAddress("127.0.0.1", 0)).withListener(System.err::println))) {
 *     fetch("tftp://127.0.0.1:" + server.port() + "/start4.elf");
 * }
 * </pre>
 */
public final class TftpServer implements AutoCloseable {
    private static final long TICK_MILLIS = 5;              // timer resolution: well under the 20 ms floor

    private final TftpConfig config;
    private final TftpRoot root;
    private final Selector selector;
    private final DatagramChannel listening;
    private final InetSocketAddress address;
    private final Thread loop;
    private final Set<Transfer> active = new LinkedHashSet<>();
    private final Set<Transfer> paced = new LinkedHashSet<>();      // windows spread out in time: see Transfer
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private final ByteBuffer in = ByteBuffer.allocateDirect(65536);
    private final ByteBuffer out = ByteBuffer.allocateDirect(4 + Negotiation.MAX_BLOCK_SIZE);
    private final Consumer<SelectionKey> onReady = this::ready;     // one object, not one per select
    private volatile boolean closing;

    private TftpServer(TftpConfig config, TftpRoot root, Selector selector, DatagramChannel listening)
            throws IOException {
        this.config = config;
        this.root = root;
        this.selector = selector;
        this.listening = listening;
        this.address = (InetSocketAddress) listening.getLocalAddress();
        this.loop = new Thread(this::run, "tftp-" + address.getPort());
    }

    /** Binds the address and starts serving; the returned server runs until {@link #close()}. */
    public static TftpServer start(TftpConfig config) throws IOException {
        TftpRoot root = new TftpRoot(config.root());
        Selector selector = Selector.open();
        DatagramChannel listening = DatagramChannel.open();
        try {
            listening.bind(config.bind()).configureBlocking(false).register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            listening.close();
            selector.close();
            InetSocketAddress bind = config.bind();                 // 127.0.0.1:69, not toString's /127.0.0.1:69
            String host = bind.getAddress() instanceof Inet6Address ? "[" + bind.getHostString() + "]"
                    : bind.getHostString();
            throw new IOException("cannot listen on " + host + ":" + bind.getPort() + ": " + e.getMessage(), e);
        }
        TftpServer server = new TftpServer(config, root, selector, listening);
        server.loop.start();
        return server;
    }

    /** The address and port the server listens on (the actual port when the config asked for port 0). */
    public InetSocketAddress address() {
        return address;
    }

    int port() {
        return address.getPort();
    }

    /** The served folder, symlinks resolved. */
    public java.nio.file.Path root() {
        return root.path();
    }

    /** Blocks until the server has stopped (another thread called {@link #close()}). */
    public void awaitClose() throws InterruptedException {
        loop.join();
    }

    /** Stops serving: transfers in flight are dropped (and reported), sockets closed; returns when done. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        if (Thread.currentThread() == loop) return;
        boolean interrupted = false;
        while (loop.isAlive()) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void run() {
        long nextTick = System.nanoTime();
        try {
            while (!closing) {
                selector.select(onReady, active.isEmpty() ? 0 : paced.isEmpty() ? TICK_MILLIS : 1);
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
            for (Transfer t : new ArrayList<>(active)) drop(t, "server stopped");
            closeQuietly();
        }
    }

    private void ready(SelectionKey key) {
        if (!(key.attachment() instanceof Transfer t)) {
            readRequests();
            return;
        }
        if (!key.isValid()) return;             // ended earlier in this round (readWaitingAcks): its key is cancelled
        if (key.isWritable()) resume(t, key);
        if (key.isValid() && key.isReadable()) readAcks(t, key);
    }

    private void readRequests() {
        try {
            SocketAddress from;
            while ((from = listening.receive(in.clear())) != null) {
                InetSocketAddress client = (InetSocketAddress) from;
                try {
                    answer(client, TftpPacket.decode(in.flip()));
                } catch (RuntimeException e) {                   // a bug must not stop the other transfers
                    refuse(client, "", Error.NOT_DEFINED, "internal error: " + e);
                }
            }
        } catch (IOException e) {
            // an ICMP error for an earlier reply surfaces here on some systems; the next receive works again
        }
    }

    private void answer(InetSocketAddress client, TftpPacket packet) {
        if (packet instanceof TftpPacket.ReadRequest r) {
            config.listener().accept(new TftpEvent.Request(client, r.file(), "RRQ", r.mode(), r.options()));
            try {
                begin(client, r);
            } catch (Refusal e) {
                refuse(client, r.file(), e.code, e.getMessage());
            }
        } else if (packet instanceof TftpPacket.WriteRequest w) {
            config.listener().accept(new TftpEvent.Request(client, w.file(), "WRQ", w.mode(), Map.of()));
            refuse(client, w.file(), Error.ACCESS_VIOLATION, "read-only server: write requests are refused");
        } else if (packet instanceof TftpPacket.Malformed m) {
            config.listener().accept(new TftpEvent.Request(client, "", "malformed", "", Map.of()));
            refuse(client, "", Error.ILLEGAL_OPERATION, m.reason());
        }
        // An ACK, DATA or ERROR here belongs to no transfer: tftp-hpa acknowledges the ERROR that refused its
        // request, from the port it asked from. Answering it with an error (or reporting it) would count a refusal
        // for a request that was already answered.
    }

    private void begin(InetSocketAddress client, TftpPacket.ReadRequest request) throws Refusal {
        boolean netascii = switch (request.mode()) {
            case "octet" -> false;
            case "netascii" -> true;
            default -> throw new Refusal(Error.ILLEGAL_OPERATION, "mode " + request.mode() + " is not supported");
        };
        if (active.size() >= config.maxTransfers()) throw new Refusal(Error.NOT_DEFINED,
                "server busy: %d transfers in progress (the limit)".formatted(active.size()));
        int fromClient = perClient.getOrDefault(client.getAddress(), 0);
        if (fromClient >= config.maxPerClient()) fromClient = readWaitingAcks(client.getAddress());
        if (fromClient >= config.maxPerClient()) throw new Refusal(Error.NOT_DEFINED,
                "too many transfers from %s: %d in progress (the limit)".formatted(
                        client.getAddress().getHostAddress(), fromClient));
        ByteBuffer content = root.read(request.file(), netascii);
        Negotiation options = Negotiation.of(request.options(), content.remaining());
        long ceiling = options.timeoutSeconds() > 0 ? Duration.ofSeconds(options.timeoutSeconds()).toNanos()
                : config.maxTimeout().toNanos();           // RFC 2349's timeout: the longest wait, not a fixed one
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(client.getAddress() instanceof Inet4Address   // IPv4 without the v6 layer
                    ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            InetAddress local = address.getAddress().isAnyLocalAddress() ? null : address.getAddress();
            channel.bind(new InetSocketAddress(local, 0)).connect(client).configureBlocking(false);
            long now = System.nanoTime();
            Transfer t = new Transfer(channel, client, request.file(), content, options,
                    new RoundTrip(config.minTimeout().toNanos(), ceiling), config.giveUp().toNanos(), out, now);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ, t);
            active.add(t);
            perClient.merge(client.getAddress(), 1, Integer::sum);
            t.start(now);
            watchWrites(t, key);
        } catch (IOException e) {
            if (channel != null) closeQuietly(channel);
            throw new Refusal(Error.NOT_DEFINED, "cannot open a transfer socket: " + e.getMessage());
        }
    }

    /**
     * Reads the ACKs already waiting on the sockets of {@code client}'s transfers; returns how many transfers it
     * still has. A client that asks for its next file right after its final ACK (as a Pi does) can have many
     * requests read before those ACKs (measured: 12 transfers of one-block files open at once on loopback), and
     * would be refused for a limit it does not really reach.
     */
    private int readWaitingAcks(InetAddress client) {
        for (Transfer t : new ArrayList<>(active))
            if (t.client.getAddress().equals(client)) readAcks(t, t.channel.keyFor(selector));
        return perClient.getOrDefault(client, 0);
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
            drop(t, portClosed(t));
        } catch (IOException | RuntimeException e) {
            drop(t, "send failed: " + e);
        }
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
                drop(t, portClosed(t));
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
        config.listener().accept(new TftpEvent.Sent(t.client, t.file, t.size(), Duration.ofNanos(t.elapsedNanos(now)),
                t.resent()));
    }

    private void drop(Transfer t, String reason) {
        if (!active.contains(t)) return;
        end(t);
        config.listener().accept(new TftpEvent.Dropped(t.client, t.file, t.bytesAcknowledged(), t.resent(), reason));
    }

    private void end(Transfer t) {
        active.remove(t);
        paced.remove(t);
        perClient.computeIfPresent(t.client.getAddress(), (ip, n) -> n == 1 ? null : n - 1);
        closeQuietly(t.channel);
    }

    private void refuse(InetSocketAddress client, String file, int code, String reason) {
        try {
            listening.send(new Error(code, reason).encode(), client);
        } catch (IOException e) {
            // the refusal is still reported below; the client will time out
        }
        config.listener().accept(new TftpEvent.Refused(client, file, code, reason));
    }

    private void closeQuietly() {
        closeQuietly(listening);
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a UDP socket has nothing to flush
        }
    }
}
