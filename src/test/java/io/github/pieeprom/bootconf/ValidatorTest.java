package io.github.pieeprom.bootconf;

import static io.github.pieeprom.bootconf.Finding.Severity.ERROR;
import static io.github.pieeprom.bootconf.Finding.Severity.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.Soc;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A corpus of broken configs, one per rule, each with the exact finding. */
class ValidatorTest {
    private static List<Finding> check(String text) {
        return Validator.check(BootConfig.parse("boot.conf", text.getBytes(StandardCharsets.UTF_8)), Optional.empty());
    }

    private static List<Finding> check(String text, Soc soc) {
        return Validator.check(BootConfig.parse("boot.conf", text.getBytes(StandardCharsets.UTF_8)), Optional.of(soc));
    }

    private static Finding error(int line, int column, String key, String message) {
        return new Finding(line, column, key, ERROR, message);
    }

    private static Finding warning(int line, int column, String key, String message) {
        return new Finding(line, column, key, WARNING, message);
    }

    @Test
    void aCleanConfigHasNoFinding() {
        assertThat(check("[all]\nBOOT_UART=1\nBOOT_ORDER=0xf21\nTFTP_IP=\nNET_BOOT_MAX_RETRIES=-1\n[none]\nanything=goes\n"))
                .isEmpty();
    }

    @Test
    void anUnknownPropertyIsAnErrorWithADidYouMean() {
        assertThat(check("[all]\nBOOT_ODER=0xf21\n")).containsExactly(
                error(2, 1, "BOOT_ODER", "unknown property BOOT_ODER; did you mean BOOT_ORDER?"));
        assertThat(check("boot_uart=1\n")).containsExactly(
                error(1, 1, "boot_uart", "unknown property boot_uart; did you mean BOOT_UART?"));
    }

    @Test
    void maxRetriesIsUnknownAndNamesTheRealRetryProperties() {
        assertThat(check("MAX_RETRIES=3\n")).containsExactly(error(1, 1, "MAX_RETRIES",
                "unknown property MAX_RETRIES; did you mean NET_BOOT_MAX_RETRIES, SD_BOOT_MAX_RETRIES or MAX_RESTARTS?"));
        assertThat(check("TFTP_TIMEOUT=30000\n")).extracting(Finding::message)
                .containsExactly("unknown property TFTP_TIMEOUT; did you mean TFTP_FILE_TIMEOUT?");
    }

    @Test
    void aConfigTxtSettingIsAnError() {
        assertThat(check("program_pubkey=1\n")).containsExactly(error(1, 1, "program_pubkey",
                "program_pubkey is a config.txt setting (read by recovery.bin or the firmware), not a bootloader property"));
    }

    @Test
    void valuesOfTheWrongTypeOrOutOfRangeAreErrorsAtTheValue() {
        assertThat(check("BOOT_UART=yes\n")).containsExactly(
                error(1, 11, "BOOT_UART", "BOOT_UART: expected 0 or 1, found \"yes\""));
        assertThat(check("DHCP_TIMEOUT=1000\n")).containsExactly(
                error(1, 14, "DHCP_TIMEOUT", "DHCP_TIMEOUT: 1000 is less than the minimum 5000"));
        assertThat(check("USB_MSD_STARTUP_DELAY=30001\n")).containsExactly(error(1, 23, "USB_MSD_STARTUP_DELAY",
                "USB_MSD_STARTUP_DELAY: 30001 is more than the maximum 30000"));
        assertThat(check("TFTP_PREFIX=3\n")).containsExactly(
                error(1, 13, "TFTP_PREFIX", "TFTP_PREFIX: expected 0, 1 or 2, found 3"));
        assertThat(check("TFTP_PREFIX=1\nTFTP_PREFIX_STR=" + "a".repeat(33) + "\n")).containsExactly(
                error(2, 17, "TFTP_PREFIX_STR", "TFTP_PREFIX_STR: expected at most 32 characters, found 33"));
        assertThat(check("BOOT_UART=1 # debug\n")).extracting(Finding::message).containsExactly(
                "BOOT_UART: expected 0 or 1, found \"1 # debug\" (a # comment must be on a line of its own)");
    }

