package io.github.pieeprom.bootconf;

import static io.github.pieeprom.bootconf.ValueType.BOOL;
import static io.github.pieeprom.bootconf.ValueType.HEX;
import static io.github.pieeprom.bootconf.ValueType.INT;
import static io.github.pieeprom.bootconf.ValueType.IPV4;
import static io.github.pieeprom.bootconf.ValueType.STRING;

import io.github.pieeprom.Soc;
import io.github.pieeprom.bootconf.Property.Status;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every property the Pi 4 / Pi 5 EEPROM bootloader reads from {@code bootconf.txt}, with type, range, default and
 * meaning (from the Raspberry Pi bootloader documentation and release notes), plus removed names that old configs
 * still carry.
 * <pre>
 * Catalogue.get("BOOT_ORDER").map(Property::defaultValue)    // Optional[0xf41]
 * </pre>
 */
public final class Catalogue {
    private static final Set<Soc> BOTH = Set.of(Soc.BCM2711, Soc.BCM2712);
    private static final Set<Soc> PI4 = Set.of(Soc.BCM2711);
    private static final Set<Soc> PI5 = Set.of(Soc.BCM2712);
    private static final long U32 = 0xffff_ffffL;

    private static final Map<String, Property> PROPERTIES = table(
            bool("BOOT_UART", BOTH, "0", "Bootloader debug log on the UART (GPIO 14/15); Pi 5 images ship 1"),
            choice("UART_BAUD", PI5, "115200", "Baud rate of the bootloader UART",
                    9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600),
            choice("WAKE_ON_GPIO", PI4, "1", "Halt in a low-power state woken by GPIO3/GLOBAL_EN; 2 = Pi 400 button",
                    0, 1, 2),
            bool("POWER_OFF_ON_HALT", BOTH, "0",
                    "With WAKE_ON_GPIO=0, halt switches the power off (Pi 5: standby); 1 on CM5 and keyboard models"),
            bool("WAIT_FOR_POWER_BUTTON", PI5, "0", "After power loss wait for the power button (needs POWER_OFF_ON_HALT=1)"),
            new Property("BOOT_ORDER", BOTH, ValueType.BOOT_ORDER, 0, 0, List.of(), BootOrder.DEFAULT, Status.CURRENT,
                    "Boot modes, tried from the lowest nibble up (read right to left)"),
            integer("BOOT_WATCHDOG_TIMEOUT", BOTH, 0, U32, "0", "Reset if the OS has not started within N seconds; 0 = off"),
            integer("BOOT_WATCHDOG_PARTITION", BOTH, 0, U32, "0", "Partition to boot after a bootloader watchdog reset"),
            integer("MAX_RESTARTS", BOTH, -1, U32, "-1", "RESTART (0xf) loops before a watchdog reset; -1 = forever"),
            bool("REBOOT_ON_FATAL_ERROR", BOTH, "1", "Show a fatal error pattern 3 times, then reset; 0 = show it forever"),
            integer("SD_BOOT_MAX_RETRIES", BOTH, -1, U32, "0", "Extra SD card attempts before the next mode; -1 = forever"),
            bool("SD_OVERCURRENT_CHECK", BOTH, "1", "Refuse to boot on SD power overcurrent; 0 = only warn"),
            hex("SD_QUIRKS", "0", U32, "SD card workarounds; 0x1 disables high speed (12.5 MHz)"),
            integer("NET_BOOT_MAX_RETRIES", BOTH, -1, U32, "0", "Extra network boot attempts before the next mode; -1 = forever"),
            integer("DHCP_TIMEOUT", BOTH, 5000, U32, "45000", "Timeout of a whole DHCP exchange, ms"),
            integer("DHCP_REQ_TIMEOUT", BOTH, 500, U32, "4000", "Delay before a DHCP DISCOVER/REQUEST is sent again, ms"),
            integer("TFTP_FILE_TIMEOUT", BOTH, 5000, U32, "30000", "Timeout for downloading one file over TFTP, ms"),
            text("TFTP_IP", IPV4, 0, "", "TFTP server address, instead of the one from DHCP; needed for a static IP"),
            choice("TFTP_PREFIX", BOTH, "0", "TFTP folder: 0 serial number, 1 TFTP_PREFIX_STR, 2 MAC address", 0, 1, 2),
            text("TFTP_PREFIX_STR", STRING, 32, "", "TFTP folder used with TFTP_PREFIX=1, such as tftp_test/"),
            text("PXE_OPTION43", STRING, 0, "Raspberry Pi Boot", "PXE menu text matched in DHCP option 43"),
            hex("DHCP_OPTION97", "0x34695052", U32, "First 4 bytes of the DHCP client GUID (option 97); 0 = legacy"),
            text("MAC_ADDRESS", ValueType.MAC, 0, "", "Ethernet MAC address to use instead of the board's"),
            text("MAC_ADDRESS_OTP", ValueType.OTP_ROWS, 0, "", "Take the MAC address from two customer OTP rows, A,B"),
            text("CLIENT_IP", IPV4, 0, "", "Static client IP; with SUBNET and TFTP_IP set, DHCP is skipped"),
            text("SUBNET", IPV4, 0, "", "Subnet mask for a static IP"),
            text("GATEWAY", IPV4, 0, "", "Gateway for a static IP; not needed when TFTP_IP is on the same subnet"),
            bool("DISABLE_HDMI", BOTH, "0", "No HDMI boot diagnostics screen (also no network install)"),
            integer("HDMI_DELAY", BOTH, 0, U32, "5", "Show the diagnostics screen only after N seconds"),
            bool("ENABLE_SELF_UPDATE", BOTH, "1", "Let the bootloader flash pieeprom.upd found on the boot file system"),
            bool("FREEZE_VERSION", BOTH, "0", "Block automatic updates and bootloader self-update"),
            text("HTTP_HOST", ValueType.HOST, 0, "fw-download-alias1.raspberrypi.com",
                    "Server for boot.img/boot.sig (network install, HTTP boot); a custom host means plain HTTP"),
            integer("HTTP_PORT", BOTH, 1, 65535, "443", "Port for network install and HTTP boot (80 without HTTPS)"),
            text("HTTP_PATH", STRING, 0, "net_install", "URL path of boot.img; used only with HTTP_HOST"),
            text("HTTP_CACERT_HASH", ValueType.SHA256, 0, "", "SHA-256 of cacert.der in the image: HTTPS to HTTP_HOST"),
            text("IMAGER_REPO_URL", STRING, 0, "", "OS list (JSON) for the network-install Imager"),
            bool("NET_INSTALL_ENABLED", BOTH, "1", "Offer network install when a keyboard is found; 0 on Compute Modules"),
            bool("NET_INSTALL_AT_POWER_ON", BOTH, "0", "Show the network install screen briefly at power on; images set 1"),
            integer("NET_INSTALL_KEYBOARD_WAIT", BOTH, 0, U32, "900", "How long to look for a keyboard, ms; 0 = no wait"),
            text("NETCONSOLE", ValueType.NETCONSOLE, 32, "", "Copy the boot log to UDP: src_port@src_ip/dev,dst_port@dst_ip/mac"),
            integer("PARTITION", BOTH, 0, U32, "0", "Partition to boot unless reboot N or autoboot.txt says otherwise"),
            bool("PARTITION_WALK", BOTH, "1", "Try the other partitions (up to 8) if the one asked for is not bootable"),
            integer("BOOTVAR0", BOTH, 0, U32, "0", "Value of bootvar0 for config.txt expression filters"),
            bool("PCIE_PROBE", PI5, "0", "Look for NVMe on PCIe x1 on boards that are not HAT+ designs"),
            integer("PSU_MAX_CURRENT", PI5, 0, U32, "", "Assume a power supply of this many mA, skip USB-PD"),
            text("USB_MSD_EXCLUDE_VID_PID", ValueType.VID_PID_LIST, 0, "", "USB devices to ignore, VVVVPPPP hex"),
            integer("USB_MSD_DISCOVER_TIMEOUT", BOTH, 5000, U32, "20000", "Leave USB mass storage mode if no device is found, ms"),
            integer("USB_MSD_LUN_TIMEOUT", BOTH, 100, U32, "2000", "Wait before the next LUN, ms"),
            integer("USB_MSD_PWR_OFF_TIME", PI4, 0, 5000, "1000", "USB port power-off time at reboot, ms"),
            integer("USB_MSD_STARTUP_DELAY", BOTH, 0, 30000, "0", "Delay USB enumeration after the host controller starts, ms"),
            bool("VL805", PI4, "0", "CM4: load the embedded VL805 firmware into an external VL805 controller"),
            hex("XHCI_DEBUG", "0x0", 0x7f, "USB debug log bits: 0x1 descriptors ... 0x40 events"),
            integer("SDRAM_BANKLOW", BOTH, 0, 4, "", "SDRAM bank mapping (unset: 3 on 2711, 1 on 2712)"),
            bool("USE_IPV6", PI4, "0", "Experimental network boot over IPv6"),
            bool("SIGNED_BOOT", BOTH, "0", "Boot only a signed boot.img/boot.sig"),
            new Property("USB_MSD_BOOT_MAX_RETRIES", PI4, INT, -1, U32, List.of(), "", Status.REMOVED,
                    "removed in 2020: USB mass storage has no retry counter, it uses USB_MSD_DISCOVER_TIMEOUT"));

