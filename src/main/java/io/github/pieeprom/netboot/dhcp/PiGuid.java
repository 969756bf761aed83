package io.github.pieeprom.netboot.dhcp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What a Pi 4 or Pi 5 bootloader puts in DHCP option 97 (client GUID, RFC 4578), docs/dhcp.md §2:
 * <pre>
 * 00 | fourcc (4) | board revision (4, LE) | MAC bytes 3..6 (4, in MAC order) | serial (4, LE)      17 bytes
 * 00   52 50 69 34  11 31 a0 00               32 2e f8 ed                        10 45 15 5b
 *      "RPi4"       0x00a03111                dc:a6:[32:2e:f8:ed]                0x5b154510
 * </pre>
 * With {@code DHCP_OPTION97=0} (and before 2020-03) the 16 bytes are the serial, little-endian, four times: then
 * {@link #fourcc()} is empty, {@link #revision()} 0 and {@link #macLow()} empty.
 *
 * @param fourcc {@code RPi4}, {@code RPi5}, another four characters set by {@code DHCP_OPTION97}, or "" (old format)
 * @param revision the board revision code, as {@code /proc/cpuinfo} shows it in hex
 * @param macLow the low four bytes of the MAC, {@code 32:2e:f8:ed}, or ""
 * @param serial the low 32 bits of the board serial, eight lower-case hex digits (the TFTP folder name)
 */
public record PiGuid(String fourcc, int revision, String macLow, String serial) {
    static final int LENGTH = 17;

    public PiGuid {
        if (fourcc.length() != 0 && fourcc.length() != 4) throw new IllegalArgumentException("fourcc: " + fourcc);
        if (!serial.matches("[0-9a-f]{8}")) throw new IllegalArgumentException("serial: " + serial);
    }

    /** The new format for a board: {@code mac} is the whole MAC, {@code dc:a6:32:2e:f8:ed}. */
    public static PiGuid of(String fourcc, int revision, String mac, String serial) {
        byte[] m = Hex.parseColons(mac);
        return new PiGuid(fourcc, revision, Hex.colons(Arrays.copyOfRange(m, m.length - 4, m.length)), serial);
    }

    /** The option's 17 bytes. */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0);
        int serialBits = (int) Long.parseLong(serial, 16);
        if (fourcc.isEmpty()) {
            for (int i = 0; i < 4; i++) out.putInt(serialBits);
        } else {
            out.put(fourcc.getBytes(StandardCharsets.ISO_8859_1)).putInt(revision).put(Hex.parseColons(macLow))
                    .putInt(serialBits);
        }
        return out.array();
    }

    /**
     * Reads option 97; empty when it is not a 17-byte type-0 GUID. A GUID whose four words are equal is the old
     * format; any other is read as the new one (its fourcc may be any four bytes: {@code DHCP_OPTION97}).
     */
    public static Optional<PiGuid> parse(byte[] option) {
        if (option.length != LENGTH || option[0] != 0) return Optional.empty();
        ByteBuffer in = ByteBuffer.wrap(option).order(ByteOrder.LITTLE_ENDIAN);
        String serial = "%08x".formatted(in.getInt(13));
        if (in.getInt(1) == in.getInt(5) && in.getInt(5) == in.getInt(9) && in.getInt(9) == in.getInt(13))
            return Optional.of(new PiGuid("", 0, "", serial));
        String fourcc = new String(option, 1, 4, StandardCharsets.ISO_8859_1);
        return Optional.of(new PiGuid(fourcc, in.getInt(5), Hex.colons(Arrays.copyOfRange(option, 9, 13)), serial));
    }

    /** The revision as {@code /proc/cpuinfo} writes it ({@code a03111}), or "" for the old format. */
    public String revisionHex() {
        return fourcc.isEmpty() ? "" : HexFormat.of().toHexDigits(revision).replaceFirst("^0+(?=.)", "");
    }
}
