package io.github.pieeprom.netboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.template.Template;
import io.github.pieeprom.testing.BootPartition;
import io.github.pieeprom.testing.SpecialFiles;
import io.github.pieeprom.testing.TmpfsMount;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staging and checking trees as the system hands them over: MAC and prefix-string trees replayed, a full disk or
 * read-only mount named by the place in the TFTP root and its real cause, nothing left of a root the run made.
 */
class StagerEdgesTest {
    private static final String NFS = "root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/${serial},vers=4 rw ip=dhcp rootwait";
    @TempDir Path tmp;

    private static StagingPlan plan(Path boot, List<Device> devices, Prefix prefix, Optional<String> prefixString,
            LinkMode link, Optional<Template> cmdline) throws IOException {
        return StagingPlan.of(new StagingPlan.Inputs(boot, Stager.bootFiles(boot), devices, prefix, prefixString,
                link, cmdline, Map.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private static StagingPlan serials(Path boot, LinkMode link, String... serials) throws IOException {
        return plan(boot, Devices.ofSerials(List.of(serials)), Prefix.SERIAL, Optional.empty(), link,
                Optional.of(Template.parse("--cmdline", NFS)));
    }

    @Test
    void aMacTreeIsReplayedByTheBoardsMacAndBootsFromItsFolder() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        List<Device> devices = Devices.parseCsv("devices.csv", "mac,hostname\nDC-A6-32-01-36-C2,a\n");
        Stager.apply(plan(boot, devices, Prefix.MAC, Optional.empty(), LinkMode.HARD, Optional.empty()), root);
        BootReplay.Result own = Stager.replay(BootReplay.Model.PI4,
                Prefix.MAC.requestPrefix("--mac", "dc:a6:32:01:36:c2"), root);
        assertThat(own.bootable()).isTrue();
        assertThat(own.usesFolder()).isTrue();
        assertThat(own.requests().get(0).path()).isEqualTo("dc-a6-32-01-36-c2/start4.elf");
        BootReplay.Result other = Stager.replay(BootReplay.Model.PI4,
                Prefix.MAC.requestPrefix("--mac", "dc:a6:32:01:36:c3"), root);
        assertThat(other.usesFolder()).isFalse();
        assertThat(other.bootable()).as("the root holds no boot files: cannot boot").isFalse();
    }

    @Test
    void aPrefixStringTreeIsReplayedUnderItsFolder() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        Stager.apply(plan(boot, Devices.ofSerials(List.of("1234abcd")), Prefix.STRING, Optional.of("rack1/pi/"),
                LinkMode.SYMLINK, Optional.empty()), root);
        BootReplay.Result r = Stager.replay(BootReplay.Model.PI5, Prefix.STRING.requestPrefix("--prefix-str",
                "rack1/pi/"), root);
        assertThat(r.bootable()).isTrue();
        assertThat(r.requests()).extracting(BootReplay.Request::path).contains("rack1/pi/kernel_2712.img");
        assertThatThrownBy(() -> Prefix.STRING.requestPrefix("--prefix-str", "rack1")).hasMessageStartingWith(
                "--prefix-str: expected a relative folder");
    }

    @Test
    void aSixteenDigitSerialNamesTheFolderByItsLastEightDigits() throws IOException {
        assertThat(Prefix.SERIAL.requestPrefix("--serial", "100000001234ABCD")).isEqualTo("1234abcd/");
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        Stager.apply(serials(boot, LinkMode.HARD, "100000001234abcd"), root);
        assertThat(SpecialFiles.names(root)).containsExactly("1234abcd");
    }

    @Test
    void aRootThatIsMissingOrAFileIsNamedAsSuch() throws IOException {
        assertThatThrownBy(() -> Stager.replay(BootReplay.Model.PI4, "1234abcd/", tmp.resolve("none")))
                .isInstanceOf(FileSystemException.class).hasMessage(tmp.resolve("none") + ": no such folder");
        assertThatThrownBy(() -> Stager.bootFiles(tmp.resolve("none"))).isInstanceOf(EepromException.class)
                .hasMessage(tmp.resolve("none") + ": no such folder: expected a boot partition such as /boot/firmware");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> Stager.bootFiles(file)).hasMessage(file + ": is a file, not a folder: expected a "
                + "boot partition such as /boot/firmware");
    }

