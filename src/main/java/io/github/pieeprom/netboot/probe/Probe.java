package io.github.pieeprom.netboot.probe;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.netboot.dhcp.DhcpOptions;
import io.github.pieeprom.netboot.dhcp.DhcpPacket;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.netboot.dhcp.PiGuid;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code eeprom boot probe}: acts on the link as a Pi bootloader does (docs/probe.md). Broadcasts the Pi's DISCOVER
 * ({@link PiFacts#discover}) to 255.255.255.255 once a second for the window, collects every answer, decides as the bootloader would
 * ({@link BootDecision}), then fetches the Pi's files ({@link TftpWalk}). It never REQUESTs, so no server leases it
 * an address; it sends a DHCPRELEASE for each offered address anyway, for servers that hold an offer, and it answers
 * nothing. The DISCOVER carries the BROADCAST flag (a Pi's does not) so that answers reach a host whose own MAC is
 * not the probed one. With a server named, it acts as a relay agent would: giaddr set, from port 67, unicast.
 * <pre>
 * ProbeReport r = Probe.run(new Probe.Settings(Optional.of("eth0"), "1234abcd", Optional.empty(), PiModel.PI4,
 *         Optional.empty(), Optional.empty(), Duration.ofSeconds(5), TftpWalk.DEFAULT_FILE_TIMEOUT));
 * </pre>
 *
 * @see TftpWalk for {@code --tftp-only}
 */
public final class Probe {
    static final int SERVER_PORT = 67, CLIENT_PORT = 68, TFTP_PORT = 69;

    /**
     * @param iface    where to broadcast (its IPv4 broadcast address), else 255.255.255.255
     * @param mac      chaddr; empty: the model's MAC prefix and the serial's low three bytes
     * @param server   send the DISCOVER to this server only, by unicast, as a relay agent (giaddr, port 67)
     * @param tftpOnly skip DHCP and fetch from this TFTP server
     * @param window   how long to collect DHCP answers
     * @param fileTimeout the board's {@code TFTP_FILE_TIMEOUT}, against which each file's transfer time is judged
     */
    public record Settings(Optional<String> iface, String serial, Optional<String> mac, PiModel model,
                           Optional<Inet4Address> server, Optional<InetSocketAddress> tftpOnly, Duration window,
                           Duration fileTimeout) {
        public String chaddr() {
            return mac.orElse(model.macPrefix + ":" + serial.substring(2, 4) + ":" + serial.substring(4, 6) + ":"
                    + serial.substring(6, 8));
        }
    }

    private Probe() {
    }

    /**
     * @throws EepromException when port 68 cannot be bound (root or CAP_NET_BIND_SERVICE), or the interface is unknown
     */
    public static ProbeReport run(Settings s) throws IOException {
        if (s.tftpOnly().isPresent()) {
            TftpWalk.Result walk = TftpWalk.run(s.tftpOnly().get(), s.model(), s.serial(), s.fileTimeout());
            return new ProbeReport(boots(walk.findings()), walk.findings(), List.of(), Optional.empty(), walk.files());
        }
        List<Finding> findings = new ArrayList<>();
        List<DhcpAnswer> answers = discover(s, findings);
        BootDecision decision = BootDecision.of(answers, s.chaddr(), s.model().fourcc, PiFacts.MENU_TEXT);
        findings.addAll(decision.findings());
        List<Fetched> files = List.of();
        if (decision.boots() && decision.tftpServer().isPresent()) {
            TftpWalk.Result walk = TftpWalk.run(new InetSocketAddress(decision.tftpServer().get(), TFTP_PORT), s.model(),
                    s.serial(), s.fileTimeout());
            findings.addAll(walk.findings());
            files = walk.files();
            if (walk.findings().stream().anyMatch(f -> f.code().equals("tftp-error")))
                onlyOption54(decision.boot().get(), decision.tftpServer().get()).ifPresent(findings::add);
        }
        return new ProbeReport(boots(findings), findings, answers, Optional.of(decision), files);
    }

    /**
     * A {@code no-tftp-server} finding when the boot answer named no TFTP server (siaddr 0.0.0.0, no option 66), so
     * the files were asked of its option 54 address, the DHCP server itself, which failed: ISC dhcpd without
     * {@code next-server} does this.
     */
    private static Optional<Finding> onlyOption54(DhcpAnswer boot, Inet4Address asked) {
        DhcpPacket p = boot.packet();
        if (!p.siaddr().isAnyLocalAddress() || p.options().text(DhcpPacket.TFTP_SERVER).isPresent())
            return Optional.empty();
        return Optional.of(Finding.fail("no-tftp-server", "the boot answer from %s names no TFTP server (siaddr "
                + "0.0.0.0, no option 66), so its files were asked of its server identifier %s, which did not serve "
                + "them: set next-server (siaddr) and option 66 to the TFTP server", boot.server(),
                asked.getHostAddress()));
    }

    private static boolean boots(List<Finding> findings) {
        return findings.stream().noneMatch(f -> f.severity() == Finding.Severity.FAIL);
    }

    private static List<DhcpAnswer> discover(Settings s, List<Finding> findings) throws IOException {
        String mac = s.chaddr();
        PiGuid guid = PiGuid.of(s.model().fourcc, s.model().revision, mac, s.serial());
        long xid = new SecureRandom().nextInt() & 0xffff_ffffL;
        DhcpPacket pi = PiFacts.discover(xid, mac, guid);
        Optional<Inet4Address> source = address(s.iface());
        // --server: as a relay agent, the DISCOVER goes from port 67 with giaddr (and hops 1) set to our address, the
        // answers come back by unicast to giaddr:67 (RFC 1542 §4.1)
        Optional<Inet4Address> relay = s.server().isEmpty() ? Optional.empty()
                : Optional.of(source.isPresent() ? source.get() : routeTo(s.server().get()));
        byte[] discover = new DhcpPacket(pi.op(), pi.htype(), relay.isPresent() ? 1 : pi.hops(), xid, 0,
                DhcpPacket.BROADCAST_FLAG, pi.ciaddr(), pi.yiaddr(), pi.siaddr(), relay.orElse(pi.giaddr()), mac, "", "",
                pi.options()).encode();
        InetSocketAddress to = new InetSocketAddress(s.server().map(InetAddress.class::cast)
                .orElse(InetAddress.getByAddress(new byte[] {-1, -1, -1, -1})), SERVER_PORT);
        List<DhcpAnswer> answers = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        try (DatagramSocket socket = relay.isPresent() ? bind(relay.get(), SERVER_PORT)
                : bind(InetAddress.getByAddress(new byte[4]), CLIENT_PORT);
             DatagramSocket sender = source.isPresent() && relay.isEmpty() ? bind(source.get(), CLIENT_PORT) : null) {
            long end = System.nanoTime() + s.window().toNanos();
            while (System.nanoTime() < end) {
                // again each second, as the bootloader retries
                (sender != null ? sender : socket).send(new DatagramPacket(discover, discover.length, to));
                long again = Math.min(end, System.nanoTime() + 1_000_000_000L);
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                while (System.nanoTime() < again) {
                    socket.setSoTimeout((int) Math.max(1, (again - System.nanoTime()) / 1_000_000));
                    packet.setLength(2048);
                    try {
                        socket.receive(packet);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    String from = packet.getAddress().getHostAddress() + ":" + packet.getPort();
                    read(from, Arrays.copyOf(packet.getData(), packet.getLength()), xid, findings).ifPresent(a -> {
                        DhcpPacket p = a.packet();
                        String key = from + " " + p.options().address(DhcpPacket.SERVER_ID)
                                .map(Inet4Address::getHostAddress).orElse("") + " " + p.messageType().orElse(0);
                        if (seen.add(key)) answers.add(a);
                    });
                }
            }
            for (DhcpAnswer a : answers) release(socket, a, xid, mac);
        }
        return answers;
    }

    /**
     * One datagram that came to port 68: an answer to {@code xid}, or empty (another client's answer, a request);
     * one that is not DHCP at all (truncated, fuzzed) adds a {@code malformed-answer} finding, once per sender.
     */
    static Optional<DhcpAnswer> read(String from, byte[] bytes, long xid, List<Finding> findings) {
        DhcpPacket p;
        try {
            p = DhcpPacket.decode(from, bytes);
        } catch (EepromException e) {
            if (findings.stream().noneMatch(f -> f.code().equals("malformed-answer") && f.message().startsWith(from + " ")))
                findings.add(Finding.warn("malformed-answer", "%s sent a datagram a Pi cannot read as DHCP: %s", from,
                        e.getMessage()));
            return Optional.empty();
        }
        return p.op() == DhcpPacket.BOOTREPLY && p.xid() == xid ? Optional.of(new DhcpAnswer(from, p)) : Optional.empty();
    }

    /** A DHCPRELEASE of an offered address to the server that offered it (RFC 2131 §4.4.6). */
    private static void release(DatagramSocket socket, DhcpAnswer a, long xid, String mac) throws IOException {
        DhcpPacket p = a.packet();
        Optional<Inet4Address> server = p.options().address(DhcpPacket.SERVER_ID);
        if (p.yiaddr().isAnyLocalAddress() || server.isEmpty()) return;
        DhcpOptions options = DhcpOptions.of().with(DhcpPacket.MESSAGE_TYPE, new byte[] {DhcpPacket.RELEASE})
                .with(DhcpPacket.SERVER_ID, server.get());
        byte[] release = new DhcpPacket(DhcpPacket.BOOTREQUEST, 1, 0, xid, 0, 0, p.yiaddr(), p.giaddr(), p.giaddr(),
                p.giaddr(), mac, "", "", options).encode();
        socket.send(new DatagramPacket(release, release.length, new InetSocketAddress(server.get(), SERVER_PORT)));
    }

    /**
     * Port 68 (67 as a relay agent) on {@code local}: 0.0.0.0 receives the broadcast answers; an interface's address
     * sends out of that interface (Linux routes a limited broadcast by its source address; Java cannot bind a socket
     * to a device).
     */
    private static DatagramSocket bind(InetAddress local, int port) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.setBroadcast(true);
            socket.bind(new InetSocketAddress(local, port));
            return socket;
        } catch (BindException e) {
            socket.close();
            if (port == SERVER_PORT) throw EepromException.in("udp/67", "cannot bind the relay agent port 67 on %s "
                    + "(%s): run as root or with CAP_NET_BIND_SERVICE, and stop any DHCP server or relay holding it",
                    local.getHostAddress(), e.getMessage());
            throw EepromException.in("udp/68", "cannot bind the DHCP client port 68 (%s): run as root or with "
                    + "CAP_NET_BIND_SERVICE, and stop any DHCP client holding it, or use --tftp-only", e.getMessage());
        }
    }

    /** The address this host sends from to reach {@code server}: the relay agent's giaddr. */
    private static Inet4Address routeTo(Inet4Address server) throws IOException {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(server, SERVER_PORT);                  // no datagram: the kernel picks the route and source
            if (probe.getLocalAddress() instanceof Inet4Address a && !a.isAnyLocalAddress()) return a;
        }
        throw EepromException.in(server.getHostAddress(), "no route to this DHCP server: give --interface");
    }

    /** The IPv4 address of {@code iface}, the source that makes Linux send a 255.255.255.255 broadcast out of it. */
    private static Optional<Inet4Address> address(Optional<String> iface) throws IOException {
        if (iface.isEmpty()) return Optional.empty();
        NetworkInterface nif = NetworkInterface.getByName(iface.get());
        if (nif == null) throw EepromException.in(iface.get(), "no such network interface");
        return nif.inetAddresses().filter(a -> a instanceof Inet4Address).map(Inet4Address.class::cast).findFirst();
    }
}
