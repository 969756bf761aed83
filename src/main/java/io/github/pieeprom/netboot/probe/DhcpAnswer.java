package io.github.pieeprom.netboot.probe;

import io.github.pieeprom.netboot.dhcp.DhcpPacket;

/** One DHCP answer as it came: {@code server} is where it came from ({@code 10.0.0.1:67}). */
public record DhcpAnswer(String server, DhcpPacket packet) {
}
