package io.github.pieeprom.netboot.boot;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.netboot.dhcp.PxeMenu;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Configs for the DHCP servers sites keep, doing what {@code eeprom boot serve}'s proxy does: a Pi (option 97
 * beginning {@code RPi4}/{@code RPi5}, or a Raspberry Pi MAC prefix) gets option 60 {@code PXEClient}, option 43 as PXE
 * sub-options with the menu text, and the TFTP server in siaddr and option 66 (docs/dhcp.md §3). dnsmasq can do it
 * as a proxy beside the site's server; Kea and ISC dhcpd have no proxy mode, so their configs hand out addresses.
 * Pure: {@code eeprom boot dhcp-config} prints the text.
 *
 * @param server the TFTP server's IPv4 address
 * @param subnet the link's network, {@code 10.0.0.0/24}
 * @param range for a full server, the first and last address it hands out ({@code 10.0.0.100,10.0.0.199}); else ""
 * @param iface the interface to serve on, or "" for the server's default
 * @param menuText the PXE menu text the boards look for ({@link PxeMenu#textProblem} says which texts can be)
 */
public record DhcpConfigs(String server, String subnet, String range, String iface, String menuText) {
    public enum Kind { DNSMASQ, KEA, ISC }

    /** The options of {@code eeprom boot dhcp-config} each value comes from: messages name them. */
    private static final String SERVER = "--server", SUBNET = "--subnet", RANGE = "--range", INTERFACE = "--interface",
            MENU = "--menu";
    private static final String ADDRESS = "\\d{1,3}(\\.\\d{1,3}){3}";

    /**
     * Refuses what the configs cannot carry, naming the option: every value goes into them as text, so a newline or
     * a quote in one would add lines of the caller's choosing (dnsmasq's {@code dhcp-script=}, say).
     */
    public DhcpConfigs {
        address(SERVER, server);
        if (!subnet.matches(ADDRESS + "/\\d{1,2}"))
            throw EepromException.in(SUBNET, "expected a network such as 10.0.0.0/24, found \"%s\"",
                    EepromException.printable(subnet));
        long net = address(SUBNET, subnet.substring(0, subnet.indexOf('/')));
        int bits = Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
        if (bits > 32) throw EepromException.in(SUBNET, "prefix length %d is outside 0..32", bits);
        if ((net & ~mask(bits) & 0xffff_ffffL) != 0)       // dhcpd: "bad subnet number/mask combination"
            throw EepromException.in(SUBNET, "%s has host bits set: the network is %s/%d", subnet,
                    dotted(net & mask(bits)), bits);
        if (!range.isEmpty()) {
            if (!range.matches(ADDRESS + "," + ADDRESS)) throw EepromException.in(RANGE,
                    "expected FIRST,LAST such as 10.0.0.100,10.0.0.199, found \"%s\"", EepromException.printable(range));
            String[] r = range.split(",");
            for (String a : r)
                if ((address(RANGE, a) & mask(bits)) != (net & mask(bits)))
                    throw EepromException.in(RANGE, "%s is outside --subnet %s", a, subnet);
            if (address(RANGE, r[0]) > address(RANGE, r[1]))
                throw EepromException.in(RANGE, "%s comes after %s: give the first address first", r[0], r[1]);
        }
        // Linux's rule (dev_valid_name: 1 to 15 bytes, not . or .., no /, : or white space), narrowed to printable
        // ASCII without quotes and backslashes so that the name goes into dnsmasq and Kea's JSON as it is
        for (int i = 0; i < iface.length(); i++) {
            char c = iface.charAt(i);
            if (c <= ' ' || c > 0x7e || "/:\"\\".indexOf(c) >= 0) throw EepromException.in(INTERFACE,
                    "character %d is %s; an interface name is printable ASCII without spaces, /, :, \" or \\", i + 1,
                    c <= ' ' || c > 0x7e ? "U+%04X".formatted((int) c) : "'" + c + "'");
        }
        if (iface.length() > 15 || iface.equals(".") || iface.equals(".."))
            throw EepromException.in(INTERFACE, "\"%s\" is not an interface name: Linux takes 1 to 15 characters, "
                    + "not . or ..", iface);
        PxeMenu.textProblem(menuText).ifPresent(problem -> {
            throw EepromException.in(MENU, "%s", problem);
        });
    }

    /** The config; a proxy when {@code range} is empty (dnsmasq only). */
    public String render(Kind kind) {
        boolean proxy = range.isEmpty();
        if (proxy && kind != Kind.DNSMASQ) throw EepromException.in("--for " + kind.name().toLowerCase(Locale.ROOT),
                "%s has no proxy DHCP mode: give --range FIRST,LAST for a full server, or use --for dnsmasq",
                kind == Kind.KEA ? "Kea" : "ISC dhcpd");
        return switch (kind) {
            case DNSMASQ -> dnsmasq(proxy);
            case KEA -> kea();
            case ISC -> isc();
        };
    }

    private String dnsmasq(boolean proxy) {
        StringBuilder out = new StringBuilder(header("#", proxy));
        out.append("port=0\n");                                          // no DNS
        if (!iface.isEmpty()) out.append("interface=").append(iface).append("\nbind-interfaces\n");
        String net = subnet.substring(0, subnet.indexOf('/'));
        out.append(proxy ? "dhcp-range=%s,proxy,%s\n".formatted(net, mask())
                : "dhcp-range=%s,%s,12h\n".formatted(range, mask()));
        out.append("dhcp-match=set:rpi,97,0:52:50:69:34\n").append("dhcp-match=set:rpi,97,0:52:50:69:35\n");
        for (String prefix : PiFacts.MAC_PREFIXES) out.append("dhcp-mac=set:rpi,").append(prefix).append(":*:*:*\n");
        out.append("pxe-service=tag:rpi,0,\"").append(menuText).append("\"\n");
        // siaddr: in proxy mode dnsmasq sends it only from dhcp-boot, never option 66 (measured with dnsmasq 2.90),
        // and option 54 is its own address; run it on the TFTP server so that the two agree (docs/boot.md §5)
        out.append("dhcp-boot=tag:rpi,,,").append(server).append('\n');
        if (!proxy) out.append("dhcp-option=tag:rpi,66,\"").append(server).append("\"\n");
        return out.toString();
    }

    private String kea() {
        String classTest = "substring(option[97].hex,0,5) == 0x0052506934 or substring(option[97].hex,0,5) == "
                + "0x0052506935 or " + PiFacts.MAC_PREFIXES.stream()
                .map(p -> "substring(pkt4.mac,0,3) == 0x" + p.replace(":", "")).collect(Collectors.joining(" or "));
        String[] r = range.split(",");
        return """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "lease-database": { "type": "memfile", "lfc-interval": 3600 },
                    "valid-lifetime": 43200,
                    "client-classes": [
                      {
                        "name": "rpi",
                        "test": "%s",
                        "next-server": "%s",
                        "option-def": [ { "name": "pxe-menu", "code": 43, "type": "binary" } ],
                        "option-data": [
                          { "name": "vendor-class-identifier", "data": "PXEClient" },
                          { "name": "tftp-server-name", "data": "%s" },
                          { "name": "pxe-menu", "code": 43, "csv-format": false, "data": "%s" }
                        ]
                      }
                    ],
                    "subnet4": [ { "id": 1, "subnet": "%s", "pools": [ { "pool": "%s - %s" } ] } ]
                  }
                }
                """.formatted(iface.isEmpty() ? "*" : iface, classTest, server, server, option43Hex(""), subnet,
                r[0], r[1]);
    }

    private String isc() {
        String[] r = range.split(",");
        String match = "substring(option pi-guid, 0, 5) = 00:52:50:69:34 or substring(option pi-guid, 0, 5) = "
                + "00:52:50:69:35 or " + PiFacts.MAC_PREFIXES.stream()
                .map(p -> "substring(hardware, 1, 3) = " + p).collect(Collectors.joining(" or "));
        String net = subnet.substring(0, subnet.indexOf('/'));
        String interfaces = iface.isEmpty() ? "" : "# dhcpd takes its interfaces on its command line: dhcpd -cf "
                + "THIS-FILE " + iface + "\n";
        return header("#", false) + interfaces + """
                option pi-guid code 97 = string;
                class "rpi" {
                  match if %s;
                  next-server %s;
                  option vendor-class-identifier "PXEClient";
                  option tftp-server-name "%s";
                  option vendor-encapsulated-options %s;
                }
                subnet %s netmask %s {
                  range %s %s;
                }
                """.formatted(match, server, server, option43Hex(":"), net, mask(), r[0], r[1]);
    }

    private String option43Hex(String separator) {
        HexFormat hex = separator.isEmpty() ? HexFormat.of().withUpperCase() : HexFormat.ofDelimiter(separator);
        return hex.formatHex(PxeMenu.option43(menuText));
    }

    private String header(String comment, boolean proxy) {
        return comment + " eeprom boot dhcp-config: boot Raspberry Pis from TFTP server " + server
                + (proxy ? " (proxy: the site's DHCP server keeps handing out addresses)" : "") + "\n";
    }

    /** The dotted netmask of {@link #subnet}'s prefix length. */
    private String mask() {
        return dotted(mask(Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1))));
    }

    private static String dotted(long address) {
        return List.of(24, 16, 8, 0).stream().map(s -> Long.toString(address >> s & 0xff))
                .collect(Collectors.joining("."));
    }

    /** The netmask of a prefix length 0..32 as a number. */
    private static long mask(int bits) {
        return bits == 0 ? 0 : 0xffff_ffffL << (32 - bits) & 0xffff_ffffL;
    }

    /** An IPv4 address in dotted form as a number; anything else is refused, naming the option. */
    private static long address(String option, String text) {
        if (!text.matches(ADDRESS)) throw EepromException.in(option, "expected an IPv4 address such as 10.0.0.1, "
                + "found \"%s\"", EepromException.printable(text));
        long value = 0;
        for (String part : text.split("\\.")) {
            int b = Integer.parseInt(part);
            if (b > 255) throw EepromException.in(option, "%s is not an IPv4 address: %d is more than 255", text, b);
            value = value << 8 | b;
        }
        return value;
    }
}
