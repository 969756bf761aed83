package io.github.pieeprom.bootconf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.Section;
import io.github.pieeprom.image.SectionKind;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.FirmwareSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The property names read from each real image's boot code. The facts come from a sweep of every release's firmware
 * (issue 18; BOOTCONF.md): each is checked here against the real images in ../shared/conformance, so a rule that
 * missed a name, or took another string for one, fails.
 */
class PropertyTableTest {
    private static final Pattern RELEASE = Pattern.compile("(2711|2712)-pieeprom-(\\d{4}-\\d{2}-\\d{2})\\.bin");

    /** A real release image with its SoC, release date and table. */
    record Release(Path path, Soc soc, LocalDate date, PropertyTable table) {
    }

    private static List<Release> releases;

    @BeforeAll
    static void readEveryRelease() {
        releases = new ArrayList<>();
        for (Path path : Conformance.images()) {
            Matcher m = RELEASE.matcher(path.getFileName().toString());
            if (!m.matches()) continue;
            EepromImage image = read(path);
            releases.add(new Release(path, image.soc(), LocalDate.parse(m.group(2)), PropertyTable.of(image)));
        }
        assertThat(releases).hasSizeGreaterThan(90);
    }

    private static EepromImage read(Path path) {
        try {
            return ImageFiles.read(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every release of {@code soc} from {@code from} on reads the name, and no earlier one. */
    private static void readSince(String name, Soc soc, String from) {
        readBetween(name, soc, from, "9999-12-31");
    }

    /** Exactly the releases of {@code soc} from {@code from} to {@code to} read the name. */
    private static void readBetween(String name, Soc soc, String from, String to) {
        LocalDate first = LocalDate.parse(from), last = LocalDate.parse(to);
        int reading = 0;
        for (Release r : releases) {
            if (r.soc() != soc) continue;
            boolean expected = !r.date().isBefore(first) && !r.date().isAfter(last);
            assertThat(r.table().reads(name)).as(name + " in " + r.path().getFileName()).isEqualTo(expected);
            if (expected) reading++;
        }
        assertThat(reading).as("releases that read " + name).isPositive();
    }

    private static void readByEvery(String name, Soc soc) {
        readSince(name, soc, "0000-01-01");
    }

    private static void readByNone(String name, Soc soc) {
        for (Release r : releases)
            if (r.soc() == soc) assertThat(r.table().reads(name)).as(name + " in " + r.path().getFileName()).isFalse();
    }

    @Test
    void bootOrderIsReadFromThe2019_09_23ReleaseAndTheFirstReleasesReadOnlyThreeNames() {
        readSince("BOOT_ORDER", Soc.BCM2711, "2019-09-23");
        readByEvery("BOOT_ORDER", Soc.BCM2712);
        readByEvery("BOOT_UART", Soc.BCM2711);
        assertThat(PropertyTable.of(read(Conformance.file("firmware/2711-pieeprom-2019-07-15.bin"))).names())
                .containsExactly("BOOT_UART", "POWER_OFF_ON_HALT", "WAKE_ON_GPIO");
    }

    @Test
    void theNamesOfTheIssuesFalsePositivesAreReadWhereTheSweepFoundThem() {
        readSince("DNS_IP", Soc.BCM2711, "2022-02-04");
        readByEvery("DNS_IP", Soc.BCM2712);
        for (String name : List.of("USB_DEV_BOOT_MAX_RETRIES", "USB_DEV_FILE_TIMEOUT")) {
            readSince(name, Soc.BCM2711, "2020-03-04");
            readByEvery(name, Soc.BCM2712);
        }
        readSince("NVME_CONTROLLER", Soc.BCM2711, "2024-05-01");
        readSince("NVME_CONTROLLER", Soc.BCM2712, "2024-05-01");
        readSince("BOOT_MENU_OPTIONS", Soc.BCM2711, "2024-10-10");
        readSince("BOOT_MENU_OPTIONS", Soc.BCM2712, "2024-10-10");
        readSince("BOOT_MENU_ENABLED", Soc.BCM2712, "2026-08-12");
        readByNone("BOOT_MENU_ENABLED", Soc.BCM2711);
        readBetween("NET_CONSOLE", Soc.BCM2711, "2019-09-23", "2020-04-16");
        readBetween("SKIP_FW_CHECK", Soc.BCM2711, "2020-03-01", "2020-04-30");
        readByEvery("WAKE_ON_GPIO", Soc.BCM2712);
        for (String name : List.of("UART_BAUD", "PSU_MAX_CURRENT")) {
            readSince(name, Soc.BCM2711, "2024-04-16");
            readByEvery(name, Soc.BCM2712);
        }
        readSince("WAIT_FOR_POWER_BUTTON", Soc.BCM2711, "2025-02-11");
        readSince("WAIT_FOR_POWER_BUTTON", Soc.BCM2712, "2025-01-13");
        for (String name : List.of("USB_MSD_PWR_OFF_TIME", "VL805", "USE_IPV6")) readByEvery(name, Soc.BCM2712);
    }

    @Test
    void theFirstReleasesThatReadEachNameAreTheSweepsDates() {
        readSince("ENABLE_SELF_UPDATE", Soc.BCM2711, "2020-03-04");
        for (String name : List.of("USB_MSD_LUN_TIMEOUT", "FREEZE_VERSION", "MAX_RESTARTS", "NETCONSOLE",
                "USB_MSD_DISCOVER_TIMEOUT", "USB_MSD_EXCLUDE_VID_PID", "XHCI_DEBUG"))
            readSince(name, Soc.BCM2711, "2020-05-15");
        readSince("USB_MSD_PWR_OFF_TIME", Soc.BCM2711, "2020-06-12");
        readSince("NET_INSTALL_KEYBOARD_WAIT", Soc.BCM2711, "2022-02-28");
        readSince("VL805", Soc.BCM2711, "2021-02-16");
        readSince("USE_IPV6", Soc.BCM2711, "2021-09-23");
        readByNone("SELF_UPDATE", Soc.BCM2711);
        readByNone("SELF_UPDATE", Soc.BCM2712);
    }

    @Test
    void aWholeTableIsReadAndTheStringsAroundItAreNot() {
        // the lists as `strings` shows them in these images' bootcode; in 2020-05-15 the Ethernet counter names
        // (GR64, GR127, ..., GTUC) follow GATEWAY in the same run of strings
        assertThat(PropertyTable.of(read(Conformance.file("firmware/2711-pieeprom-2020-05-15.bin"))).names())
                .containsExactlyInAnyOrder("DHCP_OPTION97", "XHCI_DEBUG", "NETCONSOLE", "ENABLE_SELF_UPDATE",
                        "BOOT_UART", "WAKE_ON_GPIO", "POWER_OFF_ON_HALT", "NET_BOOT_MAX_RETRIES", "SD_BOOT_MAX_RETRIES",
                        "USB_DEV_BOOT_MAX_RETRIES", "USB_DEV_FILE_TIMEOUT", "USB_MSD_BOOT_MAX_RETRIES",
                        "USB_MSD_DISCOVER_TIMEOUT", "USB_MSD_LUN_TIMEOUT", "USB_MSD_EXCLUDE_VID_PID", "DHCP_TIMEOUT",
                        "DHCP_REQ_TIMEOUT", "TFTP_FILE_TIMEOUT", "PXE_OPTION43", "BOOT_ORDER", "MAX_RESTARTS",
                        "TFTP_PREFIX", "TFTP_PREFIX_STR", "MAC_ADDRESS", "DISABLE_HDMI", "CLIENT_IP",
                        "FREEZE_VERSION", "TFTP_IP", "SUBNET", "GATEWAY");
        // TFTP_IP starts that image's second table right after data bytes ("...OlB{B"), on a 4-byte boundary
        assertThat(PropertyTable.of(read(Conformance.file("firmware/2711-pieeprom-2022-02-04.bin"))).names())
                .containsExactlyInAnyOrder("DHCP_OPTION97", "XHCI_DEBUG", "NETCONSOLE", "ENABLE_SELF_UPDATE",
                        "USB_MSD_PWR_OFF_TIME", "HDMI_DELAY", "SD_BOOT_MAX_RETRIES", "NET_INSTALL_ENABLED",
                        "BOOT_UART", "WAKE_ON_GPIO", "POWER_OFF_ON_HALT", "NET_BOOT_MAX_RETRIES",
                        "USB_DEV_BOOT_MAX_RETRIES", "USB_DEV_FILE_TIMEOUT", "USB_MSD_STARTUP_DELAY",
                        "USB_MSD_DISCOVER_TIMEOUT", "USB_MSD_LUN_TIMEOUT", "USB_MSD_EXCLUDE_VID_PID", "DHCP_TIMEOUT",
                        "DHCP_REQ_TIMEOUT", "TFTP_FILE_TIMEOUT", "PXE_OPTION43", "BOOT_ORDER", "MAX_RESTARTS",
                        "TFTP_PREFIX", "TFTP_PREFIX_STR", "MAC_ADDRESS", "DISABLE_HDMI", "CLIENT_IP",
                        "FREEZE_VERSION", "SIGNED_BOOT", "USE_IPV6", "PARTITION", "TFTP_IP", "SUBNET", "GATEWAY",
                        "DNS_IP", "VL805");
    }

    @Test
    void anAbImageIsReadFromItsBootsysAndItsBuildDateIsKnown() {
        PropertyTable table = PropertyTable.of(read(Conformance.file("firmware/2712-pieeprom-2026-08-12.bin")));
        assertThat(table.soc()).isEqualTo(Soc.BCM2712);
        assertThat(table.built()).hasValue(LocalDate.of(2026, 8, 12));
        assertThat(table.names()).contains("BOOT_MENU_ENABLED", "REBOOT_ON_FATAL_ERROR", "SDRAM_BANKLOW", "DNS_IP")
                .hasSize(60);
    }

    @Test
    void inEveryLz4ImageBootmainNamesNothingTheBootCodeDoesNot() {
        int lz4 = 0;
        for (Release r : releases) {
            EepromImage image = read(r.path());
            for (Section s : image.sections()) {
                if (s.kind() != SectionKind.LZ4 || !s.name().equals("bootmain")) continue;
                lz4++;
                assertThat(r.table().names()).as(r.path().getFileName().toString())
                        .containsAll(PropertyTable.scan(image.decompress(s)));
            }
        }
        assertThat(lz4).isGreaterThanOrEqualTo(8);
    }

    @Test
    void anImageWithoutATableIsNotKnown() {
        for (byte[] sample : FirmwareSamples.all().values())
            assertThat(PropertyTable.of(EepromImage.parse("synthetic.bin", sample)).isKnown()).isFalse();
    }
}
