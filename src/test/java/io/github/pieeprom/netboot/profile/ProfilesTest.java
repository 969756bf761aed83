package io.github.pieeprom.netboot.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.cli.Cli;
import io.github.pieeprom.netboot.BootReplay;
import io.github.pieeprom.netboot.Devices;
import io.github.pieeprom.netboot.Prefix;
import io.github.pieeprom.testing.BootPartition;
import io.github.pieeprom.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library calls behind {@code eeprom boot}: one-shot boots as the boot server consumes them, rendered folders. */
class ProfilesTest {
    private static final Change ALICE = new Change("alice", Instant.parse("2026-12-07T19:00:00Z"));
    private static final Change SERVER = new Change("boot-server", Instant.parse("2026-12-07T19:05:00Z"));
    @TempDir Path tmp;
    Path root;

    @BeforeEach
    void stageProfiles() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot"));
        root = tmp.resolve("tftp");
        for (String profile : List.of("installed", "rescue", "memtest", "installer")) {
            Cli.Result r = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile",
                    profile, "--cmdline", profile.equals("installer") ? "root=/dev/ram0 nfs=${nfs} via ${server}"
                            : "root=/dev/nfs " + profile, "--var", "server=10.0.0.1");
            assertThat(r.exit()).as(r.stderr()).isZero();
        }
    }

    private static Target board(String serial) {
        return Targets.one(serial, "", Optional.empty(), Prefix.SERIAL);
    }

    @Test
    void aProfileKeepsTheVariablesOnlyABoardCanFillIn() throws IOException {
        assertThat(Files.readString(root.resolve("profiles/installer/cmdline.txt")))
                .isEqualTo("root=/dev/ram0 nfs=${nfs} via 10.0.0.1\n");
    }

    @Test
    void aOneShotBootLastsUntilTheBoardHasFetchedItsKernel() throws IOException {
        Profiles.set(root, List.of(board("1234abcd")), "installed", BootReplay.Model.PI4, ALICE);
        Profiles.once(root, board("1234abcd"), "rescue", BootReplay.Model.PI4, ALICE);
        assertThat(Files.readSymbolicLink(root.resolve("1234abcd"))).isEqualTo(Path.of("profiles/rescue"));
        assertThat(OneShot.read(root)).containsExactly(
                new OneShot("1234abcd", "rescue", "kernel8.img", "profiles/installed", "installed"));
        assertThat(Cli.run("boot", "list", "--root", root.toString()).out())
                .isEqualTo("1234abcd           rescue (once; then installed)\n");

        assertThat(Profiles.fetched(root, "1234abcd/start4.elf", SERVER)).isEmpty();     // not yet the kernel
        assertThat(Profiles.fetched(root, "5678ef01/kernel8.img", SERVER)).isEmpty();    // another board
        assertThat(Files.readSymbolicLink(root.resolve("1234abcd"))).isEqualTo(Path.of("profiles/rescue"));
        assertThat(Profiles.fetched(root, "1234abcd/kernel8.img", SERVER)).contains(
                new Profiles.Switched("1234abcd", "1234abcd", "rescue", "installed", true));
        assertThat(Files.readSymbolicLink(root.resolve("1234abcd"))).isEqualTo(Path.of("profiles/installed"));
        assertThat(OneShot.read(root)).isEmpty();
        assertThat(Profiles.fetched(root, "1234abcd/kernel8.img", SERVER)).isEmpty();    // the next boot: as set
        assertThat(History.read(root)).extracting(History.Entry::how, History.Entry::user, History.Entry::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(History.How.SET, "alice", "installed"),
                        org.assertj.core.groups.Tuple.tuple(History.How.ONCE, "alice", "rescue"),
                        org.assertj.core.groups.Tuple.tuple(History.How.BACK, "boot-server", "installed"));
    }

    @Test
    void aSecondOneShotReplacesTheFirstAndReturnsToTheProfileBeforeBoth() throws IOException {
        Profiles.set(root, List.of(board("1234abcd")), "installed", BootReplay.Model.PI4, ALICE);
        Profiles.once(root, board("1234abcd"), "rescue", BootReplay.Model.PI4, ALICE);
        Profiles.once(root, board("1234abcd"), "memtest", BootReplay.Model.PI4, ALICE);
        assertThat(OneShot.read(root)).containsExactly(
                new OneShot("1234abcd", "memtest", "kernel8.img", "profiles/installed", "installed"));
        Profiles.fetched(root, "1234abcd/kernel8.img", SERVER);
        assertThat(Files.readSymbolicLink(root.resolve("1234abcd"))).isEqualTo(Path.of("profiles/installed"));
    }

    @Test
    void aPlainSetReplacesAPendingOneShot() throws IOException {
        Profiles.set(root, List.of(board("1234abcd")), "installed", BootReplay.Model.PI4, ALICE);
        Profiles.once(root, board("1234abcd"), "rescue", BootReplay.Model.PI4, ALICE);
        Profiles.set(root, List.of(board("1234abcd")), "installed", BootReplay.Model.PI4, ALICE);
        assertThat(OneShot.read(root)).isEmpty();
        assertThat(Profiles.fetched(root, "1234abcd/kernel8.img", SERVER)).isEmpty();
        assertThat(Files.readSymbolicLink(root.resolve("1234abcd"))).isEqualTo(Path.of("profiles/installed"));
    }

    @Test
    void aOneShotNeedsAProfileToComeBackTo() throws IOException {
        Map<String, String> before = TreeSnapshot.of(root);
        assertThatThrownBy(() -> Profiles.once(root, board("1234abcd"), "rescue", BootReplay.Model.PI4, ALICE))
                .isInstanceOf(EepromException.class).hasMessage(root.resolve("1234abcd") + ": board 1234abcd has no "
                        + "profile to come back to after a one-shot boot: set one first");
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void aBoardKeepsItsCurrentAndItsPreviousRenderedFolder() throws IOException {
        String a = "serial,nfs\n1234abcd,/srv/a\n", b = "serial,nfs\n1234abcd,/srv/b\n";
        Target first = Devices.parseCsv("a.csv", a).stream().map(d -> Targets.all(List.of(d), Prefix.SERIAL).get(0))
                .findFirst().orElseThrow();
        Target second = Targets.all(Devices.parseCsv("b.csv", b), Prefix.SERIAL).get(0);
        Profiles.set(root, List.of(first), "installer", BootReplay.Model.PI4, ALICE);
        Path linkA = Files.readSymbolicLink(root.resolve("1234abcd"));
        assertThat(Files.readString(root.resolve("1234abcd/cmdline.txt"))).isEqualTo("root=/dev/ram0 nfs=/srv/a via 10.0.0.1\n");
        Profiles.set(root, List.of(second), "installer", BootReplay.Model.PI4, ALICE);
        Path linkB = Files.readSymbolicLink(root.resolve("1234abcd"));
        assertThat(linkB).isNotEqualTo(linkA);
        assertThat(Files.readString(root.resolve("1234abcd/cmdline.txt"))).isEqualTo("root=/dev/ram0 nfs=/srv/b via 10.0.0.1\n");
        assertThat(root.resolve(linkA)).isDirectory();                   // the folder just left stays a while
        Profiles.set(root, List.of(second), "installed", BootReplay.Model.PI4, ALICE);
        assertThat(root.resolve(linkA)).doesNotExist();
        assertThat(root.resolve(linkB)).isDirectory();
        assertThat(Profiles.set(root, List.of(second), "installed", BootReplay.Model.PI4, ALICE))
                .extracting(Profiles.Switched::changed).containsExactly(false);
    }

    @Test
    void theHistoryEscapesWhatWouldBreakItsLines() {
        History.Entry e = new History.Entry(Instant.parse("2026-12-07T19:00:00Z"), "a\tb%c", "1234abcd", "n\n1",
                "", "installed", History.How.SET);
        String line = History.line(e);
        assertThat(line).isEqualTo("time=2026-12-07T19:00:00Z\tuser=a%09b%25c\tboard=1234abcd\tname=n%0A1\tfrom=\t"
                + "to=installed\thow=set\n");
        assertThat(History.parse("h.tsv", History.HEADER + "\n" + line)).containsExactly(e);
        assertThatThrownBy(() -> History.parse("h.tsv", History.HEADER + "\ntime=x\n"))
                .hasMessage("h.tsv:2: no user= field");
    }
}
