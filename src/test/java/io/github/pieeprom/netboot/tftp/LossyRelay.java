package io.github.pieeprom.netboot.tftp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A userspace stand-in for a bad network (the kernel here has no netem): a UDP relay between TFTP clients and one
 * server that drops, duplicates and delays datagrams, each direction on its own seeded PRNG so runs repeat. Delays
 * with jitter reorder packets.
 * <p>
 * Clients send their requests to {@link #address()}. TFTP servers answer from a new port per transfer (its TID), so
 * the relay keeps, per client address, one socket facing the server (the server sees it as the client) and, per
 * server port it hears from, one socket facing the client that stands in for that port:
 * <pre>
 *   client c --RRQ--> front ==========> upstream(c) --> server:69
 *   client c <--DATA-- face(c, T) <==== upstream(c) <-- server:T      (T: the transfer's port)
 *   client c --ACK--> face(c, T) =====> upstream(c) --> server:T
 * </pre>
 * One thread; it stops at {@link #close()} or when its lifetime ends, and closes every socket it opened.
 * {@code main} runs it standalone for bench/tftp-faults.sh.
 */
final class LossyRelay implements AutoCloseable {
    /** What happens to datagrams going one way: probabilities, and a delay of {@code delay ± jitter} ms. */
    record Link(double drop, double duplicate, int delayMillis, int jitterMillis) {
        static final Link CLEAN = new Link(0, 0, 0, 0);

        static Link loss(double drop) {
            return new Link(drop, 0, 0, 0);
        }

        /** "drop,duplicate,delay,jitter", e.g. "0.01,0,0,0". */
        static Link parse(String text) {
            String[] f = text.split(",");
            return new Link(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]));
        }
    }

    /** Counts for one direction; {@code data} counts the DATA packets that entered the relay (what was sent). */
    record Stats(long packets, long data, long dropped, long duplicated) {
        @Override
        public String toString() {
            return "%d packets (%d DATA), %d dropped, %d duplicated".formatted(packets, data, dropped, duplicated);
        }
    }

    private static final class Direction {
        final Link link;
        final Random random;
        final AtomicLong packets = new AtomicLong(), data = new AtomicLong(), dropped = new AtomicLong(),
                duplicated = new AtomicLong();

        Direction(Link link, long seed) {
            this.link = link;
            this.random = new Random(seed);
        }

        Stats stats() {
            return new Stats(packets.get(), data.get(), dropped.get(), duplicated.get());
        }
    }

    /** The sockets that carry one client's traffic. */
    private final class Upstream {
        final InetSocketAddress client;
        final DatagramChannel towardServer;
        final Map<Integer, DatagramChannel> faces = new HashMap<>();

        Upstream(InetSocketAddress client) throws IOException {
            this.client = client;
            this.towardServer = open(this);
        }
    }

    private record Face(Upstream upstream, int serverPort) {
    }

    private record Pending(long due, long order, DatagramChannel via, InetSocketAddress to, byte[] bytes) {
    }

    private final Selector selector = Selector.open();
    private final DatagramChannel front;
    private final InetSocketAddress server;
    private final Direction up, down;
    private final long endNanos;
    private final List<DatagramChannel> opened = new ArrayList<>();
    private final Map<InetSocketAddress, Upstream> upstreams = new HashMap<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
    private final ByteBuffer buffer = ByteBuffer.allocate(65536);
    private final Thread thread;
    private long order;
    private volatile boolean closing;

    /**
     * Listens on {@code listen} (port 0: any) and relays to {@code server}; {@code toServer} and {@code toClient} say
     * what happens each way. The relay stops by itself after {@code lifetime}.
     */
    LossyRelay(InetSocketAddress listen, InetSocketAddress server, Link toServer, Link toClient, long seed,
               Duration lifetime) throws IOException {
        this.server = server;
        this.up = new Direction(toServer, seed);
        this.down = new Direction(toClient, seed * 31 + 17);
        this.endNanos = System.nanoTime() + lifetime.toNanos();
        try {
            this.front = DatagramChannel.open().bind(listen);
            front.configureBlocking(false).register(selector, SelectionKey.OP_READ, this);
            opened.add(front);
        } catch (IOException e) {
            selector.close();
            throw e;
        }
        this.thread = new Thread(this::run, "lossy-relay-" + address().getPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** A relay on a free loopback port. */
    static LossyRelay between(InetSocketAddress server, Link toServer, Link toClient, long seed) throws IOException {
        return new LossyRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), server, toServer, toClient,
                seed, Duration.ofMinutes(10));
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) front.getLocalAddress();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Stats toServer() {
        return up.stats();
    }

    Stats toClient() {
        return down.stats();
    }

    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DatagramChannel open(Object attachment) throws IOException {
        DatagramChannel channel = DatagramChannel.open()
                .bind(new InetSocketAddress(((InetSocketAddress) front.getLocalAddress()).getAddress(), 0));
        opened.add(channel);
        channel.configureBlocking(false).register(selector, SelectionKey.OP_READ, attachment);
        return channel;
    }

    private void run() {
        try {
            while (!closing && System.nanoTime() - endNanos < 0) {
                Pending first = pending.peek();
                long wait = first == null ? 1000 : Math.max(0, (first.due - System.nanoTime()) / 1_000_000);
                if (wait == 0) selector.selectNow(this::receive);
                else selector.select(this::receive, Math.min(wait, 1000));
                long now = System.nanoTime();
                while (!pending.isEmpty() && pending.peek().due - now <= 0) {
                    Pending p = pending.poll();
                    send(p.via, p.to, p.bytes);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // the relay ends; the test sees the transfer fail
        } finally {
            for (DatagramChannel c : opened) {
                try {
                    c.close();
                } catch (IOException e) {
                    // nothing to flush
                }
            }
            try {
                selector.close();
            } catch (IOException e) {
                // closed with its channels
            }
        }
    }

    private void receive(SelectionKey key) {
        try {
            DatagramChannel channel = (DatagramChannel) key.channel();
            InetSocketAddress from;
            while ((from = (InetSocketAddress) channel.receive(buffer.clear())) != null) {
                byte[] bytes = new byte[buffer.flip().remaining()];
                buffer.get(bytes);
                route(key.attachment(), from, bytes);
            }
        } catch (IOException e) {
            // an ICMP port-unreachable from an earlier send; the next receive works again
        }
    }

    private void route(Object at, InetSocketAddress from, byte[] bytes) throws IOException {
        if (at == this) {                                       // a request from a client
            Upstream u = upstreams.get(from);
            if (u == null) upstreams.put(from, u = new Upstream(from));
            schedule(up, u.towardServer, server, bytes);
        } else if (at instanceof Upstream u) {                  // the server, from one of its transfer ports
            int port = from.getPort();
            DatagramChannel face = u.faces.get(port);
            if (face == null) u.faces.put(port, face = open(new Face(u, port)));
            schedule(down, face, u.client, bytes);
        } else if (at instanceof Face f && from.equals(f.upstream.client)) {   // the client, to a transfer port
            schedule(up, f.upstream.towardServer, new InetSocketAddress(server.getAddress(), f.serverPort), bytes);
        }
    }

    private void schedule(Direction d, DatagramChannel via, InetSocketAddress to, byte[] bytes) throws IOException {
        d.packets.incrementAndGet();
        if (bytes.length >= 2 && bytes[0] == 0 && bytes[1] == TftpPacket.DATA) d.data.incrementAndGet();
        if (d.random.nextDouble() < d.link.drop()) {
            d.dropped.incrementAndGet();
            return;
        }
        int copies = d.random.nextDouble() < d.link.duplicate() ? 2 : 1;
        if (copies == 2) d.duplicated.incrementAndGet();
        for (int i = 0; i < copies; i++) {
            int jitter = d.link.jitterMillis();
            long delay = Math.max(0, d.link.delayMillis() + (jitter == 0 ? 0 : d.random.nextInt(2 * jitter + 1) - jitter));
            if (delay == 0 && pending.isEmpty()) send(via, to, bytes);
            else pending.add(new Pending(System.nanoTime() + delay * 1_000_000, order++, via, to, bytes));
        }
    }

    private static void send(DatagramChannel via, InetSocketAddress to, byte[] bytes) {
        try {
            via.send(ByteBuffer.wrap(bytes), to);
        } catch (IOException e) {
            // a full buffer or a closed port loses the datagram, as a network would
        }
    }

    /**
     * Runs standalone until killed, printing its counts on exit:
     * {@code LossyRelay LISTEN_HOST:PORT SERVER_HOST:PORT SEED TO_SERVER TO_CLIENT}, links as "drop,dup,delay,jitter".
     */
    public static void main(String[] args) throws Exception {
        LossyRelay relay = new LossyRelay(address(args[0]), address(args[1]), Link.parse(args[3]), Link.parse(args[4]),
                Long.parseLong(args[2]), Duration.ofHours(2));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            System.err.printf("relay: to server %s; to client %s%n", relay.toServer(), relay.toClient());
        }));
        relay.thread.join();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
