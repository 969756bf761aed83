package io.github.pieeprom.netboot.probe;

import io.github.pieeprom.netboot.tftp.TftpPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A TFTP read as the Pi bootloader makes it: octet mode with {@code blksize 1468} and {@code tsize 0}, a resend after
 * each silent second, giving up after {@value #SILENT_SECONDS} silent seconds in a row. Our own client rather than a
 * library one because it must report what the server acknowledged, which the Java TFTP clients (commons-net) hide.
 */
final class TftpFetch {
    static final int BLOCK_SIZE = 1468;
    private static final int SILENT_SECONDS = 5;

    private TftpFetch() {
    }

    /** One file; the text of a {@code .txt} file is kept in the result. */
    static Fetched fetch(InetSocketAddress server, String name) throws IOException {
        boolean text = name.endsWith(".txt");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        Fetched f = fetch(new InetSocketAddress(0), server, name, text ? content : OutputStream.nullOutputStream());
        return !text || !f.found() ? f : new Fetched(f.name(), f.from(), true, f.bytes(), f.ms(), f.oack(),
                Optional.of(content.toString(StandardCharsets.ISO_8859_1)), Optional.empty());
    }

    /** One file from the local address {@code local}, its bytes written to {@code content} as they come. */
    static Fetched fetch(InetSocketAddress local, InetSocketAddress server, String name, OutputStream content)
            throws IOException {
        String from = server.getAddress().getHostAddress() + ":" + server.getPort();
        long start = System.nanoTime();
        try (DatagramSocket socket = new DatagramSocket(local)) {
            socket.setSoTimeout(1000);
            Map<String, String> options = new LinkedHashMap<>();
            options.put("blksize", Integer.toString(BLOCK_SIZE));
            options.put("tsize", "0");
            byte[] rrq = bytes(new TftpPacket.ReadRequest(name, "octet", options).encode());
            send(socket, rrq, server);
            boolean oack = false;
            InetSocketAddress peer = null;
            long size = 0;
            int blockSize = 512, expected = 1, silent = 0;
            DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
            while (true) {
                packet.setLength(65536);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    if (++silent >= SILENT_SECONDS) return new Fetched(name, from, false, size, ms(start), oack,
                            Optional.empty(), Optional.of("no answer for %d s".formatted(silent)));
                    if (peer == null) send(socket, rrq, server);
                    else send(socket, bytes(new TftpPacket.Ack((expected - 1) & 0xffff).encode()), peer);
                    continue;
                }
                silent = 0;
                InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
                if (peer != null && !peer.equals(source)) continue;               // not our transfer
                TftpPacket p = TftpPacket.decode(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
                if (p instanceof TftpPacket.Error e) {
                    boolean missing = e.code() == TftpPacket.Error.NOT_FOUND;
                    return new Fetched(name, from, false, 0, ms(start), oack, Optional.empty(),
                            missing ? Optional.empty() : Optional.of("TFTP error %d: %s".formatted(e.code(), e.message())));
                }
                if (p instanceof TftpPacket.OptionAck o && expected == 1) {
                    peer = source;
                    oack = o.options().containsKey("blksize");
                    blockSize = Integer.parseInt(o.options().getOrDefault("blksize", "512"));
                    send(socket, bytes(new TftpPacket.Ack(0).encode()), source);
                } else if (p instanceof TftpPacket.Data d && d.block() == (expected & 0xffff)) {
                    peer = source;
                    byte[] block = bytes(d.payload());
                    content.write(block);
                    size += block.length;
                    send(socket, bytes(new TftpPacket.Ack(d.block()).encode()), source);
                    expected++;
                    if (block.length < blockSize) break;
                } else if (p instanceof TftpPacket.Data d && d.block() == ((expected - 1) & 0xffff)) {
                    send(socket, bytes(new TftpPacket.Ack(d.block()).encode()), source);   // our ACK was lost
                }
            }
            return new Fetched(name, from, true, size, ms(start), oack, Optional.empty(), Optional.empty());
        }
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static void send(DatagramSocket socket, byte[] bytes, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }
}
