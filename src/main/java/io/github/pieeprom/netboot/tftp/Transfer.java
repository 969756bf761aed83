package io.github.pieeprom.netboot.tftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * One file going to one client over its own socket (the server's transfer ID). Blocks are numbered from 1 and counted
 * in a {@code long}; the wire carries the low 16 bits, so block 65536 goes out as 0 (rollover, as tftpd-hpa does).
 * <p>
 * Retransmission: the timeout comes from the measured round trip ({@link RoundTrip}), doubles on each resend up to
 * the ceiling (the client's {@code timeout} option, else the server's), and the transfer is given up only after a
 * fixed time without progress, not after a count of resends. Growing gaps matter: atftp answers a repeated block
 * once and then waits for its own timer, which every packet it receives restarts, so a sender that resends at a
 * fixed short interval keeps it silent until the sender gives up.
 * <p>
 * Windows ({@code windowsize}, RFC 7440): up to W blocks in flight. An ACK inside what was sent means the client
 * missed the next block; sending goes back to it, but at most once per round trip, since the ACKs the rest of that
 * window provokes say nothing new. A duplicate ACK resends only when the first unacknowledged block went out longer
 * than a timeout ago (the client's own timer fired): never one resend per duplicate, so a late duplicate never doubles
 * the traffic (the Sorcerer's Apprentice bug of RFC 1350).
 */
final class Transfer {
    private static final long NONE = -1;

    final DatagramChannel channel;
    final InetSocketAddress client;
    final String file;
    private final ByteBuffer content;              // read-only, shared with other transfers of the same file
    private final ByteBuffer view;                 // this transfer's window onto the content
    private final ByteBuffer out;                  // its event loop's send buffer, shared by that loop's transfers
    private final ByteBuffer optionAck;            // null when the request negotiated no option
    private final int blockSize, windowSize;
    private final long lastBlock, startedNanos, giveUpNanos;
    private final RoundTrip roundTrip;
    private boolean awaitingAckZero;               // the OACK went out; ACK 0 has not come back
    private long acked;                            // every block up to here is acknowledged
    private long next = 1;                         // the next block to send
    private long sent;                             // the highest block sent: sending one up to here is a resend
    private long lastSend, rewound, progress, deadline;
    private long pace, sendAt;                     // ns between the blocks of a window (0: back to back); when next
    private long timedBlock = NONE, timedAt;       // one block timed at a time (0: the OACK)
    private int resent;
    private boolean full;                          // the socket's send buffer filled before the window was out

    Transfer(DatagramChannel channel, InetSocketAddress client, String file, ByteBuffer content,
             Negotiation options, RoundTrip roundTrip, long giveUpNanos, ByteBuffer out, long now) {
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
        this.roundTrip = roundTrip;
        this.giveUpNanos = giveUpNanos;
        this.lastBlock = content.remaining() / blockSize + 1;   // the last block is short, possibly empty
        this.startedNanos = now;
        this.progress = now;
        this.rewound = now;
    }

    /** Sends the OACK, or the first window when no option was negotiated. */
    void start(long now) throws IOException {
        if (optionAck != null) {
            awaitingAckZero = true;
            timedBlock = 0;
            timedAt = now;
            sendOptionAck(now);
        } else {
            send(now);
        }
    }

    /** Handles an ACK; true when it acknowledged the last block. */
    boolean onAck(int wireBlock, long now) throws IOException {
        if (awaitingAckZero) {
            if (wireBlock != 0) return false;
            awaitingAckZero = false;
            progressed(0, now);
            send(now);
            return false;
        }
        long ahead = (wireBlock - acked) & 0xffff;
        if (ahead == 0) {
            if (now - lastSend >= roundTrip.base()) resendFromFirstUnacknowledged(now);
            return false;
        }
        if (acked + ahead > sent) return false;                 // a block never sent: a stray or very old ACK
        progressed(acked + ahead, now);
        if (acked == lastBlock) return true;
        if (next <= acked) next = acked + 1;                    // it covers blocks that were being resent
        else if (next - 1 > acked && now - rewound >= roundTrip.smoothed()) slowDownAndRewind(now);   // a gap
        else if (next - 1 == acked) pace = pace < 50_000 ? 0 : pace - pace / 8;   // a whole window arrived
        send(now);
        return false;
    }

    /** Retransmits if the timeout passed; false when the transfer made no progress for the give-up time. */
    boolean onTick(long now) throws IOException {
        if (now - progress >= giveUpNanos) return false;
        if (now - deadline < 0) return true;
        roundTrip.backOff();
        if (awaitingAckZero) {
            timedBlock = NONE;
            resent++;
            sendOptionAck(now);
        } else {
            resendFromFirstUnacknowledged(now);
        }
        return true;
    }

    /** Why {@link #onTick} gave up, for the log. */
    String gaveUp() {
        long millis = giveUpNanos / 1_000_000;
        return "gave up: no ACK for block %d in %s".formatted(awaitedWireBlock(),
                millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms");
    }

    /** True when every block went out at least once: only ACKs are missing. */
    boolean allSent() {
        return sent == lastBlock;
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

    /** Packets sent more than once (blocks, and the OACK). */
    int resent() {
        return resent;
    }

    /** The block the client has not acknowledged yet, as it appears on the wire. */
    int awaitedWireBlock() {
        return (int) ((awaitingAckZero ? 0 : acked + 1) & 0xffff);
    }

    /** True when the send buffer filled mid-window: {@link #resume} once the socket is writable again. */
    boolean waitingToWrite() {
        return full;
    }

    /** True while a paced window has blocks waiting for their time: {@link #resume} when {@link #sendAt} passed. */
    boolean pacing() {
        return pace > 0 && !full && next <= Math.min(acked + windowSize, lastBlock);
    }

    long sendAt() {
        return sendAt;
    }

    /** Sends what is left of the window, until the send buffer is full or the pace says wait. */
    void resume(long now) throws IOException {
        long last = Math.min(acked + windowSize, lastBlock);
        for (full = false; next <= last; next++) {
            if (pace > 0 && now - sendAt < 0) return;
            int offset = (int) ((next - 1) * blockSize);
            view.limit(Math.min(offset + blockSize, content.limit())).position(offset);
            out.clear().putShort((short) TftpPacket.DATA).putShort((short) next).put(view).flip();
            if (channel.write(out) == 0) {
                full = true;
                return;
            }
            sendAt = now + pace;
            if (next <= sent) {
                resent++;
                if (timedBlock == next) timedBlock = NONE;      // Karn: a resent block gives no sample
            } else {
                sent = next;
                if (timedBlock == NONE) {
                    timedBlock = next;
                    timedAt = now;
                }
            }
        }
    }

    private void progressed(long block, long now) {
        acked = block;
        progress = now;
        if (timedBlock != NONE && block >= timedBlock) {
            roundTrip.sample(now - timedAt);
            timedBlock = NONE;
        } else {
            roundTrip.reset();
        }
    }

    private void resendFromFirstUnacknowledged(long now) throws IOException {
        rewind(now);
        send(now);
    }

    /**
     * A gap inside a window: the client lost a block, or got blocks out of order (it keeps none after a gap). Blocks
     * sent back to back are what a jittery link reorders, so the window's blocks are spread out more (up to half a
     * round trip apart, where a window is still no slower than lock-step), and less again after whole windows.
     */
    private void slowDownAndRewind(long now) {
        pace = Math.min(Math.max(2 * pace, 200_000), roundTrip.smoothed() / 2);
        rewind(now);
    }

    private void rewind(long now) {
        next = acked + 1;
        rewound = now;
    }

    private void send(long now) throws IOException {
        lastSend = now;
        deadline = now + roundTrip.timeout();
        resume(now);
    }

    private void sendOptionAck(long now) throws IOException {
        channel.write(optionAck.duplicate());
        lastSend = now;
        deadline = now + roundTrip.timeout();
    }
}
