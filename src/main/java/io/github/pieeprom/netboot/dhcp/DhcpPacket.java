package io.github.pieeprom.netboot.dhcp;

import io.github.pieeprom.EepromException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One DHCP message (RFC 2131), decoded from or encoded to its wire form. Pure: no sockets.
 * <pre>
 *  0 op | htype | hlen | hops         4 xid (4)        8 secs (2) | flags (2)
 * 12 ciaddr  16 yiaddr  20 siaddr  24 giaddr (4 each)  28 chaddr (16)  44 sname (64)  108 file (128)
 * 236 magic cookie 63 82 53 63     240 options: code | len | value ... | ff       all numbers big-endian
 * </pre>
 * {@code chaddr} is the first {@code hlen} bytes of its field as {@code dc:a6:32:01:02:03}. With option 52
 * (overload) the file and sname fields hold options too: {@link #decode} reads them into {@link #options()} and
 * gives those fields as empty.
 * <pre>
 * DhcpPacket discover = DhcpPacket.decode("10.0.0.9:68", datagram);    // EepromException if malformed
 * boolean pxe = discover.options().text(DhcpPacket.VENDOR_CLASS).orElse("").startsWith("PXEClient");
 * </pre>
 */
public record DhcpPacket(int op, int htype, int hops, long xid, int secs, int flags, Inet4Address ciaddr,
                         Inet4Address yiaddr, Inet4Address siaddr, Inet4Address giaddr, String chaddr, String sname,
                         String file, DhcpOptions options) {
    public static final int BOOTREQUEST = 1, BOOTREPLY = 2;
    public static final int DISCOVER = 1, OFFER = 2, REQUEST = 3, DECLINE = 4, ACK = 5, NAK = 6, RELEASE = 7,
            INFORM = 8;
    /** Option codes (RFC 2132, RFC 4578) this project reads or writes. */
    public static final int SUBNET_MASK = 1, ROUTER = 3, VENDOR_OPTIONS = 43, REQUESTED_ADDRESS = 50,
            LEASE_TIME = 51, OVERLOAD = 52, MESSAGE_TYPE = 53, SERVER_ID = 54, PARAMETER_LIST = 55,
            VENDOR_CLASS = 60, TFTP_SERVER = 66, BOOT_FILE = 67, CLIENT_ARCH = 93, CLIENT_NDI = 94,
            CLIENT_GUID = 97;
    /** The BROADCAST bit of {@code flags}: the client cannot receive unicast before it has an address. */
    public static final int BROADCAST_FLAG = 0x8000;
    static final int MAGIC = 0x6382_5363, HEADER = 236, OPTIONS = 240, CHADDR = 28, SNAME = 44, FILE = 108;
    /** The shortest message BOOTP relay agents and old clients accept (RFC 1542 §2.1): shorter ones are padded. */
    static final int MIN_LENGTH = 300;

    public DhcpPacket {
        if (op < 0 || op > 255 || htype < 0 || htype > 255 || hops < 0 || hops > 255 || xid < 0 || xid > 0xffff_ffffL
                || secs < 0 || secs > 0xffff || flags < 0 || flags > 0xffff)
            throw new IllegalArgumentException("a header field is out of range: op %d htype %d hops %d xid %d secs %d "
                    .formatted(op, htype, hops, xid, secs) + "flags " + flags);
        if (Hex.parseColons(chaddr).length > 16) throw new IllegalArgumentException("chaddr longer than 16 bytes: " + chaddr);
        if (sname.length() > 64 || file.length() > 128) throw new IllegalArgumentException("sname or file too long");
    }

    /** The option 53 message type, or empty for a BOOTP message. */
    public Optional<Integer> messageType() {
        return options.u8(MESSAGE_TYPE);
    }

    /** The wire form: padded to {@value #MIN_LENGTH} bytes when shorter. */
    public byte[] encode() {
        byte[] opts = options.encode();
        ByteBuffer out = ByteBuffer.allocate(Math.max(MIN_LENGTH, OPTIONS + opts.length)).order(ByteOrder.BIG_ENDIAN);
        byte[] hardware = Hex.parseColons(chaddr);
        out.put((byte) op).put((byte) htype).put((byte) hardware.length).put((byte) hops).putInt((int) xid)
                .putShort((short) secs).putShort((short) flags).put(ciaddr.getAddress()).put(yiaddr.getAddress())
                .put(siaddr.getAddress()).put(giaddr.getAddress()).put(hardware);
        out.position(SNAME).put(sname.getBytes(StandardCharsets.ISO_8859_1));
        out.position(FILE).put(file.getBytes(StandardCharsets.ISO_8859_1));
        out.position(HEADER).putInt(MAGIC).put(opts);
        return out.array();
    }

    /**
     * Reads a datagram; {@code source} names it in messages ({@code 10.0.0.9:68@0x0000f0: ...}).
     *
     * @throws EepromException if it is not a DHCP message: too short, no magic cookie, an option past its field
     */
    public static DhcpPacket decode(String source, byte[] bytes) {
        if (bytes.length < OPTIONS) throw EepromException.at(source, bytes.length,
                "a DHCP message has at least %d bytes, found %d", OPTIONS, bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int hlen = bytes[2] & 0xff;
        if (hlen > 16) throw EepromException.at(source, 2, "hlen is at most 16, found %d", hlen);
        if (in.getInt(HEADER) != MAGIC) throw EepromException.at(source, HEADER,
                "expected the DHCP magic cookie 0x%08x, found 0x%08x", MAGIC, in.getInt(HEADER));
        DhcpOptions options = DhcpOptions.decode(source, bytes, OPTIONS, bytes.length, 0, DhcpOptions.of());
        int overload = options.u8(OVERLOAD).orElse(0);
        if ((overload & 1) != 0) options = DhcpOptions.decode(source, bytes, FILE, HEADER, 0, options);
        if ((overload & 2) != 0) options = DhcpOptions.decode(source, bytes, SNAME, FILE, 0, options);
        return new DhcpPacket(bytes[0] & 0xff, bytes[1] & 0xff, bytes[3] & 0xff, Integer.toUnsignedLong(in.getInt(4)),
                Short.toUnsignedInt(in.getShort(8)), Short.toUnsignedInt(in.getShort(10)),
                DhcpOptions.address(bytes, 12), DhcpOptions.address(bytes, 16), DhcpOptions.address(bytes, 20),
                DhcpOptions.address(bytes, 24), Hex.colons(Arrays.copyOfRange(bytes, CHADDR, CHADDR + hlen)),
                (overload & 2) != 0 ? "" : field(bytes, SNAME, FILE), (overload & 1) != 0 ? "" : field(bytes, FILE, HEADER),
                options);
    }

    /** A zero-terminated string field, up to its first zero byte. */
    private static String field(byte[] bytes, int from, int to) {
        int end = from;
        while (end < to && bytes[end] != 0) end++;
        return new String(bytes, from, end - from, StandardCharsets.ISO_8859_1);
    }
}
