package io.github.pieeprom.netboot;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import java.nio.file.Path;

/**
 * A dnsmasq snippet for proxy DHCP + TFTP: the LAN's DHCP server keeps handing out addresses, dnsmasq adds the PXE
 * offer (option 43 with the menu text the bootloader's {@code PXE_OPTION43} expects) and serves the TFTP root.
 *
 * @param root    the TFTP root, absolute
 * @param network the LAN's network address, such as {@code 10.0.0.0}
 */
public record Dnsmasq(Path root, String network) {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

    public Dnsmasq {
        requireNetwork("--proxy-dhcp", network);
        if (!root.isAbsolute() || root.toString().contains("\n")) throw new IllegalArgumentException(root.toString());
    }

    /** {@code network} when it is a dotted IPv4 address; {@code source} names it in the error. */
    public static String requireNetwork(String source, String network) {
        if (!network.matches(OCTET + "(\\." + OCTET + "){3}")) throw EepromException.in(source,
                "expected the LAN's IPv4 network address such as 10.0.0.0, found \"%s\"",
                EepromException.printable(network));
        return network;
    }

    public String text() {
        return """
                # Proxy DHCP + TFTP for Raspberry Pi network boot (written by eeprom tftp stage).
                # Put it in /etc/dnsmasq.d/; the existing DHCP server keeps handing out addresses.
                port=0
                dhcp-range=%s,proxy
                log-dhcp
                enable-tftp
                tftp-root=%s
                pxe-service=0,"%s"
                """.formatted(network, root, PiFacts.MENU_TEXT);
    }
}
