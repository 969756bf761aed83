package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.SpecialFiles;
import io.github.pieeprom.testing.SyntheticImage;
import io.github.pieeprom.testing.TmpfsMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import io.github.pieeprom.image.Section;
import io.github.pieeprom.signing.SigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** info, extract and apply as a user runs them. */
class ImageCommandsTest {
    private static final byte[] PI4 = SyntheticImage.pi4Sample(), AB = SyntheticImage.pi5AbSample();
    @TempDir Path tmp;
    Path pi4, ab, config;

    @BeforeEach
    void images() throws IOException {
        pi4 = Files.write(tmp.resolve("pi4.bin"), PI4);
        ab = Files.write(tmp.resolve("ab.bin"), AB);
        config = Files.writeString(tmp.resolve("boot.conf"), "[all]\nBOOT_ORDER=0xf21\nNET_BOOT_MAX_RETRIES=5\n");
    }

    @Test
    void infoShowsSocBuildConfigRoomAndSections() {
        Cli.Result r = Cli.run("info", pi4.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("""
                file        %s
                soc         BCM2711 (Pi 4 / Pi 400 / CM4), 524288 bytes
                build       2026-01-01 00:00:00 UTC (BUILD_TIMESTAMP=1767225600), version 5a4e7e11, MFG_VER 1
                bootconf    53 bytes at 0x017000, room for 4076 bytes
                signed      no    pubkey no    cacert no
                signature   absent (no bootconf.sig)
                updated     no update timestamp set
                lz4         sizes from the frame headers; not checked (--check decompresses and checks them)

                  offset     length  kind        name          decompressed
                  0x000000    51200  bootcode
                  0x00c808    16245  lz4         bootmain      120000
                """.formatted(pi4));
        assertThat(r.out()).contains("  0x012e30     9016  compressed  vl805hub.bin\n",
                "  0x017000       69  file        bootconf.txt\n");
        Cli.Result checked = Cli.run("info", "--check", pi4.toString());
        assertThat(checked.exit()).isZero();
        assertThat(checked.out()).isEqualTo(r.out().replace("sizes from the frame headers; not checked (--check "
                + "decompresses and checks them)", "every section decompressed and its SHA-256 checked"));
    }

    @Test
    void infoCheckFindsADamagedLz4SectionThatPlainInfoDoesNotRead() throws IOException {
        EepromImage image = EepromImage.parse("pi4.bin", PI4);
        Section bootmain = image.sections().stream().filter(s -> s.name().equals("bootmain")).findFirst().orElseThrow();
        byte[] damaged = PI4.clone();
        int lastShaByte = bootmain.payloadOffset() + bootmain.payloadLength() - 1;
        damaged[lastShaByte] ^= 1;
        Path file = Files.write(tmp.resolve("damaged.bin"), damaged);
        assertThat(Cli.run("info", file.toString()).exit()).isZero();
        Cli.Result r = Cli.run("info", "--check", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.stderr()).isEqualTo(("eeprom: error: %s@0x%06x: LZ4 section bootmain: the SHA-256 of its 120000 "
                + "decompressed bytes does not match the one stored after the frame\n").formatted(file,
                bootmain.payloadOffset() + bootmain.payloadLength() - 32));
    }

    @Test
    void infoJsonHasTheDocumentedKeys() {
        Cli.Result r = Cli.run("info", "--json", ab.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("""
                {
                  "file": "%s",
                  "soc": "2712",
                  "size": 2097152,
                  "ab": true,
                  "build": {
                    "timestamp": 1767225600,
                    "date": "2026-01-01",
                    "version": "5a4e7eab",
                    "mfgVersion": 1
                  },
                  "bootconf": {
                    "offset": 196608,
                    "length": 56,
                    "capacity": 4076
                  },
                  "signed": false,
                  "pubkey": false,
                  "cacert": false,
                  "signature": "absent",
                  "updateTimestamp": null,
                  "properties": [],
                  "lz4Checked": false,
                  "sections": [
                    {
                      "offset": 0,
                      "length": 25984,
                      "kind": "bootcode",
                      "name": ""
                    },
                """.formatted(ab)).contains("""
                    {
                      "offset": 143872,
                      "length": 40747,
                      "kind": "lz4",
                      "name": "bootmain",
                      "decompressed": 300000
                    },
                """).endsWith("""
                      "kind": "pad",
                      "name": ""
                    }
                  ]
                }
                """);
    }

    @Test
    void extractPrintsTheConfigByteForByteOrWritesIt() throws IOException {
        Cli.Result r = Cli.run("extract", pi4.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("[all]\nBOOT_UART=0\nWAKE_ON_GPIO=1\nPOWER_OFF_ON_HALT=0\n");
        Path out = tmp.resolve("got.conf");
        assertThat(Cli.run("extract", pi4.toString(), "-o", out.toString()).exit()).isZero();
        assertThat(out).hasBinaryContent(r.stdout());
    }

    @Test
    void extractAllWritesEveryFileAndBothUpdatetimeCopiesOfAnAbImage() throws IOException {
        Path dir = tmp.resolve("all");
        Cli.Result r = Cli.run("extract", ab.toString(), "--all", "-d", dir.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("bootcode.bin",
                    "bootconf.sig", "bootconf.txt", "bootmain", "bootsys", "cacert.der", "mcb.bin", "memsys00.bin",
                    "pubkey.bin", "updatetime", "updatetime.partition-a");
        }
        assertThat(dir.resolve("bootmain")).hasBinaryContent(SyntheticImage.text(300_000, "bootmain"));
        assertThat(r.out()).contains("updatetime.partition-a", "(second copy of updatetime, from partition-a)");
    }

    @Test
    void extractAllRefusesToWriteOverTheImageItReadsAndLeavesNoFolderWhenTheDiskIsFull() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("x"));
        Path image = Files.copy(ab, dir.resolve("bootcode.bin"));          // named as a file the image holds
        byte[] before = Files.readAllBytes(image);
        Cli.Result r = Cli.run("extract", image.toString(), "--all", "-d", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + image + ": is also the image to read; writing the output "
                + "there would destroy it\n");
        assertThat(image).hasBinaryContent(before);
        try (TmpfsMount disk = TmpfsMount.of(tmp.resolve("disk"), "size=128k")) {  // less than the A/B image's files
            Path out = disk.dir().resolve("all");
            r = Cli.run("extract", ab.toString(), "--all", "-d", out.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.stderr()).startsWith("eeprom: error: " + out + "/").endsWith(": No space left on device\n");
            assertThat(SpecialFiles.names(disk.dir())).as("no folder, no temporary file").isEmpty();
        }
    }

    @Test
    void extractAllOfARealAbImageDecompressesEveryLz4File() throws IOException {
        Path dir = tmp.resolve("real");
        Path image = Conformance.file("firmware/2712-pieeprom-2026-08-12.bin");
        assertThat(Cli.run("extract", image.toString(), "--all", "-d", dir.toString()).exit()).isZero();
        assertThat(dir.resolve("memsys00.bin")).hasSize(40972);
        assertThat(dir.resolve("font.bin")).hasSize(27404);
        assertThat(dir.resolve("bootconf.txt")).hasBinaryContent(ImageFiles.read(image).bootConfig());
        assertThat(dir.resolve("updatetime.partition-a")).exists();
    }

    @Test
    void applyWritesANewImageAndLeavesTheInputAlone() throws IOException {
        byte[] before = Files.readAllBytes(pi4);
        Path out = tmp.resolve("new.bin");
        Cli.Result r = Cli.run("apply", pi4.toString(), "--config", config.toString(), "--timestamp", "1700000000",
                "-o", out.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(pi4).hasBinaryContent(before);
        EepromImage written = ImageFiles.read(out);
        assertThat(written.bootConfig()).isEqualTo(Files.readAllBytes(config));
        assertThat(written.timestamp()).hasValue(1_700_000_000L);
    }

    @Test
    void applyMayWriteOverItsInput() throws IOException {
        assertThat(Cli.run("apply", pi4.toString(), "--config", config.toString(), "-o", pi4.toString()).exit()).isZero();
        assertThat(ImageFiles.read(pi4).bootConfig()).isEqualTo(Files.readAllBytes(config));
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aFailedApplyPrintsOneLineAndLeavesNoOutput() throws IOException {
        Path big = Files.write(tmp.resolve("big.conf"), new byte[4077]);
        Path out = tmp.resolve("new.bin");
        Cli.Result r = Cli.run("apply", pi4.toString(), "--config", big.toString(), "-o", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo(("eeprom: error: %s: bootconf.txt of 4077 bytes is over the 4076-byte limit "
                + "of a bootloader file%n").formatted(big));                  // the file at fault, not the image
        assertThat(out).doesNotExist();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void missingFilesAndFoldersAreNamed() {
        Path missing = tmp.resolve("missing.conf");
        Cli.Result r = Cli.run("apply", pi4.toString(), "--config", missing.toString(), "-o", tmp.resolve("o").toString());
        assertThat(r.stderr()).isEqualTo("eeprom: error: %s: no such file or folder%n".formatted(missing));
        Path nowhere = tmp.resolve("no/such/dir/out.bin");
        r = Cli.run("apply", pi4.toString(), "--config", config.toString(), "-o", nowhere.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: %s: the folder for %s does not exist%n"
                .formatted(nowhere.getParent(), nowhere));
        r = Cli.run("info", tmp.resolve("nope.bin").toString());
        assertThat(r.stderr()).isEqualTo("eeprom: error: %s: no such file or folder%n".formatted(tmp.resolve("nope.bin")));
    }

    @Test
    void applyWithNothingToApplyIsAUsageError() {
        Cli.Result r = Cli.run("apply", pi4.toString(), "-o", tmp.resolve("o.bin").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("eeprom: error: nothing to apply");
    }

    @Test
    void badTimestampsAndKeysGetOneLine() throws IOException {
        Cli.Result r = Cli.run("apply", pi4.toString(), "--timestamp", "0x10", "-o", tmp.resolve("o.bin").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: Invalid value for option '--timestamp': expected a decimal "
                + "number of seconds since 1970, found \"0x10\" (see 'eeprom apply --help')%n".formatted());
        r = Cli.run("apply", pi4.toString(), "--timestamp", "4294967296", "-o", tmp.resolve("o.bin").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: Invalid value for option '--timestamp': 4294967296 is outside "
                + "0..4294967295 (an unsigned 32-bit epoch) (see 'eeprom apply --help')%n".formatted());
        Path key = Conformance.file("cases/keys/rsa1024-public.pem");
        r = Cli.run("apply", pi4.toString(), "--config", config.toString(), "--pubkey", key.toString(), "-o",
                tmp.resolve("o.bin").toString());
        assertThat(r.stderr()).isEqualTo("eeprom: error: %s: RSA key is 1024 bits; the bootloader needs 2048%n".formatted(key));
        Path junk = Files.writeString(tmp.resolve("junk.pem"), "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n");
        r = Cli.run("apply", pi4.toString(), "--config", config.toString(), "--pubkey", junk.toString(), "-o",
                tmp.resolve("o.bin").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("eeprom: error: " + junk + ": ").hasLineCount(1);
        assertThat(tmp.resolve("o.bin")).doesNotExist();
    }

    @Test
    void timestampsAreReadAsPythonReadsThem() {
        assertThat(Timestamps.parse(" 1_700_000_000 ")).isEqualTo(1_700_000_000L);
        assertThat(Timestamps.parse("+0")).isZero();
        assertThat(Timestamps.parse("-0")).isZero();
        assertThat(Timestamps.parse("\u0661\u0662")).isEqualTo(12);          // Arabic-Indic digits, as int() takes them
        assertThat(Timestamps.parse("4294967295")).isEqualTo(4294967295L);
        for (String bad : new String[] {"", "1.5", "abc", "1__0", "_1", "0x10", "-1", "99999999999999999999"})
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Timestamps.parse(bad)).as(bad)
                    .isInstanceOf(io.github.pieeprom.EepromException.class);
    }

    @Test
    void theDropInRefusesThePiOnlyModesNamingTheWorkstationWay() {
        Cli.Result r = Cli.run("config", "--apply", "boot.conf", pi4.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: --apply schedules an update on a running Pi; on a workstation "
                + "use 'eeprom apply IMAGE --config boot.conf -o pieeprom.upd' (or 'eeprom stage-update')\n");
        assertThat(Cli.run("config", "-e", pi4.toString()).stderr()).contains("'eeprom apply IMAGE --config boot.conf -o OUT'");
        assertThat(Cli.run("config").stderr()).contains("give a pieeprom.bin");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        Cli.Result r = Cli.run("config", "--frobnicate", pi4.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: Unknown option: '--frobnicate' (see 'eeprom config --help')\n");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        for (String path : CommandPaths.all()) {
            String[] words = path.substring("eeprom".length()).trim().split(" ");
            String[] args = path.equals("eeprom") ? new String[] {"--help"} : append(words, "--help");
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(path).isZero();
            assertThat(r.out()).as(path).startsWith("Usage: " + path + " ").contains("Example")
                    .doesNotContain("null");
        }
        assertThat(Cli.run("--version").out()).startsWith("eeprom (pieeprom) ");
    }

    private static String[] append(String[] words, String last) {
        String[] all = java.util.Arrays.copyOf(words, words.length + 1);
        all[words.length] = last;
        return all;
    }

    @Test
    void configDebugListsTheSectionsOnStandardError() {
        Cli.Result r = Cli.run("config", "--debug", pi4.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.stderr()).contains("section at 94208 length 69 magic 55aaf11f bootconf.txt");
        assertThat(r.out()).startsWith("[all]\n");
    }


    /** A section name with a newline, as a damaged or crafted image may hold: shown as \\x0a, every message one line. */
    @Test
    void aSectionNameWithAControlCharacterIsShownEscaped() throws IOException {
        EepromImage image = EepromImage.parse("pi4.bin", PI4);
        Section bootmain = image.sections().stream().filter(s -> s.name().equals("bootmain")).findFirst().orElseThrow();
        byte[] bytes = PI4.clone();
        bytes[bootmain.offset() + 8 + 2] = '\n';                              // "bo\ntmain"
        Path odd = Files.write(tmp.resolve("odd.bin"), bytes);
        Path dir = tmp.resolve("sx");
        Cli.Result extract = Cli.run("extract", odd.toString(), "--all", "-d", dir.toString());
        assertThat(extract.exit()).isEqualTo(1);
        assertThat(extract.stderr()).isEqualTo("eeprom: error: %s@0x%06x: refusing to write a file named "
                .formatted(odd, bootmain.offset()) + "\"bo\\x0atmain\"\n");
        Cli.Result info = Cli.run("info", odd.toString());
        assertThat(info.exit()).as(info.stderr()).isZero();
        assertThat(info.out()).contains("  lz4         bo\\x0atmain   ").doesNotContain("bo\n");
        assertThat(Cli.run("info", odd.toString(), "--json").out()).contains("\"name\": \"bo\\ntmain\"");
        Cli.Result diff = Cli.run("diff", pi4.toString(), odd.toString());
        assertThat(diff.out()).contains("section lz4 bo\\x0atmain: only in " + odd + "\n").doesNotContain("bo\n");
    }

    /**
     * The reference stores any bytes given with --digest as bootconf.sig, and so do apply and config (the same
     * image), with one warning when they are not a .sig, or not the .sig of the config stored.
     */
    @Test
    void aDigestThatIsNotTheConfigsSigIsStoredAsTheReferenceStoresItWithAWarning() throws IOException {
        Path other = Files.writeString(tmp.resolve("other.conf"), "[all]\nBOOT_ORDER=0xf41\n");
        Path sig = tmp.resolve("other.sig");
        assertThat(Cli.run("digest", other.toString(), "--ts", "1", "-o", sig.toString()).exit()).isZero();
        for (String command : new String[] {"apply", "config"}) {
            Path out = tmp.resolve(command + ".bin");
            String[] common = command.equals("apply") ? new String[] {"apply", pi4.toString(), "-c", config.toString()}
                    : new String[] {"config", pi4.toString(), "--config", config.toString()};
            Cli.Result garbage = Cli.run(concat(common, "-d", config.toString(), "-o", out.toString()));
            assertThat(garbage.exit()).as(garbage.stderr()).isZero();
            byte[] stored = Files.readAllBytes(config);
            assertThat(EepromImage.parse("out", Files.readAllBytes(out)).file(EepromImage.BOOTCONF_SIG))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(stored));
            assertThat(garbage.stderr()).endsWith("eeprom: warning: --digest " + config + ":1: expected 64 lowercase "
                    + "hex digits (SHA-256), found \"[all]\" (not a .sig): a Pi in signed-boot mode rejects the config "
                    + "in " + out + ". Make the .sig of that config: eeprom digest CONFIG -k KEY (or eeprom sign)\n")
                    .hasLineCount(command.equals("apply") ? 2 : 1);
            Cli.Result mismatch = Cli.run(concat(common, "-d", sig.toString(), "-o", out.toString()));
            assertThat(mismatch.exit()).as(mismatch.stderr()).isZero();
            assertThat(mismatch.stderr()).endsWith("eeprom: warning: --digest " + sig + ": its sha256 "
                    + SigFile.sha256Hex(Files.readAllBytes(other)) + " is not that of the config stored ("
                    + SigFile.sha256Hex(Files.readAllBytes(config)) + "): a Pi in signed-boot mode rejects the config "
                    + "in " + out + ". Make the .sig of that config: eeprom digest CONFIG -k KEY (or eeprom sign)\n");
            Path right = tmp.resolve("right.sig");
            assertThat(Cli.run("digest", config.toString(), "--ts", "1", "-o", right.toString()).exit()).isZero();
            Cli.Result clean = Cli.run(concat(common, "-d", right.toString(), "-o", out.toString()));
            assertThat(clean.exit()).as(clean.stderr()).isZero();
            assertThat(clean.stderr()).doesNotContain("warning");
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
