package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.netboot.boot.BootServer;
import io.github.pieeprom.netboot.boot.BootServerConfig;
import io.github.pieeprom.netboot.boot.VirtualPi;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.netboot.profile.History;
import io.github.pieeprom.testing.BootPartition;
import io.github.pieeprom.testing.TreeSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eeprom tftp stage --profile}, {@code eeprom boot set} and {@code eeprom boot list}, run as a user does. */
class BootCommandTest {
    private static final String DEVICES = """
            serial,mac,name,rack,nfs
            1234abcd,dc:a6:32:01:36:c2,node1,r1,/srv/nfs/a
            5678ef01,dc:a6:32:01:36:c3,node2,r1,/srv/nfs/b
            9abc0123,dc:a6:32:01:36:c4,node3,r2,/srv/nfs/c
            """;
    @TempDir Path tmp;
    Path boot, root, devices;

    @BeforeEach
    void stageProfiles() throws IOException {
        boot = BootPartition.create(tmp.resolve("boot"));
        root = tmp.resolve("tftp");
        devices = Files.writeString(tmp.resolve("devices.csv"), DEVICES);
        ok("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile", "installed",
                "--cmdline", "root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/shared ro");
        Path config = Files.writeString(tmp.resolve("config.txt"), "# ${name} in ${rack}\narm_64bit=1\n");
        ok("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile", "installer",
                "--config-txt", config.toString(), "--cmdline", "console=serial0 hostname=${name} nfsroot=${server}:${nfs}",
                "--var", "server=10.0.0.1");
    }

