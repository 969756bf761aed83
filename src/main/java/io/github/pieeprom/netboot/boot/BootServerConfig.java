package io.github.pieeprom.netboot.boot;

import java.net.InetAddress;
import java.nio.file.Path;

/**
 * How to run a {@link BootServer}.
 *
 * @param root the TFTP root
 * @param state the state folder ({@link BootStateFiles#folder})
 * @param bind the address to listen on; null for all (then no proxy DHCP: its answers must name one address)
 * @param dhcpPort the proxy DHCP port, or -1 for none ({@code --dhcp off})
 * @param netconsolePort the NETCONSOLE port, or -1 for none
 * @param menuText the PXE menu text the boards look for
 */
public record BootServerConfig(Path root, Path state, InetAddress bind, int tftpPort, int dhcpPort,
                               int netconsolePort, String menuText) {
}