    @Test
    void malformedAddressesAndHexAreErrors() {
        assertThat(check("TFTP_IP=192.168.1.300\n")).containsExactly(error(1, 9, "TFTP_IP",
                "TFTP_IP: expected a dotted IPv4 address such as 192.168.1.10, found \"192.168.1.300\""));
        assertThat(check("MAC_ADDRESS=dc:a6:32:01:36\n")).containsExactly(error(1, 13, "MAC_ADDRESS",
                "MAC_ADDRESS: expected a MAC address such as dc:a6:32:01:36:c2, found \"dc:a6:32:01:36\""));
        assertThat(check("DHCP_OPTION97=0x3469505g\n")).containsExactly(error(1, 15, "DHCP_OPTION97",
                "DHCP_OPTION97: expected 0x followed by 1 to 8 hex digits, found \"0x3469505g\""));
    }

    @Test
    void anInvalidBootOrderIsAnErrorAtTheOffendingDigit() {
        assertThat(check("BOOT_ORDER=0xf2g1\n")).containsExactly(
                error(1, 16, "BOOT_ORDER", "BOOT_ORDER: \"g\" is not a hex digit in \"0xf2g1\""));
        assertThat(check("BOOT_ORDER=0xf81\n")).containsExactly(error(1, 15, "BOOT_ORDER",
                "BOOT_ORDER: 0x8 is not a boot mode (modes are 0x0-0x7, 0xe and 0xf) in \"0xf81\""));
        assertThat(check("BOOT_ORDER=0x1f1f1f1f1\n")).containsExactly(error(1, 14, "BOOT_ORDER",
                "BOOT_ORDER: 9 nibbles, but the bootloader reads only 8 (32 bits) of \"0x1f1f1f1f1\""));
        assertThat(check("BOOT_ORDER=f21\n")).containsExactly(error(1, 12, "BOOT_ORDER",
                "BOOT_ORDER: expected 0x and 1 to 8 hex digits of boot modes (such as 0xf41), found \"f21\""));
    }

    @Test
    void aLineThatIsNotKeyEqualsValueIsAnError() {
        assertThat(check("BOOT_UART 1\n")).containsExactly(error(1, 1, "",
                "expected KEY=VALUE, a [filter], a # comment or a blank line, found \"BOOT_UART 1\""));
        assertThat(check("BOOT_UART = 1\n")).containsExactly(error(1, 1, "",
                "spaces around = are not allowed: expected KEY=VALUE, found \"BOOT_UART = 1\""));
    }

    @Test
    void aFileLargerThanAnImageCanHoldIsAnError() {
        assertThat(check("#" + "x".repeat(Validator.MAX_SIZE - 1) + "\n")).containsExactly(new Finding(0, 0, "", ERROR,
                "the file is 4077 bytes, more than the 4076 bytes an image can hold"));
        assertThat(check("#" + "x".repeat(Validator.MAX_SIZE - 2) + "\n")).isEmpty();
    }

