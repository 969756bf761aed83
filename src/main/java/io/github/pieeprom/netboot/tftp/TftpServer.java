package io.github.pieeprom.netboot.tftp;

import io.github.pieeprom.netboot.tftp.TftpPacket.Error;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read-only TFTP server: a few NIO event loops (one per processor) over one socket per transfer, so concurrent
 * transfers cost a socket each, not a thread. The first loop also reads the requests and places each new transfer on
 * the loop with the fewest. What more loops bought: nothing measurable on two cores shared with the clients (the
 * clients hold the other core; docs/tftp.md has the figures); they keep a server with more cores from being capped
 * at one core's packets.
 * <pre>
 * try (TftpServer server = TftpServer.start(TftpConfig.of(Path.of("/srv/tftp"))
 *         .withBind(new InetSocketAddress("127.0.0.1", 0)).withListener(System.err::println))) {
 *     fetch("tftp://127.0.0.1:" + server.port() + "/start4.elf");
 * }
 * </pre>
 */
public final class TftpServer implements AutoCloseable {
    /** Requests read from the listening socket before they are answered, at most: see readRequests. */
    private static final int MAX_BATCH = 256;
    private final TftpConfig config;
    private final TftpRoot root;
    private final DatagramChannel listening;
    private final InetSocketAddress address;
    private final List<EventLoop> loops = new ArrayList<>();
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final ByteBuffer in = ByteBuffer.allocateDirect(65536);     // requests: read by the first loop only
    private final List<Waiting> waiting = new ArrayList<>();            // the first loop's, too
    private final Object reporting = new Object();                      // the listener hears one event at a time

    private TftpServer(TftpConfig config, TftpRoot root, DatagramChannel listening) throws IOException {
        this.config = config;
        this.root = root;
        this.listening = listening;
        this.address = (InetSocketAddress) listening.getLocalAddress();
    }

    /** Binds the address and starts serving; the returned server runs until {@link #close()}. */
    public static TftpServer start(TftpConfig config) throws IOException {
        TftpRoot root = new TftpRoot(config.root());
        Selector first = Selector.open();
        DatagramChannel listening = DatagramChannel.open();
        try {
            listening.bind(config.bind()).configureBlocking(false).register(first, SelectionKey.OP_READ);
        } catch (IOException e) {
            listening.close();
            first.close();
            InetSocketAddress bind = config.bind();                 // 127.0.0.1:69, not toString's /127.0.0.1:69
            String host = bind.getAddress() instanceof Inet6Address ? "[" + bind.getHostString() + "]"
                    : bind.getHostString();
            throw new IOException("cannot listen on " + host + ":" + bind.getPort() + ": " + e.getMessage(), e);
        }
        TftpServer server = new TftpServer(config, root, listening);
        String name = "tftp-" + server.address.getPort();
        server.loops.add(new EventLoop(server, first, name));
        for (int i = 1; i < config.eventLoops(); i++)
            server.loops.add(new EventLoop(server, Selector.open(), name + "-" + i));
        for (EventLoop loop : server.loops) loop.thread.start();
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
        for (EventLoop loop : loops) loop.thread.join();
    }

