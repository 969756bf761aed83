package io.github.pieeprom.netboot.boot;

import io.github.pieeprom.netboot.dhcp.DhcpPacket;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.netboot.dhcp.PiGuid;
import io.github.pieeprom.netboot.dhcp.PxeMenu;
import io.github.pieeprom.netboot.probe.Fetched;
import io.github.pieeprom.netboot.probe.PiTftp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A Pi 4 bootloader as far as the network sees it, run by the tests in a network namespace of its own (as root, with
 * `ip` to set the address it was given): it broadcasts the DISCOVER of docs/dhcp.md byte for byte, takes the address
 * from the answer that has one and the boot server from the answer with a PXE menu, REQUESTs the address, then
 * fetches the files a Pi 4 needs in its order (docs/dhcp.md, BOOTCONF.md §4.2.1) with blksize 1468 and tsize,
 * falling back to the root when its folder has no start4.elf, and sends NETCONSOLE lines. Prints what it did, one
 * {@code key value} line each; exit 0 when it got every file.
 * <pre>
 * java ... VirtualPi IFACE MAC SERIAL OUT_DIR NETCONSOLE_PORT      (port 0: no NETCONSOLE lines)
 * java ... VirtualPi netconsole SERVER PORT LINE...               (only these lines, from port 6665)
 * </pre>
 */
public final class VirtualPi {
    /** What it sends over NETCONSOLE, SERIAL replaced by its serial. */
    static final List<String> NETCONSOLE_LINES = List.of("Boot mode: NETWORK (02) order f21",
            "NET_BOOT: SERIAL fetched its files", "Starting start4.elf");

    public static void main(String[] args) throws Exception {
        if (args[0].equals("netconsole")) {
            netconsole((Inet4Address) java.net.InetAddress.getByName(args[1]), Integer.parseInt(args[2]),
                    List.of(args).subList(3, args.length));
            return;
        }
        String iface = args[0], mac = args[1], serial = args[2];
        Path out = Path.of(args[3]);
        int netconsolePort = Integer.parseInt(args[4]);
        PiGuid guid = PiGuid.of(PiFacts.FOURCC_PI4, 0xc03111, mac, serial);
        long xid = new Random().nextInt() & 0xffff_ffffL;
        try (DatagramSocket dhcp = new DatagramSocket(null)) {
            dhcp.setReuseAddress(true);
            dhcp.setBroadcast(true);
            dhcp.bind(new InetSocketAddress("0.0.0.0", 68));
            InetSocketAddress servers = new InetSocketAddress("255.255.255.255", 67);
            DhcpPacket addressOffer = null, bootOffer = null;
            long end = System.nanoTime() + 15_000_000_000L;
            while ((addressOffer == null || bootOffer == null) && System.nanoTime() < end) {
                send(dhcp, PiFacts.discover(xid, mac, guid).encode(), servers);       // again each second, as the
                long again = Math.min(end, System.nanoTime() + 1_000_000_000L);      // bootloader retries
                while ((addressOffer == null || bootOffer == null) && System.nanoTime() < again) {
                    DhcpPacket p = receive(dhcp, xid, again);
                    if (p == null || p.messageType().orElse(0) != DhcpPacket.OFFER) continue;
                    if (!p.yiaddr().isAnyLocalAddress()) addressOffer = p;
                    boolean menu = p.options().text(DhcpPacket.VENDOR_CLASS).orElse("").startsWith(PiFacts.PXE_CLIENT)
                            && p.options().bytes(DhcpPacket.VENDOR_OPTIONS).flatMap(PxeMenu::firstItem)
                            .filter(t -> t.startsWith(PiFacts.MENU_TEXT)).isPresent();
                    if (menu) bootOffer = p;
                }
            }
            if (addressOffer == null || bootOffer == null) {
                System.out.println("failed no " + (addressOffer == null ? "address" : "boot") + " offer");
                System.exit(1);
            }
            Inet4Address address = addressOffer.yiaddr(), dhcpServer = addressOffer.options()
                    .address(DhcpPacket.SERVER_ID).orElseThrow();
            Inet4Address bootServer = bootServer(bootOffer);
            System.out.println("address " + address.getHostAddress());
            System.out.println("dhcp-server " + dhcpServer.getHostAddress());
            System.out.println("boot-server " + bootServer.getHostAddress());
            System.out.println("boot-server-siaddr " + bootOffer.siaddr().getHostAddress());
            System.out.println("boot-server-option54 " + bootOffer.options().address(DhcpPacket.SERVER_ID)
                    .orElseThrow().getHostAddress());
            System.out.println("boot-server-option66 " + bootOffer.options().text(DhcpPacket.TFTP_SERVER).orElse(""));
            send(dhcp, PiFacts.request(xid, mac, guid, address, dhcpServer).encode(), servers);
            DhcpPacket ack = null;
            end = System.nanoTime() + 4_000_000_000L;
            while (ack == null && System.nanoTime() < end) {
                DhcpPacket p = receive(dhcp, xid, end);
                if (p != null && p.messageType().orElse(0) == DhcpPacket.ACK) ack = p;
            }
            if (ack == null) {
                System.out.println("failed no ACK");
                System.exit(1);
            }
            int prefix = ack.options().bytes(DhcpPacket.SUBNET_MASK).map(VirtualPi::prefixLength).orElse(24);
            run("ip", "addr", "add", address.getHostAddress() + "/" + prefix, "dev", iface);
            boolean ok = boot(new InetSocketAddress(bootServer, 69), serial, out);
            if (netconsolePort > 0) netconsole(bootServer, netconsolePort, NETCONSOLE_LINES.stream()
                    .map(l -> l.replace("SERIAL", serial)).toList());
            System.out.println(ok ? "booted" : "failed files");
            System.exit(ok ? 0 : 1);
        }
    }

