package io.github.pieeprom.bootconf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.Soc;
import io.github.pieeprom.bootconf.PropertyHistory.Range;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed history (generated from every release by tools/property-history.sh) against the real images in
 * ../shared/conformance, the dates the sweep found, and the hand-written {@link Catalogue}.
 */
class PropertyHistoryTest {
    private static final Pattern RELEASE = Pattern.compile("(2711|2712)-pieeprom-(\\d{4}-\\d{2}-\\d{2})\\.bin");

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void everyConformanceImageAgreesWithTheHistory() throws IOException {
        int images = 0;
        for (Path path : Conformance.images()) {
            Matcher m = RELEASE.matcher(path.getFileName().toString());
            if (!m.matches()) continue;
            images++;
            LocalDate released = date(m.group(2));
            PropertyTable table = PropertyTable.of(ImageFiles.read(path));
            for (String name : table.names()) {               // its first release is this image or an earlier one
                Optional<Range> range = PropertyHistory.range(name, table.soc());
                assertThat(range).as(name + " of " + path.getFileName()).isPresent();
                assertThat(range.get().first()).as(name + " first, " + path.getFileName()).isBeforeOrEqualTo(released);
                assertThat(range.get().last()).as(name + " last, " + path.getFileName()).isAfterOrEqualTo(released);
            }
            for (String name : PropertyHistory.names()) {     // and it reads every name whose range covers it
                Optional<Range> range = PropertyHistory.range(name, table.soc());
                if (range.isPresent() && !released.isBefore(range.get().first()) && !released.isAfter(range.get().last()))
                    assertThat(table.reads(name)).as(name + " in " + path.getFileName()).isTrue();
            }
        }
        assertThat(images).isGreaterThan(90);
    }

    @Test
    void theFirstReleasesAreTheOnesTheFirmwareShows() {
        assertThat(PropertyHistory.since("ENABLE_SELF_UPDATE", Soc.BCM2711)).hasValue(date("2020-03-04"));
        for (String name : List.of("USB_MSD_LUN_TIMEOUT", "FREEZE_VERSION", "MAX_RESTARTS", "NETCONSOLE",
                "USB_MSD_DISCOVER_TIMEOUT", "USB_MSD_EXCLUDE_VID_PID", "XHCI_DEBUG"))
            assertThat(PropertyHistory.since(name, Soc.BCM2711)).as(name).hasValue(date("2020-05-15"));
        assertThat(PropertyHistory.since("USB_MSD_PWR_OFF_TIME", Soc.BCM2711)).hasValue(date("2020-06-12"));
        assertThat(PropertyHistory.since("NET_INSTALL_KEYBOARD_WAIT", Soc.BCM2711)).hasValue(date("2022-02-28"));
        assertThat(PropertyHistory.since("VL805", Soc.BCM2711)).hasValue(date("2021-02-16"));
        assertThat(PropertyHistory.since("DNS_IP", Soc.BCM2711)).hasValue(date("2022-02-04"));
        assertThat(PropertyHistory.since("BOOT_MENU_ENABLED", Soc.BCM2712)).hasValue(date("2026-08-12"));
        assertThat(PropertyHistory.range("NET_CONSOLE", Soc.BCM2711).map(Range::last)).hasValue(date("2020-04-16"));
        assertThat(PropertyHistory.range("SELF_UPDATE", Soc.BCM2711)).isEmpty();
        assertThat(PropertyHistory.range("SELF_UPDATE", Soc.BCM2712)).isEmpty();
        for (Soc soc : Soc.values()) assertThat(PropertyHistory.since("WAKE_ON_GPIO", soc)).isPresent();
    }

    @Test
    void theReadersOfANameAreSaidInWords() {
        assertThat(PropertyHistory.readers("DNS_IP", List.of(Soc.values())))
                .isEqualTo("BCM2711 releases since 2022-02-04 and BCM2712 releases since 2023-09-13");
        assertThat(PropertyHistory.readers("NET_CONSOLE", List.of(Soc.BCM2711)))
                .isEqualTo("BCM2711 releases 2019-09-22 to 2020-04-16");
        assertThat(PropertyHistory.readers("NET_CONSOLE", List.of(Soc.BCM2712))).isEmpty();
    }

    /** The catalogue is written from the documentation; the firmware must read what it describes, where it says. */
    @Test
    void everyDocumentedPropertyIsReadByTheFirmwareOfTheFamiliesItIsDocumentedFor() {
        for (Property p : Catalogue.all()) {
            if (Catalogue.READ_BY_OTHERS.containsKey(p.name())) continue;
            for (Soc soc : p.socs()) {
                assertThat(PropertyHistory.range(p.name(), soc)).as(p.name() + " on " + soc).isPresent();
                assertThat(PropertyHistory.isCurrent(p.name(), soc)).as(p.name() + " current on " + soc)
                        .isEqualTo(p.status() == Property.Status.CURRENT);
            }
        }
        assertThat(PropertyHistory.names()).doesNotContain("IMAGER_REPO_URL");   // read by the Imager, not the bootloader
    }

    /** BOOTCONF.md lists the names the firmware reads that the documentation does not describe. */
    @Test
    void theUndocumentedNamesAreTheOnesTheSweepFound() {
        Set<String> undocumented = new TreeSet<>();
        for (String name : PropertyHistory.names()) if (Catalogue.get(name).isEmpty()) undocumented.add(name);
        assertThat(undocumented).containsExactly("BOOT_MENU_ENABLED", "BOOT_MENU_OPTIONS", "DNS_IP", "NET_CONSOLE",
                "NVME_CONTROLLER", "SKIP_FW_CHECK", "USB_DEV_BOOT_MAX_RETRIES", "USB_DEV_FILE_TIMEOUT");
    }
}
