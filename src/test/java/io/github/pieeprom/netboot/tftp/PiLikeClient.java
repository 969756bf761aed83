package io.github.pieeprom.netboot.tftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;

/**
 * A TFTP client that asks as the Raspberry Pi bootloader does: octet, {@code tsize 0} and {@code blksize} 1024 or
 * 1468, lock-step ACKs, the ACK re-sent for a repeated block, and its own timer: after {@code retry} without a
 * packet it sends its last ACK (or the request) again, and it gives up on the file after {@code fileTimeout}
 * (TFTP_FILE_TIMEOUT, 30 s by default). The retry interval is an assumption (1 s in the tests): the bootloader's is
 * not documented.
 */
final class PiLikeClient {
    private final InetSocketAddress server;
    private final int blockSize;
    private final Duration retry, fileTimeout;

    PiLikeClient(InetSocketAddress server, int blockSize, Duration retry, Duration fileTimeout) {
        this.server = server;
        this.blockSize = blockSize;
        this.retry = retry;
        this.fileTimeout = fileTimeout;
    }

    /** The file's bytes; an IOException names what went wrong (an ERROR, a wrong tsize, the file timeout). */
    byte[] fetch(String name) throws IOException {
        long end = System.nanoTime() + fileTimeout.toNanos();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout((int) retry.toMillis());
            ByteBuffer request = new TftpPacket.ReadRequest(name, "octet",
                    Map.of("tsize", "0", "blksize", Integer.toString(blockSize))).encode();
            DatagramPacket last = packet(request, server);
            socket.send(last);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            InetSocketAddress peer = null;                        // the transfer's port, once the server answers
            long size = -1;
            int expected = 1, size0 = 512;
            byte[] buffer = new byte[65536];
            while (System.nanoTime() - end < 0) {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(in);
                } catch (SocketTimeoutException e) {
                    socket.send(last);
                    continue;
                }
                InetSocketAddress from = (InetSocketAddress) in.getSocketAddress();
                if (peer != null && !peer.equals(from)) continue;       // not this transfer's port
                TftpPacket p = TftpPacket.decode(ByteBuffer.wrap(buffer, 0, in.getLength()));
                if (p instanceof TftpPacket.Error e) throw new IOException("error " + e.code() + ": " + e.message());
                if (peer == null) peer = from;
                if (p instanceof TftpPacket.OptionAck o && expected == 1 && file.size() == 0) {
                    size = Long.parseLong(o.options().getOrDefault("tsize", "-1"));
                    size0 = Integer.parseInt(o.options().getOrDefault("blksize", "512"));
                    last = packet(new TftpPacket.Ack(0).encode(), peer);
                    socket.send(last);
                } else if (p instanceof TftpPacket.Data d) {
                    if (d.block() == (expected & 0xffff)) {
                        byte[] bytes = new byte[d.payload().remaining()];
                        d.payload().get(bytes);
                        file.writeBytes(bytes);
                        last = packet(new TftpPacket.Ack(d.block()).encode(), peer);
                        socket.send(last);
                        if (bytes.length < size0) {
                            if (size >= 0 && size != file.size())
                                throw new IOException("tsize said " + size + ", got " + file.size());
                            return file.toByteArray();
                        }
                        expected++;
                    } else if (d.block() == ((expected - 1) & 0xffff)) {
                        socket.send(last);                          // our ACK was lost: say it again
                    }
                }
            }
            throw new IOException("gave up after " + fileTimeout.toSeconds() + " s (TFTP_FILE_TIMEOUT)");
        }
    }

    private static DatagramPacket packet(ByteBuffer bytes, InetSocketAddress to) {
        byte[] b = new byte[bytes.remaining()];
        bytes.duplicate().get(b);
        return new DatagramPacket(b, b.length, to);
    }
}
