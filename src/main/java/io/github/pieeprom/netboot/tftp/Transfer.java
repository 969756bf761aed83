package io.github.pieeprom.netboot.tftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * One file going to one client over its own socket (the server's transfer ID). Blocks are numbered from 1 and counted
 * in a {@code long}; the wire carries the low 16 bits, so block 65536 goes out as 0 (rollover, as tftpd-hpa does).
 * With {@code windowsize} W (RFC 7440) up to W blocks are in flight; an ACK inside the window means the client lost
 * the block after it, and sending resumes there. An ACK for a block already acknowledged is ignored, so a late
 * duplicate never doubles the traffic (the Sorcerer's Apprentice bug of RFC 1350).
 */
final class Transfer {
    final DatagramChannel channel;
    final InetSocketAddress client;
    final String file;
    private final ByteBuffer content;              // read-only, shared with other transfers of the same file
    private final ByteBuffer view;                 // this transfer's window onto the content
    private final ByteBuffer out;                  // the server's send buffer, shared by all transfers
    private final ByteBuffer optionAck;            // null when the request negotiated no option
    private final int blockSize, windowSize, maxRetries;
    private final long timeoutNanos, lastBlock, startedNanos;
    private long acked, next, deadline;            // next: the next block of the window to send; 0 before any
    private int retries;
    private boolean full;                          // the socket's send buffer filled before the window was out

    Transfer(DatagramChannel channel, InetSocketAddress client, String file, ByteBuffer content,
             Negotiation options, long timeoutNanos, int maxRetries, ByteBuffer out, long now) {
        this.channel = channel;
        this.client = client;
        this.file = file;
        this.content = content;
        this.view = content.duplicate();
        this.out = out;
        this.optionAck = options.acknowledged().isEmpty() ? null
                : new TftpPacket.OptionAck(options.acknowledged()).encode();
        this.blockSize = options.blockSize();
        this.windowSize = options.windowSize();
        this.timeoutNanos = timeoutNanos;
        this.maxRetries = maxRetries;
        this.lastBlock = content.remaining() / blockSize + 1;   // the last block is short, possibly empty
        this.startedNanos = now;
    }

    /** Sends the OACK, or the first window when no option was negotiated. */
    void start(long now) throws IOException {
        if (optionAck != null) {
            channel.write(optionAck.duplicate());
            deadline = now + timeoutNanos;
        } else {
            sendWindow(now);
        }
    }

    /** Handles an ACK; true when it acknowledged the last block. */
    boolean onAck(int wireBlock, long now) throws IOException {
        if (next == 0 && optionAck != null) {                   // waiting for ACK 0, the answer to the OACK
            if (wireBlock == 0) { retries = 0; sendWindow(now); }
            return false;
        }
        long ahead = (wireBlock - acked) & 0xffff;
        if (ahead == 0 || acked + ahead >= next) return false;  // a duplicate or stray ACK: changes nothing
        acked += ahead;
        retries = 0;
        if (acked == lastBlock) return true;
        sendWindow(now);                                        // the next window, or the rest of this one
        return false;
    }

    /** Retransmits what is unacknowledged if its deadline passed; false when the retries are used up. */
    boolean onTick(long now) throws IOException {
        if (now - deadline < 0) return true;
        if (++retries > maxRetries) return false;
        if (next == 0 && optionAck != null) start(now);
        else sendWindow(now);
        return true;
    }

    long bytesAcknowledged() {
        return Math.min(acked * blockSize, content.remaining());
    }

    long size() {
        return content.remaining();
    }

    long elapsedNanos(long now) {
        return now - startedNanos;
    }

    /** The block the client has not acknowledged yet, as it appears on the wire. */
    int awaitedWireBlock() {
        return (int) ((next == 0 && optionAck != null ? 0 : acked + 1) & 0xffff);
    }

    /** True when the send buffer filled mid-window: {@link #resume()} once the socket is writable again. */
    boolean waitingToWrite() {
        return full;
    }

    /** Sends what is left of the window, until the send buffer is full. */
    void resume() throws IOException {
        long last = Math.min(acked + windowSize, lastBlock);
        for (full = false; next <= last; next++) {
            int offset = (int) ((next - 1) * blockSize);
            view.limit(Math.min(offset + blockSize, content.limit())).position(offset);
            out.clear().putShort((short) TftpPacket.DATA).putShort((short) next).put(view).flip();
            if (channel.write(out) == 0) {
                full = true;
                return;
            }
        }
    }

    private void sendWindow(long now) throws IOException {
        next = acked + 1;
        deadline = now + timeoutNanos;
        resume();
    }
}