    /** Names people write that are no property, and what they meant (BOOTCONF.md §5 and §9). */
    private static final Map<String, List<String>> MISTAKES = Map.of(
            "MAX_RETRIES", List.of("NET_BOOT_MAX_RETRIES", "SD_BOOT_MAX_RETRIES", "MAX_RESTARTS"),
            "TFTP_TIMEOUT", List.of("TFTP_FILE_TIMEOUT"),
            "HDMI_DISABLE", List.of("DISABLE_HDMI"),
            "SELF_UPDATE", List.of("ENABLE_SELF_UPDATE"));       // the 2020-03 release notes' name; no release reads it

    /**
     * Documented properties that programs other than the bootloader read from its config, so they mean something
     * even where the bootloader's own table lacks them: {@code FREEZE_VERSION} is read by {@code rpi-eeprom-update}
     * (and by the bootloader from 2020-05-15; Raspberry Pi's 2019 configs set it), {@code IMAGER_REPO_URL} by the
     * network-install Imager.
     */
    static final Map<String, String> READ_BY_OTHERS = Map.of("FREEZE_VERSION", "rpi-eeprom-update",
            "IMAGER_REPO_URL", "the network-install Imager");

    /** Settings of the OS {@code config.txt} (read by recovery.bin or the firmware), not of the bootloader. */
    static final Set<String> CONFIG_TXT_ONLY = Set.of("program_pubkey", "revoke_devkey", "program_rpiboot_gpio",
            "program_jtag_lock", "erase_eeprom", "eeprom_write_protect", "bootloader_update", "boot_ramdisk",
            "boot_load_flags", "uart_2ndstage", "set_reboot_order", "set_reboot_arg1");

