package io.github.pieeprom.netboot.dhcp;

import io.github.pieeprom.EepromException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The proxy DHCP responder on the network: {@link ProxyDhcp}'s answers, sent as a boot server must. Two sockets, both
 * on the DHCP port: one on the wildcard address receives the clients' broadcasts (a socket bound to one address
 * does not), one on the server's address receives unicast and sends the answers, so that Linux picks the interface
 * of that address for the limited broadcast 255.255.255.255 without a default route. Answers go to the relay
 * agent (giaddr, port 67) when there is one, else broadcast to port 68 (the client has no address yet).
 * <pre>
 * try (DhcpServer dhcp = DhcpServer.start(new InetSocketAddress(serverAddress, 67), proxy, events::add)) { ... }
 * </pre>
 */
public final class DhcpServer implements AutoCloseable {
    static final int CLIENT_PORT = 68;
    private static final byte[] ANY = new byte[4];

    private final ProxyDhcp proxy;
    private final Consumer<DhcpEvent> listener;
    private final Selector selector;
    private final DatagramChannel broadcasts, unicast;
    private final int port;
    private final Thread loop;
    private volatile boolean closing;

    private DhcpServer(ProxyDhcp proxy, Consumer<DhcpEvent> listener, Selector selector, DatagramChannel broadcasts,
                       DatagramChannel unicast, int port) {
        this.proxy = proxy;
        this.listener = listener;
        this.selector = selector;
        this.broadcasts = broadcasts;
        this.unicast = unicast;
        this.port = port;
        this.loop = new Thread(this::run, "dhcp-" + port);
    }

    /**
     * Listens on {@code bind}'s port (its address must be the server's IPv4 address, the one the answers name) and
     * answers until closed.
     *
     * @throws IOException when the port cannot be had, with a message that says why in one line (port 67 needs root
     *                     or CAP_NET_BIND_SERVICE)
     */
    public static DhcpServer start(InetSocketAddress bind, ProxyDhcp proxy, Consumer<DhcpEvent> listener)
            throws IOException {
        if (!(bind.getAddress() instanceof Inet4Address) || bind.getAddress().isAnyLocalAddress())
            throw new IllegalArgumentException("proxy DHCP needs the server's own IPv4 address, not " + bind);
        Selector selector = Selector.open();
        DatagramChannel broadcasts = null, unicast = null;
        try {
            broadcasts = open(new InetSocketAddress(java.net.InetAddress.getByAddress(ANY), bind.getPort()));
            int port = ((InetSocketAddress) broadcasts.getLocalAddress()).getPort();
            unicast = open(new InetSocketAddress(bind.getAddress(), port));
            broadcasts.register(selector, SelectionKey.OP_READ);
            unicast.register(selector, SelectionKey.OP_READ);
            DhcpServer server = new DhcpServer(proxy, listener, selector, broadcasts, unicast, port);
            server.loop.start();
            return server;
        } catch (IOException e) {
            if (broadcasts != null) broadcasts.close();
            if (unicast != null) unicast.close();
            selector.close();
            String why = bind.getPort() < 1024 && e.getMessage() != null && e.getMessage().contains("ermission")
                    ? " (a port below 1024 needs root or CAP_NET_BIND_SERVICE; --dhcp-port N for tests)" : "";
            throw new IOException("cannot listen for DHCP on port " + bind.getPort() + ": " + e.getMessage() + why, e);
        }
    }

    private static DatagramChannel open(InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true).setOption(StandardSocketOptions.SO_BROADCAST,
                    true);
            channel.bind(address).configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The port it listens on (the actual one when started with port 0). */
    public int port() {
        return port;
    }

    private void run() {
        ByteBuffer in = ByteBuffer.allocate(65536);
        try {
            while (!closing) {
                selector.select(key -> {
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    try {
                        InetSocketAddress from;
                        while ((from = (InetSocketAddress) channel.receive(in.clear())) != null) handle(from, in.flip());
                    } catch (IOException e) {
                        if (!closing) listener.accept(new DhcpEvent.Failed(new InetSocketAddress(0),
                                "receive failed: " + e.getMessage()));
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) listener.accept(new DhcpEvent.Failed(new InetSocketAddress(0), "stopped: " + e));
        }
    }

    private void handle(InetSocketAddress from, ByteBuffer datagram) {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes);
        DhcpPacket packet;
        try {
            packet = DhcpPacket.decode(from.getAddress().getHostAddress() + ":" + from.getPort(), bytes);
        } catch (EepromException e) {
            listener.accept(new DhcpEvent.Malformed(from, e.getMessage()));
            return;
        }
        Optional<DhcpPacket> answer = proxy.answer(packet);
        if (answer.isPresent()) {
            boolean relayed = !packet.giaddr().isAnyLocalAddress();
            InetSocketAddress to = relayed ? new InetSocketAddress(packet.giaddr(), port)
                    : new InetSocketAddress("255.255.255.255", CLIENT_PORT);
            try {
                unicast.send(ByteBuffer.wrap(answer.get().encode()), to);
            } catch (IOException e) {
                listener.accept(new DhcpEvent.Failed(from, "answer to " + to + " not sent: " + e.getMessage()));
            }
        }
        listener.accept(new DhcpEvent.Received(from, packet, answer));
    }

    /** Stops answering and closes both sockets; returns when the loop has ended. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        if (Thread.currentThread() != loop) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (selector; broadcasts; unicast) {
            // closed by try-with-resources
        } catch (IOException e) {
            // closing a datagram socket reports nothing worth telling
        }
    }
}
