package io.github.pieeprom.bootconf;

import static io.github.pieeprom.bootconf.Finding.Severity.ERROR;
import static io.github.pieeprom.bootconf.Finding.Severity.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.FirmwareSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A config checked against an image ({@link Validator#checkInImage(BootConfig, PropertyTable)}, what
 * {@code validate --strict --image} and the commands that write a config into an image call), over every real image
 * in ../shared/conformance: the image's table decides which names are read.
 */
class ImageValidationTest {
    private static final Pattern RELEASE = Pattern.compile("(2711|2712)-pieeprom-(\\d{4}-\\d{2}-\\d{2})\\.bin");

    private static PropertyTable table(String image) {
        return PropertyTable.of(read(Conformance.file("firmware/" + image)));
    }

    private static EepromImage read(Path path) {
        try {
            return ImageFiles.read(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Finding> check(String text, PropertyTable table) {
        return Validator.checkInImage(BootConfig.parse("boot.conf", text.getBytes(StandardCharsets.UTF_8)), table);
    }

    private static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).toList();
    }

    @Test
    void everyImagesOwnConfigHasNoErrorAgainstItsOwnBootloader() throws IOException {
        int images = 0, clean = 0;
        for (Path path : Conformance.images()) {
            EepromImage image = ImageFiles.read(path);
            PropertyTable table = PropertyTable.of(image);
            assertThat(table.isKnown()).as(path.toString()).isTrue();
            List<Finding> findings = Validator.checkInImage(BootConfig.parse(path.toString(), image.bootConfig()), table);
            assertThat(errors(findings)).as(path.toString()).isEmpty();
            images++;
            if (findings.isEmpty()) clean++;
            Matcher m = RELEASE.matcher(path.getFileName().toString());
            Path testConfig = Conformance.file("configs/bootconf-" + (m.matches() ? m.group(2) : "none") + ".txt");
            if (m.matches() && Files.exists(testConfig))      // the reference's test config for that release
                assertThat(errors(Validator.checkInImage(BootConfig.parse(testConfig.toString(),
                        Files.readAllBytes(testConfig)), table))).as(testConfig.toString()).isEmpty();
        }
        assertThat(images).isGreaterThan(90);
        assertThat(clean).as("own configs without even a warning").isGreaterThan(0);
    }

    @Test
    void everyNameInAnImagesTableIsAcceptedAgainstIt() {
        for (Path path : Conformance.images()) {
            PropertyTable table = PropertyTable.of(read(path));
            StringBuilder config = new StringBuilder("[all]\n");
            for (String name : table.names()) config.append(name).append("=\n");   // KEY= is "unset": any name
            assertThat(errors(check(config.toString(), table))).as(path.toString()).isEmpty();
        }
    }

    @Test
    void aNameFromANewerReleaseIsRefusedAgainstAnOlderOneNamingTheFirstReleaseThatReadsIt() {
        int refused = 0;
        for (Soc soc : Soc.values()) {
            List<Path> images = new ArrayList<>();
            for (Path p : Conformance.images())
                if (p.getFileName().toString().startsWith(soc.id() + "-pieeprom-")) images.add(p);
            images.sort(Comparator.comparing(p -> p.getFileName().toString()));
            PropertyTable newest = PropertyTable.of(read(images.get(images.size() - 1)));
            for (Path path : images) {
                PropertyTable older = PropertyTable.of(read(path));
                for (String name : newest.names()) {
                    if (older.takesEffect(name)) continue;             // FREEZE_VERSION: rpi-eeprom-update reads it
                    LocalDate first = PropertyHistory.since(name, soc).orElseThrow();
                    if (!older.built().orElseThrow().isBefore(first)) continue;   // a gap, not a newer name
                    String expected = name + " is not read by this bootloader (BCM" + soc.id() + ", built "
                            + older.built().get() + "): the first BCM" + soc.id() + " release that reads it is " + first;
                    List<Finding> found = check(name + "=\n", older);
                    assertThat(found).as(name + " against " + path.getFileName()).singleElement().satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(ERROR);
                        if (Catalogue.get(name).isPresent()) assertThat(f.message()).isEqualTo(expected);
                        else assertThat(f.message()).startsWith(expected);    // then a did-you-mean may follow
                    });
                    refused++;
                }
            }
        }
        assertThat(refused).isGreaterThan(500);
    }

    @Test
    void dnsIpIsRefusedByTheReleaseBeforeItAndAcceptedAsUndocumentedByTheFirstThatReadsIt() {
        PropertyTable before = table("2711-pieeprom-2022-01-25.bin");
        assertThat(check("DNS_IP=10.0.0.1\n", before)).containsExactly(new Finding(1, 1, "DNS_IP", ERROR,
                "DNS_IP is not read by this bootloader (BCM2711, built " + before.built().orElseThrow()
                        + "): the first BCM2711 release that reads it is 2022-02-04"));
        PropertyTable first = table("2711-pieeprom-2022-02-04.bin");
        assertThat(check("DNS_IP=10.0.0.1\n", first)).containsExactly(new Finding(1, 1, "DNS_IP", WARNING,
                "DNS_IP is read by this bootloader (BCM2711, built 2022-02-04) but the documentation does not "
                        + "describe it (undocumented): its value is not checked"));
    }

    @Test
    void aRemovedNameIsRefusedNamingTheReleasesThatReadIt() {
        PropertyTable table = table("2711-pieeprom-2022-02-04.bin");
        assertThat(check("NET_CONSOLE=6665@169.254.1.1/,6666@/\n", table)).extracting(Finding::severity,
                Finding::message).containsExactly(org.assertj.core.groups.Tuple.tuple(ERROR, "NET_CONSOLE is not read "
                + "by this bootloader (BCM2711, built 2022-02-04): only BCM2711 releases 2019-09-22 to 2020-04-16 read "
                + "it; did you mean NETCONSOLE?"));
        assertThat(check("PCIE_PROBE=1\n", table)).extracting(Finding::message).containsExactly("PCIE_PROBE is not "
                + "read by this bootloader (BCM2711, built 2022-02-04): only BCM2712 releases since 2023-11-20 read it");
    }

    /** Issue 18's false positives: each is read by the firmware named, so it is no error there. */
    @Test
    void theNamesTheFirmwareReadsAreNoErrorWhereItReadsThem() {
        record Case(String image, String line) {
        }
        List<Case> cases = List.of(new Case("2711-pieeprom-2022-02-04.bin", "DNS_IP=10.0.0.1"),
                new Case("2711-pieeprom-2020-03-04.bin", "USB_DEV_BOOT_MAX_RETRIES=1"),
                new Case("2711-pieeprom-2020-03-04.bin", "USB_DEV_FILE_TIMEOUT=1000"),
                new Case("2712-pieeprom-2024-12-19.bin", "NVME_CONTROLLER=1"),
                new Case("2711-pieeprom-2025-02-11.bin", "BOOT_MENU_OPTIONS=1"),
                new Case("2712-pieeprom-2026-08-12.bin", "BOOT_MENU_ENABLED=1"),
                new Case("2711-pieeprom-2019-09-23.bin", "NET_CONSOLE=6665@169.254.1.1/,6666@/"),
                new Case("2711-pieeprom-2020-04-16.bin", "SKIP_FW_CHECK=1"),
                new Case("2712-pieeprom-2023-09-13.bin", "WAKE_ON_GPIO=1"),
                new Case("2711-pieeprom-2025-07-17.bin", "UART_BAUD=115200"),
                new Case("2711-pieeprom-2025-07-17.bin", "PSU_MAX_CURRENT=5000"),
                new Case("2711-pieeprom-2025-07-17.bin", "WAIT_FOR_POWER_BUTTON=1"),
                new Case("2712-pieeprom-2026-08-12.bin", "USB_MSD_PWR_OFF_TIME=1000"),
                new Case("2712-pieeprom-2026-08-12.bin", "VL805=1"),
                new Case("2712-pieeprom-2026-08-12.bin", "USE_IPV6=1"));
        for (Case c : cases) {
            PropertyTable table = table(c.image());
            String key = c.line().substring(0, c.line().indexOf('='));
            assertThat(table.reads(key)).as(key + " in " + c.image()).isTrue();
            List<Finding> findings = check("[all]\n" + c.line() + "\n", table);
            assertThat(findings).as(c.toString()).hasSize(1).allSatisfy(f -> {
                assertThat(f.severity()).isEqualTo(WARNING);
                assertThat(f.message()).contains("this bootloader (BCM" + table.soc().id());
            });
        }
    }

    @Test
    void freezeVersionIsAcceptedBeforeTheBootloaderReadsIt() {
        // rpi-eeprom-update reads FREEZE_VERSION; Raspberry Pi's 2019-09-10 config sets it, its bootloader does not
        PropertyTable table = table("2711-pieeprom-2019-09-10.bin");
        assertThat(table.reads("FREEZE_VERSION")).isFalse();
        assertThat(check("FREEZE_VERSION=0\n", table)).isEmpty();
    }

    @Test
    void aLineForTheOtherSocIsNotHeldAgainstTheImage() {
        assertThat(check("[pi5]\nPCIE_PROBE=1\n", table("2711-pieeprom-2022-02-04.bin"))).isEmpty();
    }

    @Test
    void anImageWithoutATableIsCheckedByItsSoc() {
        byte[] sample = FirmwareSamples.all().get("synthetic-2712-notbootable.bin");
        PropertyTable table = PropertyTable.of(EepromImage.parse("synthetic.bin", sample));
        String config = "[all]\nDNS_IP=10.0.0.1\nBOOT_ODER=0xf41\n";
        BootConfig parsed = BootConfig.parse("boot.conf", config.getBytes(StandardCharsets.US_ASCII));
        assertThat(check(config, table)).isEqualTo(Validator.checkInImage(parsed, Soc.BCM2712)).extracting(
                Finding::severity, Finding::message).containsExactly(org.assertj.core.groups.Tuple.tuple(WARNING,
                "DNS_IP is undocumented: BCM2712 releases since 2023-09-13 read it, but the documentation does not "
                        + "describe it, so its value is not checked"), org.assertj.core.groups.Tuple.tuple(ERROR,
                "unknown property BOOT_ODER; did you mean BOOT_ORDER?"));
    }
}