    private Catalogue() {
    }

    /**
     * A property's default on one board, where the documentation gives board-specific ones: {@code NET_INSTALL_ENABLED}
     * is 0 "on Compute Modules since CM4 (including CM4S)", {@code POWER_OFF_ON_HALT} 1 "on Compute Modules since CM5
     * and Keyboard models".
     */
    public static String defaultOn(Property property, Board board) {
        return switch (property.name()) {
            case "NET_INSTALL_ENABLED" -> board.isComputeModule() ? "0" : property.defaultValue();
            case "POWER_OFF_ON_HALT" -> board == Board.CM5 || board.isKeyboard() ? "1" : property.defaultValue();
            default -> property.defaultValue();
        };
    }

    public static Optional<Property> get(String name) {
        return Optional.ofNullable(PROPERTIES.get(name));
    }

    /** Every property, current ones first in the order of the documentation. */
    public static Collection<Property> all() {
        return PROPERTIES.values();
    }

    /**
     * The property a user most likely means by {@code name}: itself, its upper-case spelling, or, for a
     * {@code MAX_RETRIES} written while setting up a boot mode, that mode's retry counter.
     * <pre>
     * Catalogue.resolve("MAX_RETRIES", BootMode.NETWORK)   // NET_BOOT_MAX_RETRIES
     * </pre>
     */
    static Optional<Property> resolve(String name, BootMode context) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("MAX_RETRIES")) return switch (context) {
            case NETWORK -> get("NET_BOOT_MAX_RETRIES");
            case SD_CARD, SD_CARD_DETECT -> get("SD_BOOT_MAX_RETRIES");
            default -> Optional.empty();
        };
        return get(upper).filter(p -> p.status() != Status.REMOVED);
    }

    /**
     * Names a mistyped name probably meant, best first; empty if none is close. The candidates are the current
     * documented properties and the names the newest releases read ({@link PropertyHistory}), itself excluded.
     */
    public static List<String> suggestions(String name) {
        List<String> known = MISTAKES.get(name.toUpperCase(Locale.ROOT));
        if (known != null) return known;
        String upper = name.toUpperCase(Locale.ROOT);
        int limit = Math.max(2, upper.length() / 4);
        // a distance is at least the difference in length: most candidates are ruled out without the table
        return Candidates.NAMES.stream().filter(n -> !n.equals(name) && (n.endsWith("_" + upper)
                        || Math.abs(n.length() - upper.length()) <= limit && distance(n, upper) <= limit))
                .sorted((a, b) -> Integer.compare(distance(a, upper), distance(b, upper))).limit(3).toList();
    }

    /**
     * The names {@link #suggestions} offers, in name order: gathered once, at the first mistyped name, not once per
     * name (a config of thousands of unknown names spent most of its validation here).
     */
    private static final class Candidates {
        static final List<String> NAMES = gather();

        private static List<String> gather() {
            Set<String> names = new TreeSet<>();
            for (Property p : PROPERTIES.values()) if (p.status() == Status.CURRENT) names.add(p.name());
            for (String n : PropertyHistory.names())
                for (Soc soc : Soc.values()) if (PropertyHistory.isCurrent(n, soc)) names.add(n);
            return List.copyOf(names);
        }
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++)
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        return d[a.length()][b.length()];
    }

    private static Map<String, Property> table(Property... properties) {
        Map<String, Property> table = new LinkedHashMap<>();
        for (Property p : properties)
            if (table.put(p.name(), p) != null) throw new IllegalStateException("listed twice: " + p.name());
        return Collections.unmodifiableMap(table);
    }

    private static Property bool(String name, Set<Soc> socs, String defaultValue, String meaning) {
        return new Property(name, socs, BOOL, 0, 1, List.of(0L, 1L), defaultValue, Status.CURRENT, meaning);
    }

    private static Property choice(String name, Set<Soc> socs, String defaultValue, String meaning, long... values) {
        return new Property(name, socs, INT, 0, 0, Arrays.stream(values).boxed().toList(), defaultValue,
                Status.CURRENT, meaning);
    }

    private static Property integer(String name, Set<Soc> socs, long min, long max, String defaultValue,
            String meaning) {
        return new Property(name, socs, INT, min, max, List.of(), defaultValue, Status.CURRENT, meaning);
    }

    private static Property hex(String name, String defaultValue, long max, String meaning) {
        return new Property(name, BOTH, HEX, 0, max, List.of(), defaultValue, Status.CURRENT, meaning);
    }

    private static Property text(String name, ValueType type, int maxLength, String defaultValue, String meaning) {
        return new Property(name, BOTH, type, 0, maxLength, List.of(), defaultValue, Status.CURRENT, meaning);
    }
}
