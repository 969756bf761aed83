package io.github.pieeprom.netboot.dhcp;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * The answers of a proxy DHCP server for Pis (PXE 2.1 "proxyDHCP"): it never offers an address, so the site's own
 * DHCP server keeps doing that; to a Pi's DISCOVER it offers only the boot server. Pure: {@link DhcpServer} does the
 * sockets.
 * <pre>
 * ProxyDhcp proxy = new ProxyDhcp(serverAddress, PiFacts.MENU_TEXT);
 * Optional&lt;DhcpPacket&gt; offer = proxy.answer(discover);     // empty for anything but a Pi's DISCOVER
 * </pre>
 *
 * @param server the boot (TFTP) server's address: siaddr, option 54 and option 66 of every answer
 * @param menuText the PXE menu text the boards look for ({@code PXE_OPTION43})
 */
public record ProxyDhcp(Inet4Address server, String menuText) {
    /**
     * The answer to {@code request}: for a Pi's DISCOVER (see {@link PiFacts#isPi}) an OFFER with yiaddr 0.0.0.0,
     * siaddr and options 54 and 66 naming the server, option 60 {@code PXEClient}, option 43 the PXE menu, and the
     * client's option 97 echoed (as dnsmasq does); for anything else nothing. Like dnsmasq in proxy mode, a REQUEST
     * on port 67 gets no answer: it is for the server that offered the address.
     */
    public Optional<DhcpPacket> answer(DhcpPacket request) {
        if (request.op() != DhcpPacket.BOOTREQUEST || request.messageType().orElse(0) != DhcpPacket.DISCOVER
                || !PiFacts.isPi(request))
            return Optional.empty();
        DhcpOptions options = DhcpOptions.of().with(DhcpPacket.MESSAGE_TYPE, new byte[] {DhcpPacket.OFFER})
                .with(DhcpPacket.SERVER_ID, server).with(DhcpPacket.VENDOR_CLASS, PiFacts.PXE_CLIENT);
        Optional<byte[]> guid = request.options().bytes(DhcpPacket.CLIENT_GUID);
        if (guid.isPresent()) options = options.with(DhcpPacket.CLIENT_GUID, guid.get());
        options = options.with(DhcpPacket.VENDOR_OPTIONS, PxeMenu.option43(menuText))
                .with(DhcpPacket.TFTP_SERVER, server.getHostAddress());
        Inet4Address zero = PiFacts.zero();
        return Optional.of(new DhcpPacket(DhcpPacket.BOOTREPLY, request.htype(), 0, request.xid(), 0, request.flags(),
                zero, zero, server, request.giaddr(), request.chaddr(), "", "", options));
    }
}
