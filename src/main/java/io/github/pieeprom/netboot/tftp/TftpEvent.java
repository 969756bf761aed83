package io.github.pieeprom.netboot.tftp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the server reports: each request, then exactly one outcome for it (sent, refused or dropped). */
public sealed interface TftpEvent {
    InetSocketAddress client();

    /** The file asked for; empty for a packet that names none (malformed, unknown opcode). */
    String file();

    /**
     * A read or write request as received, before any check; {@code kind} is RRQ, WRQ or {@code malformed} (a
     * packet on the server's port that is no request, refused as such).
     */
    record Request(InetSocketAddress client, String file, String kind, String mode, Map<String, String> options)
            implements TftpEvent {
        public Request {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    /** The whole file reached the client (its last block was acknowledged); {@code resent}: packets sent again. */
    record Sent(InetSocketAddress client, String file, long bytes, Duration elapsed, int resent) implements TftpEvent {
    }

    /** The server answered with an ERROR packet; {@code code} is the TFTP error code sent. */
    record Refused(InetSocketAddress client, String file, int code, String reason) implements TftpEvent {
    }

    /**
     * A transfer that started and did not finish: the server gave up waiting for an ACK, the client aborted or its
     * port closed, or the server stopped; {@code reason} says which.
     */
    record Dropped(InetSocketAddress client, String file, long bytesSent, int resent, String reason)
            implements TftpEvent {
    }
}
