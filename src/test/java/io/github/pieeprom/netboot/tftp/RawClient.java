package io.github.pieeprom.netboot.tftp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Map;

/** A hand-driven TFTP client on loopback: sends exactly the packets a test writes and shows what comes back. */
final class RawClient implements AutoCloseable {
    record Reply(int port, TftpPacket packet) {
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    RawClient(InetSocketAddress server) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.server = server;
        socket.setSoTimeout(5000);
    }

    Reply request(String file, Map<String, String> options) throws IOException {
        send(server.getPort(), new TftpPacket.ReadRequest(file, "octet", options).encode());
        return receive();
    }

    /** This client's address, as the server sees it. */
    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(int port, ByteBuffer packet) throws IOException {
        byte[] bytes = new byte[packet.remaining()];
        packet.duplicate().get(bytes);
        socket.send(new DatagramPacket(bytes, bytes.length, server.getAddress(), port));
    }

    void ack(int port, int block) throws IOException {
        send(port, new TftpPacket.Ack(block).encode());
    }

    Reply receive() throws IOException {
        byte[] buffer = new byte[65536];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        socket.receive(p);
        return new Reply(p.getPort(), TftpPacket.decode(ByteBuffer.wrap(buffer, 0, p.getLength())));
    }

    /** Null when nothing arrives within {@code millis}. */
    Reply receiveWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return receive();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