    /** Stops serving: transfers in flight are dropped (and reported), sockets closed; returns when done. */
    @Override
    public void close() {
        for (EventLoop loop : loops) loop.close();
        boolean interrupted = false;
        for (EventLoop loop : loops) {
            while (loop.thread.isAlive() && loop.thread != Thread.currentThread()) {
                try {
                    loop.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        closeQuietly(listening);
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * Answers every waiting request; called by the first loop when the listening socket is readable. The
     * requests are all read before any is answered: a client that gets its answer while the socket is still being
     * drained (on loopback it sends its final ACK and its next request in microseconds) would otherwise have that
     * request read in the same drain, ahead of the ACK that ends its previous transfer, and so on for file after
     * file: one-block fetches back to back kept 12 and more finished transfers of one client open and were refused
     * for the per-client limit.
     */
    void readRequests(EventLoop first) {
        try {
            SocketAddress from;
            // at most a batch per round: a flood of requests must not keep the drain going, nor the list growing
            // (the listening socket is level-triggered, so the rest is read in the next round)
            for (int n = 0; n < MAX_BATCH && (from = listening.receive(in.clear())) != null; n++) {
                InetSocketAddress client = (InetSocketAddress) from;
                try {
                    waiting.add(new Waiting(client, TftpPacket.decode(in.flip())));
                } catch (RuntimeException e) {                   // a bug must not stop the other transfers
                    refuse(client, "", Error.NOT_DEFINED, "internal error: " + e);
                }
            }
        } catch (IOException e) {
            // an ICMP error for an earlier reply surfaces here on some systems; the next receive works again
        }
        for (Waiting w : waiting) {
            try {
                answer(first, w.client, w.packet);
            } catch (RuntimeException e) {
                refuse(w.client, "", Error.NOT_DEFINED, "internal error: " + e);
            }
        }
        waiting.clear();
    }

    private record Waiting(InetSocketAddress client, TftpPacket packet) {
    }

    private void answer(EventLoop first, InetSocketAddress client, TftpPacket packet) {
        if (packet instanceof TftpPacket.ReadRequest r) {
            report(new TftpEvent.Request(client, r.file(), "RRQ", r.mode(), r.options()));
            try {
                begin(first, client, r);
            } catch (Refusal e) {
                refuse(client, r.file(), e.code, e.getMessage());
            }
        } else if (packet instanceof TftpPacket.WriteRequest w) {
            report(new TftpEvent.Request(client, w.file(), "WRQ", w.mode(), Map.of()));
            refuse(client, w.file(), Error.ACCESS_VIOLATION, "read-only server: write requests are refused");
        } else if (packet instanceof TftpPacket.Malformed m) {
            report(new TftpEvent.Request(client, "", "malformed", "", Map.of()));
            refuse(client, "", Error.ILLEGAL_OPERATION, m.reason());
        }
        // An ACK, DATA or ERROR here belongs to no transfer: tftp-hpa acknowledges the ERROR that refused its
        // request, from the port it asked from. Answering it with an error (or reporting it) would count a refusal
        // for a request that was already answered.
    }

    /** Checks the limits, opens the file and the transfer's socket, and starts it on the least busy loop. */
    private void begin(EventLoop first, InetSocketAddress client, TftpPacket.ReadRequest request) throws Refusal {
        boolean netascii = switch (request.mode()) {
            case "octet" -> false;
            case "netascii" -> true;
            default -> throw new Refusal(Error.ILLEGAL_OPERATION, "mode " + request.mode() + " is not supported");
        };
        int inAll = 0;
        for (EventLoop l : loops) inAll += l.load.get();    // each loop's count of the transfers placed on it
        if (inAll >= config.maxTransfers()) throw new Refusal(Error.NOT_DEFINED,
                "server busy: %d transfers in progress (the limit)".formatted(inAll));
        int fromClient = perClient.getOrDefault(client.getAddress(), 0);
        if (fromClient >= config.maxPerClient()) throw new Refusal(Error.NOT_DEFINED,
                "too many transfers from %s: %d in progress (the limit)".formatted(
                        client.getAddress().getHostAddress(), fromClient));
        ByteBuffer content = root.read(request.file(), netascii);
        Negotiation options = Negotiation.of(request.options(), content.remaining());
        long ceiling = options.timeoutSeconds() > 0 ? Duration.ofSeconds(options.timeoutSeconds()).toNanos()
                : config.maxTimeout().toNanos();           // RFC 2349's timeout: the longest wait, not a fixed one
        EventLoop loop = first;
        for (EventLoop l : loops) if (l.load.get() < loop.load.get()) loop = l;
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(client.getAddress() instanceof Inet4Address   // IPv4 without the v6 layer
                    ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            InetAddress local = address.getAddress().isAnyLocalAddress() ? null : address.getAddress();
            channel.bind(new InetSocketAddress(local, 0)).connect(client).configureBlocking(false);
        } catch (IOException e) {
            if (channel != null) closeQuietly(channel);
            throw new Refusal(Error.NOT_DEFINED, "cannot open a transfer socket: " + e.getMessage());
        }
        long now = System.nanoTime();
        Transfer t = new Transfer(channel, client, request.file(), content, options,
                new RoundTrip(config.minTimeout().toNanos(), ceiling), config.giveUp().toNanos(), loop.sendBuffer(),
                now);
        perClient.merge(client.getAddress(), 1, Integer::sum);
        loop.load.incrementAndGet();                        // that loop counts it down when it ends
        if (loop == first) loop.begin(t, now);
        else loop.handOver(t);
    }

    /** Called by a loop when one of its transfers ended, however. */
    void ended(Transfer t) {
        perClient.computeIfPresent(t.client.getAddress(), (ip, n) -> n == 1 ? null : n - 1);
    }

    /** Passes an event to the listener; loops call this from their own threads, so it hears one at a time. */
    void report(TftpEvent event) {
        synchronized (reporting) {
            config.listener().accept(event);
        }
    }

    private void refuse(InetSocketAddress client, String file, int code, String reason) {
        try {
            listening.send(new Error(code, reason).encode(), client);
        } catch (IOException e) {
            // the refusal is still reported below; the client will time out
        }
        report(new TftpEvent.Refused(client, file, code, reason));
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a UDP socket has nothing to flush
        }
    }
}
