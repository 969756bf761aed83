package io.github.pieeprom.netboot.tftp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One TFTP packet (RFC 1350, options per RFC 2347), decoded from or encoded to its wire form.
 * <pre>
 *   RRQ/WRQ | 01/02 | file | 0 | mode | 0 | opt | 0 | value | 0 | ...      ERROR | 05 | code (2) | message | 0
 *   DATA    | 03 | block (2) | 0..blksize bytes                          OACK  | 06 | opt | 0 | value | 0 | ...
 *   ACK     | 04 | block (2)                                             all numbers big-endian
 * </pre>
 * {@link #decode} never throws: a packet it cannot read comes back as {@link Malformed} saying why.
 */
public sealed interface TftpPacket {
    int RRQ = 1, WRQ = 2, DATA = 3, ACK = 4, ERROR = 5, OACK = 6;

    /** The packet's wire form, ready to send. */
    ByteBuffer encode();

    /** A read request; option names are lower-cased, in the order the client sent them. */
    record ReadRequest(String file, String mode, Map<String, String> options) implements TftpPacket {
        public ReadRequest {
            options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }

        @Override
        public ByteBuffer encode() {
            return strings(RRQ, file, mode, options);
        }
    }

    /** A write request: this server refuses every one. */
    record WriteRequest(String file, String mode) implements TftpPacket {
        @Override
        public ByteBuffer encode() {
            return strings(WRQ, file, mode, Map.of());
        }
    }

    /** A block of file data; {@code payload} is a read-only view. */
    record Data(int block, ByteBuffer payload) implements TftpPacket {
        @Override
        public ByteBuffer encode() {
            ByteBuffer out = ByteBuffer.allocate(4 + payload.remaining());
            return out.putShort((short) DATA).putShort((short) block).put(payload.duplicate()).flip();
        }
    }

    record Ack(int block) implements TftpPacket {
        @Override
        public ByteBuffer encode() {
            return ByteBuffer.allocate(4).putShort((short) ACK).putShort((short) block).flip();
        }
    }

    /** An error; codes are RFC 1350's (0..7) and RFC 2347's 8 (option negotiation refused). */
    record Error(int code, String message) implements TftpPacket {
        public static final int NOT_DEFINED = 0, NOT_FOUND = 1, ACCESS_VIOLATION = 2, ILLEGAL_OPERATION = 4,
                UNKNOWN_TRANSFER = 5, OPTION_REFUSED = 8;

        @Override
        public ByteBuffer encode() {
            byte[] text = message.getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate(5 + text.length);
            return out.putShort((short) ERROR).putShort((short) code).put(text).put((byte) 0).flip();
        }
    }

    /** The options the server accepted, with the values it chose. */
    record OptionAck(Map<String, String> options) implements TftpPacket {
        public OptionAck {
            options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }

        @Override
        public ByteBuffer encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(OACK);
            options.forEach((k, v) -> { text(out, k); text(out, v); });
            return ByteBuffer.wrap(out.toByteArray());
        }
    }

    /** Bytes that are not a TFTP packet; {@code opcode} is -1 when there is none. */
    record Malformed(int opcode, String reason) implements TftpPacket {
        @Override
        public ByteBuffer encode() {
            throw new UnsupportedOperationException("a malformed packet has no wire form: " + reason);
        }
    }

    /** Reads the packet between {@code in}'s position and limit; {@code in} is left unchanged. */
    static TftpPacket decode(ByteBuffer in) {
        ByteBuffer p = in.slice();
        if (p.remaining() < 2) return new Malformed(-1, "a packet of %d byte(s) has no opcode".formatted(p.remaining()));
        int opcode = Short.toUnsignedInt(p.getShort());
        return switch (opcode) {
            case RRQ, WRQ -> request(opcode, p);
            case DATA -> p.remaining() < 2 ? truncated(opcode, "DATA")
                    : new Data(Short.toUnsignedInt(p.getShort()), p.slice().asReadOnlyBuffer());
            case ACK -> p.remaining() < 2 ? truncated(opcode, "ACK") : new Ack(Short.toUnsignedInt(p.getShort()));
            case ERROR -> p.remaining() < 2 ? truncated(opcode, "ERROR")
                    : new Error(Short.toUnsignedInt(p.getShort()), lenientText(p));
            case OACK -> {
                Map<String, String> options = new LinkedHashMap<>();
                String problem = pairs(p, options);
                yield problem == null ? new OptionAck(options) : new Malformed(opcode, "OACK: " + problem);
            }
            default -> new Malformed(opcode, "unknown opcode " + opcode);
        };
    }

    private static TftpPacket request(int opcode, ByteBuffer p) {
        String kind = opcode == RRQ ? "RRQ" : "WRQ";
        String file = text(p), mode = file == null ? null : text(p);
        if (mode == null) return new Malformed(opcode, kind + " is truncated: file name and mode must end in a zero byte");
        if (file.isEmpty()) return new Malformed(opcode, kind + " has an empty file name");
        if (opcode == WRQ) return new WriteRequest(file, mode.toLowerCase(Locale.ROOT));
        Map<String, String> options = new LinkedHashMap<>();
        String problem = pairs(p, options);
        return problem == null ? new ReadRequest(file, mode.toLowerCase(Locale.ROOT), options)
                : new Malformed(opcode, "RRQ: " + problem);
    }

    /** Reads option name/value pairs to the end; returns what is wrong, or null. */
    private static String pairs(ByteBuffer p, Map<String, String> options) {
        while (p.hasRemaining()) {
            String name = text(p);
            if (name == null) return "option name is not zero-terminated";
            String value = text(p);
            if (value == null) return "option " + name + " has no zero-terminated value";
            if (options.putIfAbsent(name.toLowerCase(Locale.ROOT), value) != null)
                return "option " + name + " is given twice";
        }
        return null;
    }

    private static Malformed truncated(int opcode, String kind) {
        return new Malformed(opcode, kind + " is truncated: no block number or error code");
    }

    /** A zero-terminated UTF-8 string, or null when the zero byte is missing. */
    private static String text(ByteBuffer p) {
        for (int i = p.position(); i < p.limit(); i++) {
            if (p.get(i) == 0) {
                byte[] bytes = new byte[i - p.position()];
                p.get(bytes).get();
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** An error message: some clients omit the final zero byte. */
    private static String lenientText(ByteBuffer p) {
        String s = text(p);
        if (s != null) return s;
        byte[] rest = new byte[p.remaining()];
        p.get(rest);
        return new String(rest, StandardCharsets.UTF_8);
    }

    private static ByteBuffer strings(int opcode, String file, String mode, Map<String, String> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(opcode);
        text(out, file);
        text(out, mode);
        options.forEach((k, v) -> { text(out, k); text(out, v); });
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }
}
