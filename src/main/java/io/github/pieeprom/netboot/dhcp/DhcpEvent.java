package io.github.pieeprom.netboot.dhcp;

import java.net.InetSocketAddress;
import java.util.Optional;

/** What a {@link DhcpServer} saw: each datagram on its port, read or not, and what it answered. */
public sealed interface DhcpEvent {
    InetSocketAddress source();

    /** A DHCP message and the answer sent to it, if any. */
    record Received(InetSocketAddress source, DhcpPacket packet, Optional<DhcpPacket> answer) implements DhcpEvent {
    }

    /** A datagram that is no DHCP message; {@code reason} is the decoder's one-line message. */
    record Malformed(InetSocketAddress source, String reason) implements DhcpEvent {
    }

    /** A receive or an answer that failed on the socket ({@code source} 0.0.0.0:0 when no datagram came). */
    record Failed(InetSocketAddress source, String reason) implements DhcpEvent {
    }
}