    @Test
    void anUnknownOrUnsupportedSectionFilterIsAnError() {
        assertThat(check("[pi6]\n")).extracting(Finding::line, Finding::key, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "[pi6]", ERROR));
        assertThat(check("[board_type=0x14]\n")).containsExactly(error(1, 1, "[board_type=0x14]",
                "unknown section filter [board_type=0x14]; did you mean [board-type=...] (with a hyphen)?"));
        assertThat(check("[EDID=VSC-TD2220]\n")).containsExactly(error(1, 1, "[EDID=VSC-TD2220]",
                "[EDID=VSC-TD2220]: EDID and HDMI filters are not supported in bootconf.txt"));
        assertThat(check("[board-type=0x14]\n[0x12345678]\n[gpio8=0]\n[tryboot]\n[partition=62]\n[boot_count&1=1]\n"
                + "[cm5]\n[pi500]\n[cm4s]\n[all]\n")).isEmpty();
    }

    @Test
    void aPropertyOfTheOtherSocIsAnErrorWhenTheSocIsStatedAndAWarningWhenAFilterImpliesIt() {
        // PCIE_PROBE: documented for Pi 5 only, and no BCM2711 release reads it
        assertThat(check("PCIE_PROBE=1\n", Soc.BCM2711)).containsExactly(error(1, 1, "PCIE_PROBE",
                "PCIE_PROBE is a BCM2712 (Pi 5 family) property; the BCM2711 bootloader ignores it"));
        assertThat(check("[pi4]\nPCIE_PROBE=1\n")).containsExactly(warning(2, 1, "PCIE_PROBE",
                "PCIE_PROBE is a BCM2712 (Pi 5 family) property; the BCM2711 bootloader ignores it"));
        assertThat(check("[pi5]\nPCIE_PROBE=1\n", Soc.BCM2711)).isEmpty();
        assertThat(check("PCIE_PROBE=1\n")).isEmpty();
    }

    /** Issue 18: UART_BAUD was an error with --soc 2711, but BCM2711 firmware reads it from 2024-04-16 on. */
    @Test
    void aPropertyDocumentedForTheOtherFamilyButReadByThisOnesFirmwareIsAWarning() {
        assertThat(check("UART_BAUD=115200\n", Soc.BCM2711)).containsExactly(warning(1, 1, "UART_BAUD",
                "UART_BAUD is documented for the BCM2712 (Pi 5 family) only, but BCM2711 releases since 2024-04-16 "
                        + "read it"));
        assertThat(check("WAKE_ON_GPIO=1\n", Soc.BCM2712)).containsExactly(warning(1, 1, "WAKE_ON_GPIO",
                "WAKE_ON_GPIO is documented for the BCM2711 (Pi 4 family) only, but BCM2712 releases since 2023-09-13 "
                        + "read it"));
    }

    @Test
    void aKeySetTwiceInTheSameSectionIsAWarningNamingTheWinner() {
        assertThat(check("[all]\nBOOT_UART=0\n[pi4]\nBOOT_UART=1\n[all]\nBOOT_UART=1\n")).containsExactly(
                warning(6, 1, "BOOT_UART", "BOOT_UART is also set on line 2 in [all]; this later value wins"));
    }

    @Test
    void aBootOrderWithoutRestartIsAWarning() {
        assertThat(check("BOOT_ORDER=0x21\n")).containsExactly(warning(1, 12, "BOOT_ORDER",
                "BOOT_ORDER 0x21 has no restart mode 0xf: after network (TFTP) the bootloader gives up (0xf21 tries again)"));
        assertThat(check("BOOT_ORDER=0xe1\n")).isEmpty();
    }

    @Test
    void aBootModeTheBoardLacksIsAWarning() {
        assertThat(check("BOOT_ORDER=0xf51\n", Soc.BCM2712)).containsExactly(warning(1, 12, "BOOT_ORDER",
                "BOOT_ORDER: boot mode 0x5 (USB 2.0 mass storage on the SoC's own USB port) does not exist on a "
                        + "Raspberry Pi 5; the bootloader skips it"));
        assertThat(check("[pi400]\nBOOT_ORDER=0xf61\n")).containsExactly(warning(2, 12, "BOOT_ORDER",
                "BOOT_ORDER: boot mode 0x6 (NVMe SSD) does not exist on a Raspberry Pi 400; the bootloader skips it"));
        assertThat(check("[cm4]\nBOOT_ORDER=0xf61\n", Soc.BCM2711)).isEmpty();
        assertThat(check("BOOT_ORDER=0xf51\n")).isEmpty();
    }

    @Test
    void deprecatedModesAndUnreachableModesAreWarnings() {
        assertThat(check("BOOT_ORDER=0x1f0\n")).extracting(Finding::message).containsExactly(
                "BOOT_ORDER: boot mode 0x0 is deprecated; use 0xf",
                "BOOT_ORDER: the modes after 0xf (start again with the first mode) are never tried");
    }

    @Test
    void aRemovedPropertyIsAWarning() {
        assertThat(check("USB_MSD_BOOT_MAX_RETRIES=1\n")).containsExactly(warning(1, 1, "USB_MSD_BOOT_MAX_RETRIES",
                "USB_MSD_BOOT_MAX_RETRIES is no longer a property (removed in 2020: USB mass storage has no retry "
                        + "counter, it uses USB_MSD_DISCOVER_TIMEOUT); the bootloader ignores it"));
    }

    @Test
    void tftpPrefixOneWithoutPrefixStringIsAWarning() {
        assertThat(check("TFTP_PREFIX=1\n")).containsExactly(warning(1, 13, "TFTP_PREFIX",
                "TFTP_PREFIX=1 takes the folder from TFTP_PREFIX_STR, which is not set"));
        assertThat(check("TFTP_PREFIX=1\nTFTP_PREFIX_STR=rack1/\n")).isEmpty();
        // a board's section inherits the [all] lines above it too: the board 1234abcd gets both
        assertThat(check("[all]\nTFTP_PREFIX=0\nTFTP_PREFIX_STR=rack1/\n[0x1234abcd]\nTFTP_PREFIX=1\n"))
                .extracting(Finding::message).noneMatch(m -> m.startsWith("TFTP_PREFIX=1 takes"));
        // and the later line of a key wins: an [all] line below the section overrides it
        assertThat(check("[0x1234abcd]\nTFTP_PREFIX=1\nTFTP_PREFIX_STR=rack1/\n[all]\nTFTP_PREFIX=1\nTFTP_PREFIX_STR=\n"))
                .extracting(Finding::message).contains("TFTP_PREFIX=1 takes the folder from TFTP_PREFIX_STR, which "
                        + "is not set");
    }

    @Test
    void aStaticIpWithoutSubnetOrServerIsAWarning() {
        assertThat(check("CLIENT_IP=10.0.0.5\nTFTP_IP=10.0.0.1\n")).containsExactly(warning(1, 11, "CLIENT_IP",
                "CLIENT_IP without SUBNET: a static IP needs CLIENT_IP, SUBNET and TFTP_IP, so the bootloader uses DHCP"));
    }

    @Test
    void aServerOutsideTheSubnetWithoutGatewayIsAWarning() {
        String config = "CLIENT_IP=10.0.0.5\nSUBNET=255.255.255.0\nTFTP_IP=10.0.1.1\n";
        assertThat(check(config)).containsExactly(warning(3, 9, "TFTP_IP",
                "TFTP_IP 10.0.1.1 is outside CLIENT_IP/SUBNET 10.0.0.5/255.255.255.0 and no GATEWAY is set"));
        assertThat(check(config + "GATEWAY=10.0.0.254\n")).isEmpty();
        assertThat(check(config.replace("10.0.1.1", "10.0.0.1"))).isEmpty();
    }

    @Test
    void keysUnderNoneAndAfterConfigTxtAreNotChecked() {
        assertThat(check("[none]\nuserdata0=0x12345789\n[config.txt]\ndtoverlay=disable-bt\n[pi3]\n")).isEmpty();
    }

    @Test
    void tftpPrefixStringWithoutPrefixOneIsAWarning() {
        assertThat(check("TFTP_PREFIX_STR=rack1/\n")).containsExactly(warning(1, 17, "TFTP_PREFIX_STR",
                "TFTP_PREFIX_STR is ignored unless TFTP_PREFIX=1; here TFTP_PREFIX is not set (0: the board's folder "
                        + "is its serial number)"));
        assertThat(check("TFTP_PREFIX=2\nTFTP_PREFIX_STR=rack1/\n")).extracting(Finding::message).containsExactly(
                "TFTP_PREFIX_STR is ignored unless TFTP_PREFIX=1; here TFTP_PREFIX is 2 (the MAC address)");
        assertThat(check("TFTP_PREFIX_STR=\n")).isEmpty();
    }

    @Test
    void anInvisibleCharacterIsNamedWithItsLineAndColumn() {
        assertThat(check("\uFEFF[all]\nBOOT_UART=1\n")).containsExactly(error(1, 1, "",
                "U+FEFF (a byte-order mark) at line 1, column 1: an invisible character, which the bootloader reads as "
                        + "part of the line; remove it"));
        assertThat(check("[all]\nBOOT_UART=1\u00a0\n")).extracting(Finding::line, Finding::column, Finding::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 12, "U+00A0 (no-break space) at line 2, "
                        + "column 12: an invisible character, which the bootloader reads as part of the line; remove it"));
        assertThat(check("[all]\nBOOT\u200bUART=1\n")).extracting(Finding::message).singleElement().asString()
                .startsWith("U+200B (zero width space) at line 2, column 5");
        assertThat(check("[none]\nnote=\uFEFF\n")).isEmpty();
    }

    /** Issue 18: the documentation's own examples write SD_QUIRKS=1 and XHCI_DEBUG=0x3. */
    @Test
    void hexPropertiesTakeTheDecimalValuesTheDocumentationWrites() {
        assertThat(check("SD_QUIRKS=1\nXHCI_DEBUG=3\nXHCI_DEBUG=0x3\n").stream().filter(Finding::isError)).isEmpty();
        assertThat(check("XHCI_DEBUG=0x80\n")).extracting(Finding::message)
                .containsExactly("XHCI_DEBUG: 0x80 is more than the maximum 127");
        assertThat(check("SD_QUIRKS=one\n")).extracting(Finding::message)
                .containsExactly("SD_QUIRKS: expected a number, 0x and 1 to 8 hex digits or decimal, found \"one\"");
    }

    @Test
    void selfUpdateIsUnknownAndNamesTheRealProperty() {
        // no release reads SELF_UPDATE (the 2020-03 release notes' name); every one from 2020-03-04 reads ENABLE_SELF_UPDATE
        assertThat(check("SELF_UPDATE=1\n")).containsExactly(error(1, 1, "SELF_UPDATE",
                "unknown property SELF_UPDATE; did you mean ENABLE_SELF_UPDATE?"));
    }

    @Test
    void anUndocumentedNameTheFirmwareReadsIsAWarningNamingTheReleases() {
        assertThat(check("DNS_IP=10.0.0.1\n")).containsExactly(warning(1, 1, "DNS_IP", "DNS_IP is undocumented: "
                + "BCM2711 releases since 2022-02-04 and BCM2712 releases since 2023-09-13 read it, but the "
                + "documentation does not describe it, so its value is not checked"));
        assertThat(check("NET_CONSOLE=6665@169.254.1.1/,6666@/\n", Soc.BCM2711)).containsExactly(warning(1, 1,
                "NET_CONSOLE", "NET_CONSOLE is no longer read: only BCM2711 releases 2019-09-22 to 2020-04-16 read "
                        + "it; did you mean NETCONSOLE?"));
        assertThat(check("BOOT_MENU_ENABLED=1\n", Soc.BCM2711)).containsExactly(error(1, 1, "BOOT_MENU_ENABLED",
                "BOOT_MENU_ENABLED is read only by BCM2712 releases since 2026-08-12; the BCM2711 bootloader "
                        + "ignores it"));
        assertThat(check("BOOT_MENU_ENABLED=1\n", Soc.BCM2712)).extracting(Finding::severity).containsExactly(WARNING);
    }

    @Test
    void everyModelFilterIsABoard() {
        // the model filters of the documentation (BOOTCONF.md section 2.2)
        for (String model : List.of("pi4", "pi400", "cm4", "cm4s", "pi5", "pi500", "cm5"))
            assertThat(Board.parse(model)).as(model).isPresent();
        assertThat(check("[cm4s]\nBOOT_ORDER=0xf61\n")).extracting(Finding::message).containsExactly(
                "BOOT_ORDER: boot mode 0x6 (NVMe SSD) does not exist on a Compute Module 4S; the bootloader skips it");
        assertThat(check("[pi500]\nBOOT_ORDER=0xf61\n")).isEmpty();              // a 500+ has NVMe
        assertThat(check("[board-type=0x19]\nBOOT_ORDER=0xf51\n")).extracting(Finding::message).containsExactly(
                "BOOT_ORDER: boot mode 0x5 (USB 2.0 mass storage on the SoC's own USB port) does not exist on a "
                        + "Raspberry Pi 500/500+; the bootloader skips it");
    }

    @Test
    void onlyErrorsFailUnlessStrict() {
        Finding warning = check("BOOT_ORDER=0x1\n").get(0);
        assertThat(warning.fails(false)).isFalse();
        assertThat(warning.fails(true)).isTrue();
    }
}
