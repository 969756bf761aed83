package io.github.pieeprom.netboot.dhcp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What Raspberry Pi 4 and Pi 5 bootloaders send and expect in DHCP, one list for everything that serves or imitates
 * them: the sources for each fact are in docs/dhcp.md.
 * <pre>
 * DhcpPacket discover = PiFacts.discover(0x1234, "dc:a6:32:2e:f8:ed", PiGuid.of("RPi4", 0xa03111, mac, "5b154510"));
 * boolean pi = PiFacts.isPi(discover);                     // true: option 97 begins with RPi4
 * </pre>
 */
public final class PiFacts {
    /** Option 60 of the Pi's DISCOVER (also in the firmware's strings). */
    public static final String VENDOR_CLASS = "PXEClient:Arch:00000:UNDI:002001";
    /** What an answer's option 60 must begin with, and what a boot server sends there. */
    public static final String PXE_CLIENT = "PXEClient";
    /** The boot menu text the bootloader looks for in option 43 ({@code PXE_OPTION43}'s default). */
    public static final String MENU_TEXT = "Raspberry Pi Boot";
    /** Option 97's first four bytes by default: Pi 4 / CM4 / Pi 400, and Pi 5 / CM5 / Pi 500. */
    public static final String FOURCC_PI4 = "RPi4", FOURCC_PI5 = "RPi5";
    /**
     * The IEEE MA-L blocks assigned to the Raspberry Pi companies, which every Pi's Ethernet MAC begins with
     * (Wireshark's manuf, from the IEEE registry): b8:27:eb up to the Pi 3, then the later ones.
     */
    public static final List<String> MAC_PREFIXES = List.of("b8:27:eb", "dc:a6:32", "e4:5f:01", "28:cd:c1",
            "d8:3a:dd", "2c:cf:67");
    /** Option 55 of the Pi's DISCOVER, in its order. */
    public static final List<Integer> REQUESTED_OPTIONS = List.of(1, 3, 43, 60, 66, 67, 128, 129, 130, 131, 132, 133,
            134, 135);
    /** Option 93: client architecture 0 ("x86 BIOS", RFC 4578), sent by every Pi bootloader so far. */
    public static final byte[] CLIENT_ARCH = {0, 0};
    /** Option 94: UNDI, version 2.1. */
    public static final byte[] CLIENT_NDI = {1, 2, 1};
    /**
     * The files a Pi 4 must get, in the order it asks for them (BOOTCONF.md §4.2.1, leaving out the probes it may
     * miss: recovery.elf, dt-blob.bin, the kernels config.txt does not select); the overlays config.txt names come
     * after the device tree's overlay map. The first one, under the serial folder, decides whether the folder exists.
     */
    public static final List<String> PI4_BOOT_FILES = List.of("start4.elf", "config.txt", "fixup4.dat",
            "bcm2711-rpi-4-b.dtb", "overlays/overlay_map.dtb", "cmdline.txt", "kernel8.img");
    private static final Inet4Address ZERO = zero();

    private PiFacts() {
    }

    /** Whether {@code mac} ({@code dc:a6:32:...}, any case, colons or dashes) begins with a Pi prefix. */
    public static boolean hasPiMac(String mac) {
        String m = mac.toLowerCase(Locale.ROOT).replace('-', ':');
        return MAC_PREFIXES.stream().anyMatch(m::startsWith);
    }

    /**
     * Whether a request is a Pi asking to boot: option 60 begins with {@code PXEClient}, and option 97 begins with
     * {@code RPi4} or {@code RPi5} or the MAC with a Pi prefix. Other PXE clients (PCs) and plain DHCP clients are
     * not.
     */
    public static boolean isPi(DhcpPacket request) {
        if (!request.options().text(DhcpPacket.VENDOR_CLASS).orElse("").startsWith(PXE_CLIENT)) return false;
        Optional<PiGuid> guid = request.options().bytes(DhcpPacket.CLIENT_GUID).flatMap(PiGuid::parse);
        boolean fourcc = guid.map(g -> g.fourcc().equals(FOURCC_PI4) || g.fourcc().equals(FOURCC_PI5)).orElse(false);
        return fourcc || request.htype() == 1 && hasPiMac(request.chaddr());
    }

    /**
     * The DISCOVER a Pi bootloader broadcasts, byte for byte as captured (docs/dhcp.md §1): 322 bytes, flags 0,
     * options 53, 55, 93, 94, 97, 60 and the end mark, no padding.
     */
    public static DhcpPacket discover(long xid, String mac, PiGuid guid) {
        DhcpOptions options = DhcpOptions.of().with(DhcpPacket.MESSAGE_TYPE, new byte[] {DhcpPacket.DISCOVER})
                .with(DhcpPacket.PARAMETER_LIST, requestList()).with(DhcpPacket.CLIENT_ARCH, CLIENT_ARCH)
                .with(DhcpPacket.CLIENT_NDI, CLIENT_NDI).with(DhcpPacket.CLIENT_GUID, guid.toBytes())
                .with(DhcpPacket.VENDOR_CLASS, VENDOR_CLASS);
        return new DhcpPacket(DhcpPacket.BOOTREQUEST, 1, 0, xid, 0, 0, ZERO, ZERO, ZERO, ZERO, mac, "", "", options);
    }

    /**
     * The REQUEST that follows: the DISCOVER's options with 50 (the offered address) and 54 (the server that
     * offered it) after 53, and without option 60, which the 2020 bootloader left out of its REQUEST (rpi-eeprom#82;
     * later releases: unknown).
     */
    public static DhcpPacket request(long xid, String mac, PiGuid guid, Inet4Address offered, Inet4Address server) {
        DhcpOptions options = DhcpOptions.of().with(DhcpPacket.MESSAGE_TYPE, new byte[] {DhcpPacket.REQUEST})
                .with(DhcpPacket.REQUESTED_ADDRESS, offered).with(DhcpPacket.SERVER_ID, server)
                .with(DhcpPacket.PARAMETER_LIST, requestList()).with(DhcpPacket.CLIENT_ARCH, CLIENT_ARCH)
                .with(DhcpPacket.CLIENT_NDI, CLIENT_NDI).with(DhcpPacket.CLIENT_GUID, guid.toBytes());
        return new DhcpPacket(DhcpPacket.BOOTREQUEST, 1, 0, xid, 0, 0, ZERO, ZERO, ZERO, ZERO, mac, "", "", options);
    }

    private static byte[] requestList() {
        byte[] list = new byte[REQUESTED_OPTIONS.size()];
        for (int i = 0; i < list.length; i++) list[i] = (byte) (int) REQUESTED_OPTIONS.get(i);
        return list;
    }

    static Inet4Address zero() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
