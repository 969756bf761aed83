package io.github.pieeprom.netboot.tftp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options a read request asked for (RFC 2347) and what the server answers: {@code blksize} 8..65464 (RFC 2348),
 * {@code tsize} and {@code timeout} 1..255 s (RFC 2349), {@code windowsize} 1..65535 (RFC 7440). Unknown options are
 * left out of the answer; a known option with a value out of range refuses the request (error 8).
 *
 * @param acknowledged what goes into the OACK, empty when no OACK is sent
 * @param timeoutSeconds 0 when the client did not ask: the server's own retransmission timeout applies
 */
record Negotiation(int blockSize, int windowSize, int timeoutSeconds, Map<String, String> acknowledged) {
    static final int DEFAULT_BLOCK_SIZE = 512, MIN_BLOCK_SIZE = 8, MAX_BLOCK_SIZE = 65464;

    Negotiation {
        acknowledged = Collections.unmodifiableMap(new LinkedHashMap<>(acknowledged));
    }

    static Negotiation of(Map<String, String> requested, long fileSize) throws Refusal {
        Map<String, String> ack = new LinkedHashMap<>();
        int blockSize = DEFAULT_BLOCK_SIZE, windowSize = 1, timeout = 0;
        for (Map.Entry<String, String> option : requested.entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "blksize" -> blockSize = number(ack, "blksize", value, MIN_BLOCK_SIZE, MAX_BLOCK_SIZE);
                case "windowsize" -> windowSize = number(ack, "windowsize", value, 1, 65535);
                case "timeout" -> timeout = number(ack, "timeout", value, 1, 255);
                case "tsize" -> {
                    number(ack, "tsize", value, 0, Long.MAX_VALUE);
                    if (fileSize > 0) ack.put("tsize", Long.toString(fileSize));
                    else ack.remove("tsize");   // curl aborts on "tsize 0"; RFC 2347 lets the server leave it out
                }
                default -> { }                                   // RFC 2347: options we do not know are ignored
            }
        }
        return new Negotiation(blockSize, windowSize, timeout, ack);
    }

    private static int number(Map<String, String> ack, String name, String value, long min, long max) throws Refusal {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Refusal(TftpPacket.Error.OPTION_REFUSED, "%s \"%s\" is not a number".formatted(name, value));
        }
        if (n < min || n > max) throw new Refusal(TftpPacket.Error.OPTION_REFUSED,
                "%s %d is outside %d..%d".formatted(name, n, min, max));
        ack.put(name, Long.toString(n));
        return (int) Math.min(n, Integer.MAX_VALUE);
    }
}
