package io.github.pieeprom.bootconf;

import io.github.pieeprom.Soc;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The first bootloader release that reads each property, per SoC (release notes and test configs; BOOTCONF.md
 * section 7). Properties older than the first Pi 5 bootloader (2023-09-13) are read by every Pi 5 release.
 * A property with no date here is known to every release of its SoCs.
 * <pre>
 * PropertyHistory.since("REBOOT_ON_FATAL_ERROR", Soc.BCM2711)   // Optional[2026-04-14]
 * </pre>
 */
public final class PropertyHistory {
    private static final LocalDate FIRST_PI5 = LocalDate.of(2023, 9, 13);

    /** 2711 dates (or both SoCs' where the release notes give one date). */
    private static final Map<String, String> SINCE = Map.ofEntries(
            Map.entry("BOOT_UART", "2019-05-10"), Map.entry("WAKE_ON_GPIO", "2019-07-15"),
            Map.entry("POWER_OFF_ON_HALT", "2019-07-15"), Map.entry("WAIT_FOR_POWER_BUTTON", "2025-01-13"),
            Map.entry("BOOT_ORDER", "2019-09-23"), Map.entry("BOOT_WATCHDOG_TIMEOUT", "2025-07-03"),
            Map.entry("BOOT_WATCHDOG_PARTITION", "2025-07-03"), Map.entry("REBOOT_ON_FATAL_ERROR", "2026-04-14"),
            Map.entry("SD_BOOT_MAX_RETRIES", "2019-09-23"), Map.entry("SD_OVERCURRENT_CHECK", "2025-07-03"),
            Map.entry("SD_QUIRKS", "2025-01-06"), Map.entry("NET_BOOT_MAX_RETRIES", "2019-09-23"),
            Map.entry("DHCP_TIMEOUT", "2019-09-23"), Map.entry("DHCP_REQ_TIMEOUT", "2019-09-23"),
            Map.entry("TFTP_FILE_TIMEOUT", "2019-09-23"), Map.entry("TFTP_IP", "2019-09-23"),
            Map.entry("TFTP_PREFIX", "2019-10-08"), Map.entry("TFTP_PREFIX_STR", "2019-10-08"),
            Map.entry("PXE_OPTION43", "2020-03-04"), Map.entry("DHCP_OPTION97", "2020-03-04"),
            Map.entry("MAC_ADDRESS", "2019-11-18"), Map.entry("MAC_ADDRESS_OTP", "2022-11-02"),
            Map.entry("CLIENT_IP", "2020-03-04"), Map.entry("SUBNET", "2020-03-04"), Map.entry("GATEWAY", "2020-03-04"),
            Map.entry("DISABLE_HDMI", "2020-03-04"), Map.entry("HDMI_DELAY", "2020-10-28"),
            Map.entry("ENABLE_SELF_UPDATE", "2020-05-15"), Map.entry("FREEZE_VERSION", "2019-07-15"),
            Map.entry("HTTP_HOST", "2022-02-28"), Map.entry("HTTP_PORT", "2022-02-28"),
            Map.entry("HTTP_PATH", "2022-02-28"), Map.entry("HTTP_CACERT_HASH", "2024-04-17"),
            Map.entry("NET_INSTALL_ENABLED", "2022-02-04"), Map.entry("NET_INSTALL_AT_POWER_ON", "2024-10-10"),
            Map.entry("PARTITION", "2022-02-04"), Map.entry("PARTITION_WALK", "2025-02-11"),
            Map.entry("BOOTVAR0", "2025-07-17"), Map.entry("PCIE_PROBE", "2023-11-20"),
            Map.entry("USB_MSD_LUN_TIMEOUT", "2020-10-28"), Map.entry("USB_MSD_PWR_OFF_TIME", "2020-06-15"),
            Map.entry("USB_MSD_STARTUP_DELAY", "2021-06-11"), Map.entry("SDRAM_BANKLOW", "2024-09-23"),
            Map.entry("USE_IPV6", "2021-09-23"), Map.entry("SIGNED_BOOT", "2021-05-19"));

    /** Where the Pi 5 release notes give another date than the Pi 4 ones. */
    private static final Map<String, String> SINCE_2712 = Map.of(
            "BOOT_WATCHDOG_TIMEOUT", "2025-06-20", "BOOT_WATCHDOG_PARTITION", "2025-06-20",
            "SD_OVERCURRENT_CHECK", "2025-06-29", "PARTITION_WALK", "2025-01-27", "HTTP_CACERT_HASH", "2024-04-05");

    private PropertyHistory() {
    }

    /** The first release of {@code soc} that reads the property; empty when every release of it does. */
    public static Optional<LocalDate> since(String name, Soc soc) {
        String date = soc == Soc.BCM2712 ? SINCE_2712.getOrDefault(name, SINCE.get(name)) : SINCE.get(name);
        if (date == null) return Optional.empty();
        LocalDate since = LocalDate.parse(date);
        return soc == Soc.BCM2712 && !since.isAfter(FIRST_PI5) ? Optional.empty() : Optional.of(since);
    }

    /** Whether a release of {@code soc} built on {@code release} reads the property. */
    public static boolean knows(Property property, Soc soc, LocalDate release) {
        return property.socs().contains(soc) && property.status() != Property.Status.REMOVED
                && since(property.name(), soc).map(s -> !s.isAfter(release)).orElse(true);
    }
}