    /**
     * The files of one boot from the TFTP server at {@code server}, in the Pi 4 order: the folder's start4.elf tells
     * whether the folder exists; then everything from one place. True when every file came.
     */
    public static boolean boot(InetSocketAddress server, String serial, Path out) throws IOException {
        String prefix = serial + "/";
        List<String> files = new ArrayList<>(PiFacts.PI4_BOOT_FILES);
        long first = fetch(server, prefix + files.get(0), out);
        System.out.println("file " + prefix + files.get(0) + " " + first);
        if (first < 0) {
            prefix = "";
            System.out.println("fell-back root");
            files.add(1, files.remove(0));              // the bootloader asks config.txt, then start4.elf, from the root
        }
        boolean ok = true;
        for (String file : prefix.isEmpty() ? files : files.subList(1, files.size())) {
            long bytes = fetch(server, prefix + file, out);
            System.out.println("file " + prefix + file + " " + bytes);
            ok &= bytes >= 0;
        }
        return ok;
    }

    /** One RRQ with blksize and tsize, as the probe makes it; the bytes, or -1 when the server says it has no such file. */
    static long fetch(InetSocketAddress server, String name, Path out) throws IOException {
        return fetch(new InetSocketAddress(0), server, name, out);
    }

    /** The same from a given local address to port 69; {@code out} null: count the bytes, keep none. */
    static long fetch(InetSocketAddress local, Inet4Address server, String name, Path out) throws IOException {
        return fetch(local, new InetSocketAddress(server, 69), name, out);
    }

    private static long fetch(InetSocketAddress local, InetSocketAddress serverPort, String name, Path out)
            throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Fetched f = PiTftp.fetch(local, serverPort, name, out == null ? OutputStream.nullOutputStream() : data);
        if (f.error().isPresent()) throw new IOException(name + ": " + f.error().get());
        if (!f.found()) return -1;
        if (out == null) return f.bytes();
        if (f.oack()) System.out.println("oack " + name);
        Path target = out.resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, data.toByteArray());
        return f.bytes();
    }

    /** Each line in a datagram of its own from port 6665, the bootloader's default NETCONSOLE source port. */
    private static void netconsole(Inet4Address server, int port, List<String> lines) throws IOException {
        try (DatagramSocket udp = new DatagramSocket(6665)) {
            for (String line : lines)
                send(udp, (line + "\n").getBytes(StandardCharsets.US_ASCII), new InetSocketAddress(server, port));
        }
    }

    /** Where the files are: siaddr, or option 54 when siaddr is 0.0.0.0 (dnsmasq's proxy leaves it so). */
    static Inet4Address bootServer(DhcpPacket bootOffer) {
        return bootOffer.siaddr().isAnyLocalAddress() ? bootOffer.options().address(DhcpPacket.SERVER_ID).orElseThrow()
                : bootOffer.siaddr();
    }

    /** The next answer to this xid, or null when the time is up or the datagram is something else. */
    static DhcpPacket receive(DatagramSocket socket, long xid, long endNanos) throws IOException {
        long left = (endNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) return null;
        socket.setSoTimeout((int) left);
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        DhcpPacket p = DhcpPacket.decode(packet.getSocketAddress().toString(),
                java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        return p.op() == DhcpPacket.BOOTREPLY && p.xid() == xid ? p : null;
    }

    static void send(DatagramSocket socket, byte[] bytes, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private static int prefixLength(byte[] mask) {
        int bits = 0;
        for (byte b : mask) bits += Integer.bitCount(b & 0xff);
        return bits;
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (p.waitFor() != 0) throw new IOException(String.join(" ", command) + " failed");
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }
}
