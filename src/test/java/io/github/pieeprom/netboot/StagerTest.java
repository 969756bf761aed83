package io.github.pieeprom.netboot;

import io.github.pieeprom.template.Template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.testing.BootPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagerTest {
    private static final String TEMPLATE = "root=/dev/nfs nfsroot=${server}:/srv/nfs/${serial},vers=4 rw ip=dhcp rootwait";
    @TempDir Path tmp;

    private StagingPlan plan(Path boot, LinkMode link, String server, String... serials) throws IOException {
        return StagingPlan.of(new StagingPlan.Inputs(boot, Stager.bootFiles(boot), Devices.ofSerials(List.of(serials)),
                Prefix.SERIAL, Optional.empty(), link, Optional.of(Template.parse("--cmdline", TEMPLATE)),
                Map.of("server", server), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /** Every path under the root with its inode and modification time (symbolic links not followed). */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                out.put(root.relativize(p).toString(), a.fileKey() + " " + a.lastModifiedTime().toMillis());
            }
        }
        return out;
    }

    @Test
    void aSecondRunChangesNoFilesInodeOrModificationTime() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        for (LinkMode link : LinkMode.values()) {
            Path r = root.resolve(link.name());
            assertThat(Stager.apply(plan(boot, link, "10.0.0.1", "1234abcd", "5678ef01"), r))
                    .extracting(Stager.Outcome::change).containsOnly(Stager.Change.CREATED);
            backdate(r);
            Map<String, String> before = snapshot(r);
            assertThat(Stager.apply(plan(boot, link, "10.0.0.1", "1234abcd", "5678ef01"), r))
                    .extracting(Stager.Outcome::change).containsOnly(Stager.Change.UNCHANGED);
            assertThat(snapshot(r)).as(link.name()).isEqualTo(before);
        }
    }

    @Test
    void aChangedInputChangesOnlyWhatDiffers() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        Stager.apply(plan(boot, LinkMode.COPY, "10.0.0.1", "1234abcd"), root);
        backdate(root);
        Map<String, String> before = snapshot(root);
        List<Stager.Outcome> outcomes = Stager.apply(plan(boot, LinkMode.COPY, "10.0.0.2", "1234abcd", "5678ef01"), root);
        assertThat(outcomes).extracting(Stager.Outcome::change).containsExactly(Stager.Change.UPDATED, Stager.Change.CREATED);
        Map<String, String> after = snapshot(root);
        for (String name : before.keySet()) {
            if (name.startsWith("1234abcd/") && !name.equals("1234abcd/cmdline.txt") && !name.equals("1234abcd/overlays"))
                assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
        }
        assertThat(after.get("1234abcd/cmdline.txt")).isNotEqualTo(before.get("1234abcd/cmdline.txt"));
        assertThat(Files.readString(root.resolve("1234abcd/cmdline.txt"))).contains("nfsroot=10.0.0.2:/srv/nfs/1234abcd,");
        assertThat(root.resolve("5678ef01/start4.elf")).exists();
        try (Stream<Path> list = Files.list(root)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1234abcd", "5678ef01");
        }
    }

    @Test
    void hardLinksShareTheBootFilesInodeSymlinksAreRelativeCopiesAreIndependent() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("tftp/boot"));
        Path root = tmp.resolve("tftp");
        Stager.apply(plan(boot, LinkMode.HARD, "10.0.0.1", "1234abcd"), root.resolve("hard"));
        assertThat(Files.isSameFile(root.resolve("hard/1234abcd/start4.elf"), boot.resolve("start4.elf"))).isTrue();
        Stager.apply(plan(boot, LinkMode.SYMLINK, "10.0.0.1", "1234abcd"), root);
        assertThat(Files.readSymbolicLink(root.resolve("1234abcd/start4.elf"))).isEqualTo(Path.of("../boot/start4.elf"));
        assertThat(Files.readSymbolicLink(root.resolve("1234abcd/overlays/vc4-kms-v3d.dtbo")))
                .isEqualTo(Path.of("../../boot/overlays/vc4-kms-v3d.dtbo"));
        assertThat(Files.readString(root.resolve("1234abcd/overlays/vc4-kms-v3d.dtbo")))
                .isEqualTo(Files.readString(boot.resolve("overlays/vc4-kms-v3d.dtbo")));
        Stager.apply(plan(boot, LinkMode.COPY, "10.0.0.1", "1234abcd"), root.resolve("copy"));
        Path copy = root.resolve("copy/1234abcd/start4.elf");
        assertThat(Files.isSameFile(copy, boot.resolve("start4.elf")) || Files.isSymbolicLink(copy)).isFalse();
        assertThat(Files.mismatch(copy, boot.resolve("start4.elf"))).isEqualTo(-1L);
    }

    @Test
    void aRootThatIsAFileIsRefusedAndLeftAlone() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot"));
        Path root = Files.writeString(tmp.resolve("tftp"), "not a folder");
        assertThatThrownBy(() -> Stager.apply(plan(boot, LinkMode.HARD, "10.0.0.1", "1234abcd"), root))
                .isInstanceOf(EepromException.class).hasMessage(root + ": the TFTP root is a file, not a folder");
        assertThat(Files.readString(root)).isEqualTo("not a folder");
    }

    @Test
    void aBootFileThatVanishedIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        StagingPlan plan = plan(boot, LinkMode.HARD, "10.0.0.1", "1234abcd", "5678ef01");
        Files.delete(boot.resolve("fixup4.dat"));
        assertThatThrownBy(() -> Stager.apply(plan, root)).isInstanceOf(EepromException.class)
                .hasMessage(boot.resolve("fixup4.dat") + ": missing boot file");
        assertThat(root).doesNotExist();
    }

    /** Moves every time into the past, so a rewrite within the same clock tick would still show. */
    private static void backdate(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) if (!Files.isSymbolicLink(p))
                Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_000_000L));
        }
    }
}
