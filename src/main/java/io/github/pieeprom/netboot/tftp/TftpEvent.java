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

    /** The whole file reached the client (its last block was acknowledged). */
    record Sent(InetSocketAddress client, String file, long bytes, Duration elapsed) implements TftpEvent {
    }

    /** The server answered with an ERROR packet; {@code code} is the TFTP error code sent. */
    record Refused(InetSocketAddress client, String file, int code, String reason) implements TftpEvent {
    }

    /** A transfer that started and did not finish: it stalled, the client gave up, or the server stopped. */
    record Dropped(InetSocketAddress client, String file, long bytesSent, String reason) implements TftpEvent {
    }
}