    @Test
    void aFullDiskNamesThePlaceInTheRootAndLeavesNoFolderItMade() throws Exception {
        Path boot = BootPartition.create(tmp.resolve("boot"));
        try (TmpfsMount disk = TmpfsMount.of(tmp.resolve("disk"), "size=16k")) {
            Path root = disk.dir().resolve("new/x");
            assertThatThrownBy(() -> Stager.apply(serials(boot, LinkMode.COPY, "1234abcd"), root))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageStartingWith(root.resolve("1234abcd") + "/").hasMessageEndingWith(": No space left on device");
            assertThat(SpecialFiles.names(disk.dir())).as("new/ and x/ removed again").isEmpty();
        }
    }

    @Test
    void aFullDiskUnderAnExistingRootLeavesTheOldFolderAndNoStaging() throws Exception {
        Path boot = BootPartition.create(tmp.resolve("boot"));
        try (TmpfsMount disk = TmpfsMount.of(tmp.resolve("disk"), "size=128k")) {
            Path root = disk.dir();
            Stager.apply(serials(boot, LinkMode.COPY, "1234abcd"), root);
            long free = Files.getFileStore(root).getUsableSpace();
            Files.write(root.resolve("filler"), new byte[(int) free - 8192]);     // two pages stay free
            Files.writeString(boot.resolve("kernel8.img"), "a bigger kernel\n".repeat(2000));
            assertThatThrownBy(() -> Stager.apply(serials(boot, LinkMode.COPY, "1234abcd"), root))
                    .hasMessageEndingWith(": No space left on device");
            assertThat(SpecialFiles.names(root)).containsExactly("1234abcd", "filler");
            assertThat(Files.readString(root.resolve("1234abcd/kernel8.img"))).startsWith("dummy kernel8.img");
        }
    }

    @Test
    void aReadOnlyMountIsSaidSoNotBlamedOnHardLinks() throws Exception {
        Path boot = BootPartition.create(tmp.resolve("boot"));
        try (TmpfsMount ro = TmpfsMount.of(tmp.resolve("ro"), "size=64k,ro")) {
            Path root = ro.dir().resolve("tftp");
            assertThatThrownBy(() -> Stager.apply(serials(boot, LinkMode.HARD, "1234abcd"), root))
                    .isInstanceOf(FileSystemException.class).hasMessage(root + ": Read-only file system");
        }
    }

    @Test
    void anSdCardRootInTheSharedCmdlineIsOneWarning() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot"));
        StagingPlan shared = plan(boot, Devices.ofSerials(List.of("1234abcd", "5678ef01")), Prefix.SERIAL,
                Optional.empty(), LinkMode.HARD, Optional.empty());
        assertThat(Stager.sdCardRoots(shared)).containsExactly(boot.resolve("cmdline.txt") + ": root=/dev/mmcblk0p2 "
                + "is the SD card; a board that boots from the network needs its root there too (root=/dev/nfs "
                + "nfsroot=..., or --nfs-root SERVER:/PATH)");
        assertThat(Stager.sdCardRoots(serials(boot, LinkMode.HARD, "1234abcd", "5678ef01"))).isEmpty();
        StagingPlan own = plan(boot, Devices.ofSerials(List.of("1234abcd", "5678ef01")), Prefix.SERIAL,
                Optional.empty(), LinkMode.HARD, Optional.of(Template.parse("--cmdline", "root=PARTUUID=1-02 rw")));
        assertThat(Stager.sdCardRoots(own)).containsExactly("1234abcd/cmdline.txt: root=PARTUUID=1-02 is the SD card; "
                + "a board that boots from the network needs its root there too (root=/dev/nfs nfsroot=..., or "
                + "--nfs-root SERVER:/PATH)");
    }
}
