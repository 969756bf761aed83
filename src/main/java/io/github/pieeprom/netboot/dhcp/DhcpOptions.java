package io.github.pieeprom.netboot.dhcp;

import io.github.pieeprom.EepromException;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of a DHCP message (RFC 2132), or the sub-options of a PXE option 43: code, length, value, in the order
 * they came. Both use the same layout, {@code | code | len | len bytes | ... | 0xff |}, with code 0 a pad byte; an
 * option given more than once is one option whose values are joined (RFC 3396). Immutable: {@link #with} returns a
 * new set.
 */
public final class DhcpOptions {
    static final int PAD = 0, END = 255;

    private final Map<Integer, byte[]> values;        // insertion order; arrays never leave this class

    private DhcpOptions(Map<Integer, byte[]> values) {
        this.values = values;
    }

    public static DhcpOptions of() {
        return new DhcpOptions(new LinkedHashMap<>());
    }

    /** This set with {@code code} set to {@code value} (in its old place if it was there, else last). */
    public DhcpOptions with(int code, byte[] value) {
        if (code <= PAD || code >= END) throw new IllegalArgumentException("option code " + code + " is reserved");
        Map<Integer, byte[]> copy = new LinkedHashMap<>(values);
        copy.put(code, value.clone());
        return new DhcpOptions(copy);
    }

    public DhcpOptions with(int code, String text) {
        return with(code, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public DhcpOptions with(int code, Inet4Address address) {
        return with(code, address.getAddress());
    }

    /** This set without {@code code}. */
    public DhcpOptions without(int code) {
        Map<Integer, byte[]> copy = new LinkedHashMap<>(values);
        copy.remove(code);
        return new DhcpOptions(copy);
    }

    /** The codes present, in order. */
    public List<Integer> codes() {
        return List.copyOf(values.keySet());
    }

    public boolean has(int code) {
        return values.containsKey(code);
    }

    public Optional<byte[]> bytes(int code) {
        return Optional.ofNullable(values.get(code)).map(byte[]::clone);
    }

    /** The value as text, one character per byte (ISO-8859-1, as the PXE strings are ASCII). */
    public Optional<String> text(int code) {
        return Optional.ofNullable(values.get(code)).map(v -> new String(v, StandardCharsets.ISO_8859_1));
    }

    /** A one-byte value (message type, discovery control); empty if absent or not one byte long. */
    public Optional<Integer> u8(int code) {
        byte[] v = values.get(code);
        return v == null || v.length != 1 ? Optional.empty() : Optional.of(v[0] & 0xff);
    }

    /** A four-byte address (server identifier, requested address); empty if absent or not four bytes long. */
    public Optional<Inet4Address> address(int code) {
        byte[] v = values.get(code);
        return v == null || v.length != 4 ? Optional.empty() : Optional.of(DhcpOptions.address(v, 0));
    }

    /** The options' wire form, each split into 255-byte pieces when longer, then the end mark. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        values.forEach((code, value) -> {
            int at = 0;
            do {
                int n = Math.min(255, value.length - at);
                out.write(code);
                out.write(n);
                out.write(value, at, n);
                at += n;
            } while (at < value.length);
        });
        out.write(END);
        return out.toByteArray();
    }

    /** Options or sub-options in their wire form, as {@link #decode} reads them (for option 43). */
    public byte[] toBytes() {
        return encode();
    }

    /**
     * Reads options from {@code bytes[from..to)}; {@code base} is where {@code bytes[0]} lies in the input the
     * user knows (the datagram), for the offsets in messages. Stops at the end mark; a missing end mark is
     * accepted (some servers omit it) but an option running past {@code to} is not.
     */
    static DhcpOptions decode(String source, byte[] bytes, int from, int to, long base, DhcpOptions into) {
        Map<Integer, byte[]> values = new LinkedHashMap<>(into.values);
        int at = from;
        while (at < to) {
            int code = bytes[at] & 0xff;
            if (code == END) break;
            if (code == PAD) { at++; continue; }
            if (at + 1 >= to) throw EepromException.at(source, base + at, "option %d has no length byte", code);
            int length = bytes[at + 1] & 0xff;
            if (at + 2 + length > to) throw EepromException.at(source, base + at,
                    "option %d of %d bytes runs past the end of its field (%d bytes left)", code, length, to - at - 2);
            byte[] value = Arrays.copyOfRange(bytes, at + 2, at + 2 + length);
            values.merge(code, value, DhcpOptions::concat);
            at += 2 + length;
        }
        return new DhcpOptions(values);
    }

    /** Sub-options (PXE option 43) read from an option's value. */
    public static DhcpOptions decode(String source, byte[] value) {
        return decode(source, value, 0, value.length, 0, of());
    }

    static Inet4Address address(byte[] bytes, int at) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(bytes, at, at + 4));
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are an IPv4 address", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DhcpOptions other) || !values.keySet().equals(other.values.keySet())) return false;
        for (Map.Entry<Integer, byte[]> e : values.entrySet())
            if (!Arrays.equals(e.getValue(), other.values.get(e.getKey()))) return false;
        return codes().equals(other.codes());
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) h = 31 * h + e.getKey() * 17 + Arrays.hashCode(e.getValue());
        return h;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        values.forEach((code, value) -> {
            if (out.length() > 1) out.append(", ");
            out.append(code).append('=').append(Hex.colons(value));
        });
        return out.append('}').toString();
    }
}
