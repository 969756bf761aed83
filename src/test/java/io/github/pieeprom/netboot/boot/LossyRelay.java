package io.github.pieeprom.netboot.boot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A TFTP relay that loses and duplicates datagrams, for the boot storm at 1 % loss (the kernel here has no netem).
 * Clients send their RRQ to the relay's port 69; for each transfer it opens one socket towards the server and one
 * towards the client, so that the server's and the client's transfer ports (TIDs) both see a peer that keeps its
 * port. Every datagram, both ways, is dropped with probability {@code loss} and sent twice with the same
 * probability (fixed seed).
 * <pre>
 * java ... LossyRelay LISTEN_ADDR SERVER_ADDR LOSS     (LOSS 0.01 for 1 %)
 * </pre>
 */
public final class LossyRelay {
    /** One transfer: the client, the socket facing it, the socket facing the server, the server's TID. */
    private static final class Flow {
        InetSocketAddress client, serverTid;
        DatagramChannel towardsClient, towardsServer;
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress listen = new InetSocketAddress(args[0], 69), server = new InetSocketAddress(args[1], 69);
        double loss = Double.parseDouble(args[2]);
        Random random = new Random(20261207);
        Selector selector = Selector.open();
        DatagramChannel requests = DatagramChannel.open().bind(listen);
        requests.configureBlocking(false).register(selector, SelectionKey.OP_READ);
        Map<InetSocketAddress, Flow> flows = new HashMap<>();
        ByteBuffer in = ByteBuffer.allocateDirect(65536);
        long[] counts = new long[3];                  // relayed, dropped, duplicated
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(
                "relayed %d dropped %d duplicated %d%n", counts[0], counts[1], counts[2])));
        while (true) {
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                DatagramChannel channel = (DatagramChannel) key.channel();
                InetSocketAddress from;
                while ((from = (InetSocketAddress) channel.receive(in.clear())) != null) {
                    in.flip();
                    Flow flow;
                    DatagramChannel out;
                    InetSocketAddress to;
                    if (channel == requests) {                         // an RRQ (or its retransmission)
                        flow = flows.get(from);
                        if (flow == null) {
                            flow = new Flow();
                            flow.client = from;
                            flow.towardsClient = DatagramChannel.open().bind(new InetSocketAddress(listen.getAddress(), 0));
                            flow.towardsServer = DatagramChannel.open().bind(new InetSocketAddress(listen.getAddress(), 0));
                            flow.towardsClient.configureBlocking(false).register(selector, SelectionKey.OP_READ, flow);
                            flow.towardsServer.configureBlocking(false).register(selector, SelectionKey.OP_READ, flow);
                            flows.put(from, flow);
                        }
                        out = flow.towardsServer;
                        to = server;
                    } else {
                        flow = (Flow) key.attachment();
                        if (channel == flow.towardsServer) {           // from the server's TID to the client
                            flow.serverTid = from;
                            out = flow.towardsClient;
                            to = flow.client;
                        } else {                                       // the client's ACKs, to the server's TID
                            if (flow.serverTid == null) continue;
                            out = flow.towardsServer;
                            to = flow.serverTid;
                        }
                    }
                    counts[0]++;
                    if (random.nextDouble() < loss) {
                        counts[1]++;
                        continue;
                    }
                    out.send(in.duplicate(), to);
                    if (random.nextDouble() < loss) {
                        counts[2]++;
                        out.send(in.duplicate(), to);
                    }
                }
            }
            selector.selectedKeys().clear();
        }
    }
}
