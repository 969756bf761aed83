package io.github.pieeprom.netboot.boot;

import io.github.pieeprom.netboot.dhcp.DhcpPacket;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.netboot.dhcp.PiGuid;
import io.github.pieeprom.netboot.dhcp.PxeMenu;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The boot storm of bench/boot-storm.sh: N virtual Pi 4s at once from one network namespace, each with its own MAC
 * (in chaddr), option 97 and serial; each does the DHCP exchange ({@link VirtualPi}'s messages), adds the address it
 * got to the interface, then fetches the Pi 4 files from its folder with blksize 1468 and tsize from that address.
 * Prints one line per board ({@code board SERIAL ms BYTES}) and the totals.
 * <pre>
 * java ... BootStorm IFACE COUNT PREFIX_LEN [TFTP_VIA]
 * </pre>
 * With {@code TFTP_VIA} (an address) the files are fetched from there instead of the boot server the proxy named: a
 * {@code netboot.tftp.LossyRelay} in front of it.
 */
public final class BootStorm {
    public static void main(String[] args) throws Exception {
        String iface = args[0];
        int count = Integer.parseInt(args[1]), prefixLength = Integer.parseInt(args[2]);
        Inet4Address via = args.length > 3 ? (Inet4Address) java.net.InetAddress.getByName(args[3]) : null;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(count);
        List<Future<long[]>> boards = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            boards.add(pool.submit(() -> boot(iface, n, prefixLength, start, via)));
        }
        long slowest = 0, bytes = 0;
        int failed = 0;
        for (Future<long[]> f : boards) {
            try {
                long[] r = f.get();
                slowest = Math.max(slowest, r[0]);
                bytes += r[1];
            } catch (Exception e) {
                failed++;
                System.out.println("failed " + e.getCause());
            }
        }
        pool.shutdown();
        double all = (System.nanoTime() - start) / 1e6;
        System.out.printf("total boards %d failed %d all-booted-ms %.0f slowest-ms %d bytes %d MBps %.1f%n", count, failed,
                all, slowest, bytes, bytes / 1e6 / (all / 1000));
        System.exit(failed == 0 ? 0 : 1);
    }

    private static long[] boot(String iface, int n, int prefixLength, long start, Inet4Address via)
            throws Exception {
        String mac = "dc:a6:32:%02x:%02x:%02x".formatted(n >> 16 & 0xff, n >> 8 & 0xff, n & 0xff);
        String serial = "%08x".formatted(0x5a000000 + n);
        PiGuid guid = PiGuid.of(PiFacts.FOURCC_PI4, 0xc03111, mac, serial);
        long xid = 0x10000000L + n;
        DhcpPacket addressOffer = null, bootOffer = null;
        try (DatagramSocket dhcp = new DatagramSocket(null)) {
            dhcp.setReuseAddress(true);
            dhcp.setBroadcast(true);
            dhcp.bind(new InetSocketAddress("0.0.0.0", 68));
            InetSocketAddress servers = new InetSocketAddress("255.255.255.255", 67);
            long end = System.nanoTime() + 60_000_000_000L;
            while ((addressOffer == null || bootOffer == null) && System.nanoTime() < end) {
                VirtualPi.send(dhcp, PiFacts.discover(xid, mac, guid).encode(), servers);
                long again = Math.min(end, System.nanoTime() + 4_000_000_000L);        // DHCP_REQ_TIMEOUT
                while ((addressOffer == null || bootOffer == null) && System.nanoTime() < again) {
                    DhcpPacket p = VirtualPi.receive(dhcp, xid, again);
                    if (p == null || p.messageType().orElse(0) != DhcpPacket.OFFER) continue;
                    if (!p.yiaddr().isAnyLocalAddress()) addressOffer = p;
                    if (p.options().bytes(DhcpPacket.VENDOR_OPTIONS).flatMap(PxeMenu::firstItem).isPresent())
                        bootOffer = p;
                }
            }
            if (addressOffer == null || bootOffer == null) throw new IllegalStateException(serial + ": no offers");
            Inet4Address address = addressOffer.yiaddr();
            byte[] request = PiFacts.request(xid, mac, guid, address, addressOffer.options()
                    .address(DhcpPacket.SERVER_ID).orElseThrow()).encode();
            long end2 = System.nanoTime() + 30_000_000_000L;
            DhcpPacket ack = null;
            while (ack == null && System.nanoTime() < end2) {
                VirtualPi.send(dhcp, request, servers);
                long again = Math.min(end2, System.nanoTime() + 4_000_000_000L);
                while (ack == null && System.nanoTime() < again) {
                    DhcpPacket p = VirtualPi.receive(dhcp, xid, again);
                    if (p != null && p.messageType().orElse(0) == DhcpPacket.ACK) ack = p;
                }
            }
            if (ack == null) throw new IllegalStateException(serial + ": no ACK");
            long dhcpMs = (System.nanoTime() - start) / 1_000_000;
            Process ip = new ProcessBuilder("ip", "addr", "add", address.getHostAddress() + "/" + prefixLength, "dev",
                    iface).inheritIO().start();
            if (ip.waitFor() != 0) throw new IllegalStateException("ip addr add " + address);
            long bytes = 0;
            for (String file : PiFacts.PI4_BOOT_FILES) {
                long got = VirtualPi.fetch(new InetSocketAddress(address, 0), via != null ? via : VirtualPi.bootServer(bootOffer), serial + "/" + file,
                        null);
                if (got < 0) throw new IllegalStateException(serial + "/" + file + ": not found");
                bytes += got;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("board " + serial + " dhcp-ms " + dhcpMs + " booted-ms " + ms + " bytes " + bytes);
            return new long[] {ms, bytes};
        }
    }
}
