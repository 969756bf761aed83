package io.github.pieeprom.bootconf;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the value of a property must look like; {@link #problem} says what is wrong with one. */
public enum ValueType {
    /** 0 or 1 (some allow more values, listed as choices). */
    BOOL,
    /** A decimal or {@code 0x} hex integer in a range, or one of a set of choices. */
    INT,
    /**
     * {@code 0x} followed by 1 to 8 hex digits, or a decimal number: the documentation's own examples write
     * {@code SD_QUIRKS=1} and {@code XHCI_DEBUG=0x3}.
     */
    HEX,
    /** Hex nibbles of boot modes, see {@link BootOrder}. */
    BOOT_ORDER,
    /** Four dotted decimal octets. */
    IPV4,
    /** Six {@code :}-separated hex pairs. */
    MAC,
    /** Free text of at most {@code max} characters (0 = no limit). */
    STRING,
    /** Lower-case letters, digits, {@code -} and {@code .}: a host name or an IPv4 address. */
    HOST,
    /** 64 hex digits (a SHA-256). */
    SHA256,
    /** Two customer OTP rows, 0-7, as {@code A,B}. */
    OTP_ROWS,
    /** Up to 4 comma-separated {@code VVVVPPPP} hex USB IDs. */
    VID_PID_LIST,
    /** {@code src_port@src_ip/dev_name,dst_port@dst_ip/dst_mac}, at most 32 characters. */
    NETCONSOLE;

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern UNSIGNED = Pattern.compile("[0-9]{1,10}");
    private static final Pattern HEX_NUMBER = Pattern.compile("0[xX][0-9a-fA-F]{1,8}");
    private static final Pattern OCTETS = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    private static final Pattern MAC_ADDRESS = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9.-]+");
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern OTP = Pattern.compile("[0-7],[0-7]");
    private static final Pattern VID_PIDS = Pattern.compile("[0-9a-fA-F]{8}(,[0-9a-fA-F]{8}){0,3}");
    private static final Pattern NETCONSOLE_FORMAT = Pattern.compile("[0-9]*@[0-9.]+/[^,]*,[0-9]*@[0-9.]*/.*");

    String problem(Property p, String value) {
        return switch (this) {
            case BOOL, INT -> number(p, value);
            case HEX -> HEX_NUMBER.matcher(value).matches() || UNSIGNED.matcher(value).matches() ? range(p, value)
                    : value.startsWith("0x") || value.startsWith("0X")
                    ? "expected 0x followed by 1 to 8 hex digits, found \"" + value + "\""
                    : "expected a number, 0x and 1 to 8 hex digits or decimal, found \"" + value + "\"";
            case BOOT_ORDER -> BootOrder.problem(value);
            case IPV4 -> ipv4(value) >= 0 ? null
                    : "expected a dotted IPv4 address such as 192.168.1.10, found \"" + value + "\"";
            case MAC -> MAC_ADDRESS.matcher(value).matches() ? null
                    : "expected a MAC address such as dc:a6:32:01:36:c2, found \"" + value + "\"";
            case STRING -> p.max() > 0 && value.length() > p.max()
                    ? "expected at most " + p.max() + " characters, found " + value.length() : null;
            case HOST -> HOST_NAME.matcher(value).matches() ? null
                    : "expected a host name of lower-case letters, digits, - and . (no scheme, no /), found \""
                            + value + "\"";
            case SHA256 -> SHA.matcher(value).matches() ? null
                    : "expected 64 hex digits (a SHA-256), found \"" + value + "\"";
            case OTP_ROWS -> OTP.matcher(value).matches() ? null
                    : "expected two OTP rows 0-7 as A,B (such as 0,1), found \"" + value + "\"";
            case VID_PID_LIST -> VID_PIDS.matcher(value).matches() ? null
                    : "expected up to 4 comma-separated 8-digit hex VIDPIDs, no spaces, found \"" + value + "\"";
            case NETCONSOLE -> value.length() > p.max()
                    ? "expected at most " + p.max() + " characters, found " + value.length()
                    : NETCONSOLE_FORMAT.matcher(value).matches() ? null
                    : "expected src_port@src_ip/dev_name,dst_port@dst_ip/dst_mac, found \"" + value + "\"";
        };
    }

    private static String number(Property p, String value) {
        if (DECIMAL.matcher(value).matches() || HEX_NUMBER.matcher(value).matches()) return range(p, value);
        String expected = p.choices().isEmpty() ? "an integer" : choices(p);
        String hint = value.contains("#") ? " (a # comment must be on a line of its own)" : "";
        return "expected " + expected + ", found \"" + value + "\"" + hint;
    }

    private static String range(Property p, String value) {
        long n = parseNumber(value);
        if (!p.choices().isEmpty())
            return p.choices().contains(n) ? null : "expected " + choices(p) + ", found " + value;
        if (n < p.min()) return value + " is less than the minimum " + p.min();
        if (n > p.max()) return value + " is more than the maximum " + p.max();
        return null;
    }

    /** "0 or 1", "0, 1 or 2". */
    private static String choices(Property p) {
        String all = p.choices().stream().map(String::valueOf).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }

    /** A decimal or {@code 0x} hex number that the patterns above have accepted. */
    static long parseNumber(String value) {
        return value.startsWith("0x") || value.startsWith("0X") ? Long.parseLong(value.substring(2), 16)
                : Long.parseLong(value);
    }

    /** The address as an unsigned 32-bit number, or -1 if it is not a dotted IPv4 address. */
    static long ipv4(String value) {
        var m = OCTETS.matcher(value);
        if (!m.matches()) return -1;
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) return -1;
            address = address << 8 | octet;
        }
        return address;
    }
}
