/**
 * DHCP for network-booting Pis: {@link io.github.pieeprom.netboot.dhcp.DhcpPacket} is the wire format (RFC 2131/2132),
 * {@link io.github.pieeprom.netboot.dhcp.PiFacts} what Pi bootloaders send and expect (docs/dhcp.md),
 * {@link io.github.pieeprom.netboot.dhcp.ProxyDhcp} the proxy's answers and
 * {@link io.github.pieeprom.netboot.dhcp.DhcpServer} the sockets.
 */
package io.github.pieeprom.netboot.dhcp;
