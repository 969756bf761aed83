package io.github.pieeprom.netboot;

import io.github.pieeprom.template.Template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.testing.SyntheticImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StagingPlanTest {
    private static final Path BOOT = Path.of("/boot/firmware");
    private static final List<String> BOOT_FILES = List.of("bcm2711-rpi-4-b.dtb", "cmdline.txt", "config.txt",
            "fixup4.dat", "kernel8.img", "overlays/vc4-kms-v3d.dtbo", "start4.elf");
    private static final Template NFS = Template.parse("--cmdline",
            "console=serial0,115200 root=/dev/nfs nfsroot=${server}:/srv/nfs/${serial},vers=4 rw ip=dhcp rootwait");

    private static StagingPlan.Inputs inputs(List<String> bootFiles, List<Device> devices, Prefix prefix,
            Optional<String> prefixString, Optional<Template> cmdline) {
        return new StagingPlan.Inputs(BOOT, bootFiles, devices, prefix, prefixString, LinkMode.HARD, cmdline,
                Map.of("server", "10.0.0.1"), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static StagingPlan plan(List<Device> devices) {
        return StagingPlan.of(inputs(BOOT_FILES, devices, Prefix.SERIAL, Optional.empty(), Optional.of(NFS)));
    }

    @Test
    void oneFolderPerSerialLowerCaseWithTheBootFilesLinkedAndItsOwnCmdline() {
        StagingPlan plan = plan(Devices.ofSerials(List.of("1234ABCD", "5678ef01")));
        assertThat(plan.folders()).extracting(BoardFolder::folder).containsExactly("1234abcd", "5678ef01");
        BoardFolder first = plan.folders().get(0);
        assertThat(first.files()).extracting(StagedFile::name).containsExactly("bcm2711-rpi-4-b.dtb", "cmdline.txt",
                "config.txt", "fixup4.dat", "kernel8.img", "overlays/vc4-kms-v3d.dtbo", "start4.elf");
        assertThat(first.file("start4.elf")).contains(new StagedFile.Shared("start4.elf", BOOT.resolve("start4.elf")));
        assertThat(first.file("overlays/vc4-kms-v3d.dtbo").orElseThrow()).isInstanceOf(StagedFile.Shared.class);
        assertThat(((StagedFile.Generated) first.file("cmdline.txt").orElseThrow()).text()).isEqualTo(
                "console=serial0,115200 root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/1234abcd,vers=4 rw ip=dhcp rootwait\n");
        assertThat(plan.link()).isEqualTo(LinkMode.HARD);
    }

    @Test
    void withoutATemplateTheBootFoldersCmdlineIsShared() {
        StagingPlan plan = StagingPlan.of(inputs(BOOT_FILES, Devices.ofSerials(List.of("1234abcd")), Prefix.SERIAL,
                Optional.empty(), Optional.empty()));
        assertThat(plan.folders().get(0).file("cmdline.txt"))
                .contains(new StagedFile.Shared("cmdline.txt", BOOT.resolve("cmdline.txt")));
    }

    @Test
    void aMacPrefixNamesFoldersWithDashesAndFillsMacAndCsvColumns() {
        List<Device> devices = Devices.parseCsv("devices.csv",
                "serial,mac,hostname\n1234abcd,DC:A6:32:01:36:C2,rack1-a\n5678ef01,dc-a6-32-01-36-c3,rack1-b\n");
        Template t = Template.parse("--cmdline", "root=/dev/nfs nfsroot=${server}:/srv/nfs/${hostname} mac=${mac}");
        StagingPlan plan = StagingPlan.of(inputs(BOOT_FILES, devices, Prefix.MAC, Optional.empty(), Optional.of(t)));
        assertThat(plan.folders()).extracting(BoardFolder::folder).containsExactly("dc-a6-32-01-36-c2", "dc-a6-32-01-36-c3");
        assertThat(((StagedFile.Generated) plan.folders().get(1).file("cmdline.txt").orElseThrow()).text())
                .isEqualTo("root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/rack1-b mac=dc:a6:32:01:36:c3\n");
    }

    @Test
    void aStringPrefixIsOneFolderAndMustEndInASlashWithin32Characters() {
        StagingPlan plan = StagingPlan.of(inputs(BOOT_FILES, Devices.ofSerials(List.of("1234abcd")), Prefix.STRING,
                Optional.of("netboot/pi4/"), Optional.of(NFS)));
        assertThat(plan.folders()).extracting(BoardFolder::folder).containsExactly("netboot/pi4");
        assertThatThrownBy(() -> StagingPlan.of(inputs(BOOT_FILES, Devices.ofSerials(List.of("1234abcd")),
                Prefix.STRING, Optional.of("netboot"), Optional.of(NFS)))).isInstanceOf(EepromException.class)
                .hasMessage("--tftp-prefix-str: expected a relative folder of letters, digits, ., _, - and / that "
                        + "ends in / and holds at most 32 characters, found \"netboot\"");
        assertThatThrownBy(() -> StagingPlan.of(inputs(BOOT_FILES, Devices.ofSerials(List.of("1234abcd")),
                Prefix.STRING, Optional.of("a".repeat(32) + "/"), Optional.of(NFS)))).hasMessageContaining("at most 32");
        assertThatThrownBy(() -> StagingPlan.of(inputs(BOOT_FILES, Devices.ofSerials(List.of("1234abcd", "5678ef01")),
                Prefix.STRING, Optional.of("netboot/"), Optional.of(NFS)))).hasMessage("--serial 5678ef01: board "
                + "5678ef01 is a duplicate: --serial 1234abcd already stages folder netboot/");
    }

    @Test
    void anEepromUpdateAddsUpdAndSigToEveryFolder() {
        EepromImage image = EepromImage.parse("pieeprom.bin", SyntheticImage.pi4Sample());
        EepromUpdate update = EepromUpdate.of(image, 1_700_000_000L);
        StagingPlan plan = StagingPlan.of(new StagingPlan.Inputs(BOOT, BOOT_FILES, Devices.ofSerials(List.of("1234abcd")),
                Prefix.SERIAL, Optional.empty(), LinkMode.COPY, Optional.empty(), Map.of(), Optional.empty(),
                Optional.of(update), Optional.empty()));
        BoardFolder folder = plan.folders().get(0);
        byte[] upd = ((StagedFile.Generated) folder.file("pieeprom.upd").orElseThrow()).bytes();
        assertThat(EepromImage.parse("pieeprom.upd", upd).timestamp()).contains(1_700_000_000L);
        SigFile sig = SigFile.parse("pieeprom.sig", ((StagedFile.Generated) folder.file("pieeprom.sig").orElseThrow()).bytes());
        assertThat(sig.matches(upd)).isTrue();
        assertThat(sig.text()).endsWith("\nts: 1700000000\ntarget-soc: 2711\n");
    }

    @Test
    void theUpdateTimestampIsKeptForTheSameImageAndIsNewerThanAnyOtherStagedBefore() {
        EepromImage image = EepromImage.parse("a.bin", SyntheticImage.pi4Sample());
        EepromImage staged = image.withTimestamp(1_800_000_000L);
        EepromImage other = EepromImage.parse("b.bin", SyntheticImage.pi4Sample()).withFile(EepromImage.BOOTCONF_TXT,
                "[all]\nBOOT_ORDER=0xf21\n".getBytes()).withTimestamp(1_900_000_000L);
        assertThat(EepromUpdate.timestamp(image, List.of(staged), 1_700_000_000L)).isEqualTo(1_800_000_000L);
        assertThat(EepromUpdate.timestamp(image, List.of(other), 1_700_000_000L)).isEqualTo(1_900_000_001L);
        assertThat(EepromUpdate.timestamp(image, List.of(), 1_700_000_000L)).isEqualTo(1_700_000_000L);
    }

    @Test
    void theDnsmasqSnippetServesTheRootWithTheExactOption43Text() {
        StagingPlan plan = StagingPlan.of(new StagingPlan.Inputs(BOOT, BOOT_FILES, Devices.ofSerials(List.of("1234abcd")),
                Prefix.SERIAL, Optional.empty(), LinkMode.HARD, Optional.empty(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.of(new Dnsmasq(Path.of("/srv/tftp"), "10.0.0.0"))));
        assertThat(plan.dnsmasq().orElseThrow().text()).isEqualTo("""
                # Proxy DHCP + TFTP for Raspberry Pi network boot (written by eeprom tftp stage).
                # Put it in /etc/dnsmasq.d/; the existing DHCP server keeps handing out addresses.
                port=0
                dhcp-range=10.0.0.0,proxy
                log-dhcp
                enable-tftp
                tftp-root=/srv/tftp
                pxe-service=0,"Raspberry Pi Boot"
                """);
    }

    @Test
    void refusesASerialThatIsNot8HexDigits() {
        assertThatThrownBy(() -> Devices.ofSerials(List.of("1234abc"))).isInstanceOf(EepromException.class)
                .hasMessage("--serial: expected 8 hex digits (or the 16 of /proc/cpuinfo's Serial), "
                        + "found \"1234abc\"");
        assertThatThrownBy(() -> Devices.parseCsv("devices.csv", "serial,hostname\n1234abcd,a\n1234abcg,b\n"))
                .hasMessage("devices.csv:3: serial: expected 8 hex digits (or the 16 of /proc/cpuinfo's Serial), "
                        + "found \"1234abcg\"");
    }

    @Test
    void controlCharactersFromTheDevicesFileAreShownEscaped() {
        assertThatThrownBy(() -> Devices.parseCsv("devices.csv", "serial,hostname\n1234\0abc,a\n"))
                .hasMessage("devices.csv:2: serial: expected 8 hex digits (or the 16 of /proc/cpuinfo's Serial), "
                        + "found \"1234\\x00abc\"");
        assertThatThrownBy(() -> Devices.parseCsv("devices.csv",
                "serial,\"host\rname\",\"host\rname\"\n1234abcd,a,b\n"))
                .hasMessage("devices.csv:1: column host\\x0dname appears twice: which one a board's ${host\\x0dname} "
                        + "means is not clear");
        List<Device> devices = Devices.parseCsv("devices.csv", "serial,\"host\u001b[2Jname\"\n1234abcd,a\n");
        Template hostname = Template.parse("--cmdline", "root=/dev/nfs nfsroot=10.0.0.1:/srv/${hostname}");
        assertThatThrownBy(() -> StagingPlan.of(inputs(BOOT_FILES, devices, Prefix.SERIAL, Optional.empty(),
                Optional.of(hostname)))).hasMessage("--cmdline:1: unknown variable ${hostname} (known: "
                        + "host\\x1b[2Jname, serial, server)");
    }

    @Test
    void refusesAColumnNamedTwiceWhichWouldSilentlyPickOneOfItsValues() {
        assertThatThrownBy(() -> Devices.parseCsv("devices.csv", "serial,hostname,hostname\n1234abcd,a,b\n"))
                .isInstanceOf(EepromException.class).hasMessage("devices.csv:1: column hostname appears twice: "
                        + "which one a board's ${hostname} means is not clear");
    }

    @Test
    void refusesADuplicatedBoardNamingBothPlaces() {
        List<Device> devices = Devices.parseCsv("devices.csv", "serial,hostname\n1234abcd,a\n# spare\n1234ABCD,b\n");
        assertThatThrownBy(() -> plan(devices)).isInstanceOf(EepromException.class)
                .hasMessage("devices.csv:4: board 1234abcd is a duplicate: devices.csv:2 already stages folder 1234abcd/");
    }

    @Test
    void aDevicesFileSavedByASpreadsheetIsReadLikeABatchManifest() {
        // byte-order mark, CRLF, quoted fields (one with a comma): the same CSV reader as eeprom batch
        List<Device> devices = Devices.parseCsv("devices.csv",
                "\uFEFF\"serial\",\"hostname\",\"note\"\r\n\"1234ABCD\",\"rack1-a\",\"top, left\"\r\n");
        assertThat(devices).hasSize(1);
        assertThat(devices.get(0).serial()).hasValue("1234abcd");
        assertThat(devices.get(0).columns()).containsEntry("note", "top, left").containsEntry("hostname", "rack1-a");
    }

    @Test
    void refusesABootFolderWithoutTheFilesABoardNeeds() {
        List<String> files = new ArrayList<>(BOOT_FILES);
        files.remove("start4.elf");
        files.remove("kernel8.img");
        assertThatThrownBy(() -> StagingPlan.of(inputs(files, Devices.ofSerials(List.of("1234abcd")), Prefix.SERIAL,
                Optional.empty(), Optional.of(NFS)))).isInstanceOf(EepromException.class)
                .hasMessage("/boot/firmware: missing boot files start4.elf, a kernel*.img: expected a Raspberry Pi OS "
                        + "boot partition or the firmware's boot/ folder");
    }

    @Test
    void refusesATemplateWithAVariableTheBoardDoesNotHave() {
        Template t = Template.parse("--cmdline", "root=/dev/nfs nfsroot=${server}:/srv/${hostname}");
        assertThatThrownBy(() -> StagingPlan.of(inputs(BOOT_FILES, Devices.ofSerials(List.of("1234abcd")),
                Prefix.SERIAL, Optional.empty(), Optional.of(t)))).isInstanceOf(EepromException.class)
                .hasMessage("--cmdline:1: unknown variable ${hostname} (known: serial, server)");
    }

    @Test
    void aMacPrefixNeedsAMacForEveryBoard() {
        assertThatThrownBy(() -> StagingPlan.of(inputs(BOOT_FILES, Devices.ofSerials(List.of("1234abcd")), Prefix.MAC,
                Optional.empty(), Optional.of(NFS))))
                .hasMessage("--serial 1234abcd: no mac for --prefix mac: give a devices file with a mac column");
    }
}
