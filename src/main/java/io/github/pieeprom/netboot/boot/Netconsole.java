package io.github.pieeprom.netboot.boot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * A NETCONSOLE receiver: every datagram on its UDP port is a piece of a board's boot log, split into lines (a
 * datagram may hold several, or end mid-line; each datagram's text counts as ending its line).
 */
final class Netconsole implements AutoCloseable {
    private final DatagramChannel channel;
    private final Thread loop;

    private Netconsole(DatagramChannel channel, BiConsumer<InetSocketAddress, String> lines) {
        this.channel = channel;
        this.loop = new Thread(() -> run(lines), "netconsole");
    }

    static Netconsole start(InetSocketAddress bind, BiConsumer<InetSocketAddress, String> lines) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(bind);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen for NETCONSOLE on port " + bind.getPort() + ": " + e.getMessage(), e);
        }
        Netconsole receiver = new Netconsole(channel, lines);
        receiver.loop.start();
        return receiver;
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private void run(BiConsumer<InetSocketAddress, String> lines) {
        ByteBuffer in = ByteBuffer.allocate(65536);
        try {
            while (true) {
                InetSocketAddress from = (InetSocketAddress) channel.receive(in.clear());
                in.flip();
                String text = StandardCharsets.UTF_8.decode(in).toString();
                for (String line : text.split("\r?\n")) if (!line.isBlank()) lines.accept(from, line.stripTrailing());
            }
        } catch (AsynchronousCloseException e) {
            // closed: the server stops
        } catch (IOException e) {
            lines.accept(new InetSocketAddress(0), "netconsole receiver stopped: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            loop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