    @Test
    void aProfileIsStagedUnderProfilesWithNoBoardsFolder() throws IOException {
        Cli.Result dry = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile",
                "rescue", "--cmdline", "root=/dev/ram0 ${name}", "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).startsWith("profiles/rescue/ (profile)\n").contains("  cmdline.txt                  "
                + "root=/dev/ram0 ${name}\n");
        assertThat(root.resolve("profiles/rescue")).doesNotExist();
        assertThat(Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile",
                "rescue", "--cmdline", "x").out()).isEqualTo("created   profiles/rescue/ (profile, 10 files)\n");
        Cli.Result prefix = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile",
                "rescue", "--prefix", "mac");
        assertThat(prefix.exit()).isEqualTo(2);
        assertThat(prefix.stderr()).isEqualTo("eeprom: error: --prefix names boards' folders; a --profile is linked "
                + "to by them\n");
        Cli.Result both = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile",
                "rescue", "--serial", "1234abcd");
        assertThat(both.exit()).isEqualTo(2);
        Cli.Result name = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile",
                "../x");
        assertThat(name.stderr()).isEqualTo("eeprom: error: --profile ../x: expected a name of letters, digits, ., _ "
                + "and -, not starting with . or -\n");
    }

    @Test
    void aProfileStagedAgainIsANewVersionItsLinkIsRenamedTo() throws IOException {
        String[] stage = {"tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile",
                "installed", "--cmdline", "root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/shared ro"};
        assertThat(ok(stage)).isEqualTo("unchanged profiles/installed/ (profile, 10 files)\n");
        assertThat(Files.readSymbolicLink(root.resolve("profiles/installed"))).isEqualTo(Path.of(".installed.1"));
        stage[stage.length - 1] = "root=/dev/nfs v2";
        assertThat(ok(stage)).isEqualTo("updated   profiles/installed/ (profile, 10 files)\n");
        assertThat(Files.readSymbolicLink(root.resolve("profiles/installed"))).isEqualTo(Path.of(".installed.2"));
        assertThat(root.resolve("profiles/.installed.1/cmdline.txt")).hasContent("root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/shared ro");
        stage[stage.length - 1] = "root=/dev/nfs v3";
        ok(stage);
        assertThat(root.resolve("profiles/.installed.1")).doesNotExist();
        assertThat(root.resolve("profiles/.installed.2")).isDirectory();
        assertThat(root.resolve("profiles/installed/cmdline.txt")).hasContent("root=/dev/nfs v3");
        Files.createDirectories(root.resolve("profiles/byhand"));
        Map<String, String> before = TreeSnapshot.of(root);
        Cli.Result r = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile",
                "byhand");
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + root.resolve("profiles/byhand") + ": a profile made by "
                + "hand, not a link to a version that tftp stage made: move it away to stage this profile\n");
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void aBoardsFolderBecomesALinkToItsProfileThatTftpCheckFollows() throws IOException {
        Cli.Result r = Cli.run("boot", "set", "--root", root.toString(), "1234ABCD", "installed");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.out()).isEqualTo("switched  1234abcd: (no profile) -> installed\n");
        assertThat(Files.readSymbolicLink(root.resolve("1234abcd"))).isEqualTo(Path.of("profiles/installed"));
        Cli.Result check = Cli.run("tftp", "check", "--root", root.toString(), "--serial", "1234abcd");
        assertThat(check.exit()).as(check.out()).isZero();
        assertThat(check.out()).contains("1234abcd/kernel8.img                 found\n")
                .endsWith("board 1234abcd boots from 1234abcd/\n");
        assertThat(Cli.run("boot", "set", "--root", root.toString(), "1234abcd", "installed").out())
                .isEqualTo("unchanged 1234abcd: installed\n");
        Map<String, String> before = TreeSnapshot.of(root);
        Cli.Result staged = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "1234abcd");
        assertThat(staged.exit()).isEqualTo(1);
        assertThat(staged.stderr()).isEqualTo("eeprom: error: " + root.resolve("1234abcd") + ": board 1234abcd's "
                + "folder is a link to profiles/installed (eeprom boot set switches it): remove the link to stage a "
                + "folder of its own\n");
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void aProfileWithVariablesIsRenderedForEachBoardOfARack() throws IOException {
        Cli.Result r = Cli.run("boot", "set", "--root", root.toString(), "--devices", devices.toString(), "--all-in",
                "r1", "installer");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.out()).isEqualTo("switched  1234abcd (node1): (no profile) -> installer\n"
                + "switched  5678ef01 (node2): (no profile) -> installer\n");
        assertThat(Files.readString(root.resolve("5678ef01/cmdline.txt")))
                .isEqualTo("console=serial0 hostname=node2 nfsroot=10.0.0.1:/srv/nfs/b\n");
        assertThat(Files.readString(root.resolve("5678ef01/config.txt"))).isEqualTo("# node2 in r1\narm_64bit=1\n");
        assertThat(Files.readString(root.resolve("1234abcd/cmdline.txt")))
                .isEqualTo("console=serial0 hostname=node1 nfsroot=10.0.0.1:/srv/nfs/a\n");
        assertThat(root.resolve("9abc0123")).doesNotExist();
        assertThat(Files.readSymbolicLink(root.resolve("1234abcd")).toString()).startsWith(".boards/1234abcd/installer.");
        assertThat(root.resolve("1234abcd/start4.elf")).hasSameBinaryContentAs(boot.resolve("start4.elf"));
        assertThat(root.resolve("1234abcd/overlays/vc4-kms-v3d.dtbo"))
                .hasSameBinaryContentAs(boot.resolve("overlays/vc4-kms-v3d.dtbo"));
        for (String serial : List.of("1234abcd", "5678ef01"))
            assertThat(Cli.run("tftp", "check", "--root", root.toString(), "--serial", serial).exit()).isZero();
    }

    @Test
    void listShowsEveryBoardsProfileAsTextAndJson() throws IOException {
        ok("boot", "set", "--root", root.toString(), "--devices", devices.toString(), "--all", "installed");
        ok("boot", "set", "--root", root.toString(), "--devices", devices.toString(), "node3", "installer");
        assertThat(ok("boot", "list", "--root", root.toString())).isEqualTo("""
                1234abcd           installed
                5678ef01           installed
                9abc0123           installer
                """);
        String json = ok("boot", "list", "--root", root.toString(), "--json");
        String link = Files.readSymbolicLink(root.resolve("9abc0123")).toString();
        assertThat(json).startsWith("""
                [
                  {
                    "board": "1234abcd",
                    "profile": "installed",
                    "link": "profiles/installed",
                    "rendered": false,
                    "once": null
                  },""").endsWith("""
                  {
                    "board": "9abc0123",
                    "profile": "installer",
                    "link": "%s",
                    "rendered": true,
                    "once": null
                  }
                ]
                """.formatted(link));
    }

    @Test
    void everySwitchIsInTheHistoryWithWhoAndWhen() throws IOException {
        ok("boot", "set", "--root", root.toString(), "--devices", devices.toString(), "node1", "installer");
        ok("boot", "set", "--root", root.toString(), "--devices", devices.toString(), "dc-a6-32-01-36-c2", "installed");
        List<History.Entry> history = History.read(root);
        assertThat(history).extracting(History.Entry::board, History.Entry::name, History.Entry::from,
                History.Entry::to, History.Entry::how).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1234abcd", "node1", "", "installer", History.How.SET),
                org.assertj.core.groups.Tuple.tuple("1234abcd", "node1", "installer", "installed", History.How.SET));
        assertThat(history.get(0).time()).isBeforeOrEqualTo(history.get(1).time());
        assertThat(BootSetCommand.user(Map.of("SUDO_USER", "alice", "USER", "root")::get)).isEqualTo("alice");
        assertThat(BootSetCommand.user(Map.of("USER", "bob")::get)).isEqualTo("bob");
    }

    @Test
    void onceBootsTheProfileAtTheNextBootOnlyAndTheBootServerPutsTheBoardBack() throws Exception {
        ok("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--profile", "rescue",
                "--cmdline", "root=/dev/ram0 rescue");
        ok("boot", "set", "--root", root.toString(), "1234abcd", "installed");
        Map<String, String> before = TreeSnapshot.of(root);
        Cli.Result refused = Cli.run("boot", "set", "--root", root.toString(), "1234abcd", "rescue", "--once");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stderr()).isEqualTo("eeprom: error: " + root + ": --once needs eeprom boot serve --root "
                + root + " running: it puts the board back on its profile once it has fetched the one-shot "
                + "profile's kernel, and no boot server with the state folder " + root.resolve(".eeprom-boot")
                + " runs now (--state: the one boot serve has); nothing changed\n");
        assertThat(TreeSnapshot.of(root)).as("refused: nothing changed").isEqualTo(before);

        List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
        BootServerConfig config = new BootServerConfig(root, tmp.resolve("state"), InetAddress.getLoopbackAddress(),
                0, -1, -1, PiFacts.MENU_TEXT);
        try (BootServer server = BootServer.start(config, t -> t, Clock.systemUTC(), e -> { }, e -> { }, notes::add)) {
            assertThat(Cli.run("boot", "set", "--root", root.toString(), "1234abcd", "rescue", "--once").exit())
                    .as("the server has its state elsewhere").isEqualTo(1);
            assertThat(ok("boot", "set", "--root", root.toString(), "--state", tmp.resolve("state").toString(),
                    "1234abcd", "rescue", "--once")).isEqualTo("switched  1234abcd: installed -> rescue\n");
            assertThat(VirtualPi.boot(server.tftpAddress(), "1234abcd", tmp.resolve("boot1"))).isTrue();
            assertThat(VirtualPi.boot(server.tftpAddress(), "1234abcd", tmp.resolve("boot2"))).isTrue();
            assertThat(VirtualPi.boot(server.tftpAddress(), "1234abcd", tmp.resolve("boot3"))).isTrue();
        }
        assertThat(tmp.resolve("boot1/1234abcd/cmdline.txt")).as("the one-shot boot").hasContent("root=/dev/ram0 rescue");
        for (String next : List.of("boot2", "boot3"))
            assertThat(tmp.resolve(next + "/1234abcd/cmdline.txt")).as("every boot after it")
                    .hasContent("root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/shared ro");
        assertThat(notes).contains("board 1234abcd: one-shot boot of rescue done, back to installed");
        assertThat(ok("boot", "list", "--root", root.toString())).contains("installed").doesNotContain("rescue");
        assertThat(History.read(root)).extracting(e -> e.how() + " " + e.from() + " -> " + e.to())
                .containsSubsequence("ONCE installed -> rescue", "BACK rescue -> installed");
        String status = ok("boot", "status", "--root", root.toString(), "--state", tmp.resolve("state").toString(),
                "1234abcd");
        assertThat(status).startsWith("1234abcd ").contains("history of 1234abcd:\n")
                .containsPattern("once  installed -> rescue \\(\\w+\\)\n")
                .containsPattern("back  rescue -> installed \\(boot-server\\)\n");
        Cli.Result unknown = Cli.run("boot", "status", "--root", root.toString(), "--state",
                tmp.resolve("state").toString(), "99999999");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.stderr()).isEqualTo("eeprom: error: " + root + ": no board 99999999 in the inventory ("
                + tmp.resolve("state") + ") or the history of boot set\n");
    }

    @Test
    void badInputIsOneLineAndChangesNothing() throws IOException {
        ok("boot", "set", "--root", root.toString(), "1234abcd", "installed");
        Path broken = root.resolve("profiles/broken");                   // a Pi 4 profile without start4.elf
        Files.createDirectories(broken);
        for (String f : List.of("fixup4.dat", "bcm2711-rpi-4-b.dtb", "kernel8.img", "cmdline.txt"))
            Files.copy(root.resolve("profiles/installed").resolve(f), broken.resolve(f));
        Path vmlinuz = root.resolve("profiles/vmlinuz");                  // config.txt names a kernel it lacks
        Files.createDirectories(vmlinuz);
        for (String f : List.of("start4.elf", "fixup4.dat", "bcm2711-rpi-4-b.dtb", "kernel8.img", "cmdline.txt"))
            Files.copy(root.resolve("profiles/installed").resolve(f), vmlinuz.resolve(f));
        Files.writeString(vmlinuz.resolve("config.txt"), "kernel=vmlinuz-6.6\n");
        Files.createSymbolicLink(root.resolve("profiles/a"), Path.of("b"));    // a loop of profile links
        Files.createSymbolicLink(root.resolve("profiles/b"), Path.of("a"));
        Path looping = root.resolve("profiles/looping");                  // a loop inside a profile
        Files.createDirectories(looping);
        Files.createSymbolicLink(looping.resolve("kernel8.img"), Path.of("kernel8.img"));
        Path outside = root.resolve("profiles/outside");                  // links a chrooted server cannot follow
        Files.createSymbolicLink(outside, boot.toAbsolutePath());
        Files.createDirectories(root.resolve("5678ef01"));                // a folder tftp stage made, not a link
        Map<String, String> before = TreeSnapshot.of(root);
        String r = root.toString(), d = devices.toString();
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("1234abcd", "nosuch"), r + "/profiles/nosuch: no such profile (profiles here: a, b, broken, "
                + "installed, installer, looping, outside, vmlinuz; eeprom tftp stage --profile nosuch makes one)");
        cases.put(List.of("--devices", d, "node9", "installed"), d + ": no board node9: not a serial, MAC, name or "
                + "hostname in it");
        cases.put(List.of("--devices", d, "87654321", "installed"), d + ": no board 87654321: not a serial, MAC, name "
                + "or hostname in it");
        cases.put(List.of("1234abcd", "broken"), r + "/profiles/broken: board 1234abcd cannot boot it as a Pi 4: "
                + "missing start4.elf");
        cases.put(List.of("1234abcd", "vmlinuz"), r + "/profiles/vmlinuz: board 1234abcd cannot boot it as a Pi 4: "
                + "missing vmlinuz-6.6");
        cases.put(List.of("1234abcd", "a"), r + "/profiles/a: a loop of symbolic links");
        cases.put(List.of("1234abcd", "looping"), r + "/profiles/looping/kernel8.img: a loop of symbolic links");
        cases.put(List.of("1234abcd", "outside"), r + "/profiles/outside: links to " + boot.toRealPath()
                + ", outside the TFTP root: a server that keeps to the root (in.tftpd -s, eeprom tftp serve) cannot "
                + "serve it");
        cases.put(List.of("1234abcd", "installer"), r + "/profiles/installer/cmdline.txt:1: unknown variable "
                + "${nfs} (known: name, serial) (board 1234abcd)");
        cases.put(List.of("5678ef01", "installed"), r + "/5678ef01: board 5678ef01's folder is a folder of its own "
                + "(as eeprom tftp stage makes them), not a link to a profile: move it away first");
        cases.put(List.of("--devices", d, "--all-in", "r9", "installed"), d + ": no board has rack r9");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("boot", "set", "--root", r));
            args.addAll(c.getKey());
            Cli.Result result = Cli.run(args.toArray(new String[0]));
            assertThat(result.exit()).as(c.getKey().toString()).isEqualTo(1);
            assertThat(result.stderr()).as(c.getKey().toString()).isEqualTo("eeprom: error: " + c.getValue() + "\n");
            assertThat(result.out()).isEmpty();
            assertThat(TreeSnapshot.of(root)).as(c.getKey().toString()).isEqualTo(before);
        }
        Cli.Result board = Cli.run("boot", "set", "--root", r, "node1", "installed");
        assertThat(board.exit()).as("a BOARD no board can be, without --devices: a usage error").isEqualTo(2);
        assertThat(board.stderr()).isEqualTo("eeprom: error: BOARD node1: expected a serial (8 hex digits), a MAC "
                + "(dc:a6:32:01:36:c2) or, with --devices FILE, a board's name\n");
        Cli.Result profile = Cli.run("boot", "set", "--root", r, "1234abcd", "../x");
        assertThat(profile.exit()).isEqualTo(2);
        assertThat(profile.stderr()).isEqualTo("eeprom: error: PROFILE ../x: expected a name of letters, digits, ., _ "
                + "and -, not starting with . or -\n");
        for (List<String> usage : List.of(List.of("1234abcd"), List.of("--all", "installed"),
                List.of("--devices", d, "--all", "node1", "installed"))) {
            List<String> args = new java.util.ArrayList<>(List.of("boot", "set", "--root", r));
            args.addAll(usage);
            Cli.Result result = Cli.run(args.toArray(new String[0]));
            assertThat(result.exit()).as(usage.toString()).isEqualTo(2);
            assertThat(result.stderr().lines()).as(usage.toString()).hasSize(1);
            assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        }
    }

    private static String ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.stderr()).isZero();
        return r.out();
    }
}
