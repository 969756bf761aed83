package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.SpecialFiles;
import io.github.pieeprom.testing.SyntheticImage;
import io.github.pieeprom.testing.TmpfsMount;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {
    @TempDir Path dir;
    Path pi4;

    @BeforeEach
    void inputs() throws IOException {
        pi4 = Files.write(dir.resolve("pi4.bin"), SyntheticImage.pi4Sample());
        Files.writeString(dir.resolve("rack.conf"), "[all]\nBOOT_ORDER=0xf21\nTFTP_PREFIX=1\nTFTP_PREFIX_STR=${rack}/\n");
    }

    private Cli.Result batch(String csv, String out, String... more) throws IOException {
        Path manifest = Files.writeString(dir.resolve("devices.csv"), csv);
        String[] args = Stream.concat(Stream.of("batch", manifest.toString(), "--image-2711", pi4.toString(), "--ts",
                "1700000000", "-o", dir.resolve(out).toString()), Stream.of(more)).toArray(String[]::new);
        return Cli.run(args);
    }

    private String[] dirListing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aBadRowFailsTheRunWithItsLineAndNothingIsWritten() throws IOException {
        Cli.Result r = batch("name,soc,template,rack\nn1,2711,rack.conf,r1\nn2,2711,rack.conf,\n", "fleet.tar.gz");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + dir.resolve("devices.csv") + ":3: n2: ${rack} is empty "
                + "(template rack.conf)\neeprom: error: " + dir.resolve("devices.csv")
                + ": 1 bad row; nothing written (--keep-going skips them)\n");
        assertThat(dirListing()).containsExactly("devices.csv", "pi4.bin", "rack.conf");
    }

    @Test
    void aQuotedValueWithALineBreakIsABadRowNotAnExtraConfigLine() throws IOException {
        Cli.Result r = batch("name,soc,template,rack\nn1,2711,rack.conf,\"r1\nBOOT_ORDER=0x1\"\n", "fleet");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + dir.resolve("devices.csv") + ":2: n1: rack.conf:4: "
                + "${rack} is \"r1\\x0aBOOT_ORDER=0x1\": a value with a line break would add lines to the text\n"
                + "eeprom: error: " + dir.resolve("devices.csv") + ": 1 bad row; nothing written (--keep-going skips "
                + "them)\n");
        assertThat(dirListing()).doesNotContain("fleet");
    }

    @Test
    void keepGoingSkipsBadRowsListsThemAndRecordsThemInTheManifest() throws IOException {
        Cli.Result r = batch("name,soc,template,rack\nn1,2711,rack.conf,r1\nn2,2711,rack.conf,\n", "fleet", "--keep-going");
        String csv = dir.resolve("devices.csv").toString();
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEqualTo("eeprom: skipped: " + csv + ":3: n2: ${rack} is empty (template rack.conf)\n"
                + "wrote " + dir.resolve("fleet") + ": 1 device, 1 image, 1 row skipped\n");
        assertThat(Files.readString(dir.resolve("fleet/manifest.json"))).endsWith("\"skipped\": [\n    {\"line\": 3, "
                + "\"error\": \"" + csv + ":3: n2: ${rack} is empty (template rack.conf)\"}\n  ]\n}\n");
        assertThat(dir.resolve("fleet/devices/n1/pieeprom.bin")).exists();
        assertThat(dir.resolve("fleet/devices/n2")).doesNotExist();
    }

    @Test
    void refusesToWriteIntoAnExistingFolder() throws IOException {
        Files.createDirectories(dir.resolve("fleet"));
        Cli.Result r = batch("name,soc\nn1,2711\n", "fleet");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + dir.resolve("fleet")
                + ": already exists; a batch writes a new folder\n");
        assertThat(dirListing()).containsExactly("devices.csv", "fleet", "pi4.bin", "rack.conf");
    }

    @Test
    void aBaseImageOfTheWrongSocIsRefused() throws IOException {
        Cli.Result r = batch("name,soc\nn1,2712\n", "fleet", "--image-2712", pi4.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + pi4 + ": given as --image-2712, but it is a BCM2711 image\n");
    }

    @Test
    void jobsBelowOneIsAUsageError() throws IOException {
        Cli.Result r = batch("name,soc\nn1,2711\n", "fleet", "--jobs", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: --jobs expects 1 or more, found 0\n");
    }

    @Test
    void withoutATerminalOnlyTheSummaryIsPrinted() throws IOException {
        Cli.Result r = batch("name,soc\nn1,2711\nn2,2711\n", "fleet.zip");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("wrote " + dir.resolve("fleet.zip") + ": 2 devices, 1 image\n");
    }

    @Test
    void theProgressBarShowsDevicesDoneRateAndTimeLeft() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 1000, now::get);
        now.set(1_000_000_000L);
        bar.advance(250);                                            // 250 in 1 s: 3 s left
        now.set(1_050_000_000L);
        bar.advance(10);                                             // within 100 ms: not redrawn
        now.set(2_000_000_000L);
        bar.advance(740);
        bar.finish();
        assertThat(text.toString()).isEqualTo(
                "\r[#######                       ] 250/1000 devices  250/s  ETA 3s "
                        + "\r[##############################] 1000/1000 devices  500/s  ETA 0s "
                        + "\r[##############################] 1000/1000 devices  500/s  ETA 0s \n");
    }

    @Test
    void anArchiveOutputThatIsAFolderIsNamedNotItsHiddenTemporaryFile() throws IOException {
        Files.createDirectory(dir.resolve("fleet.tar"));
        Cli.Result r = batch("name,soc\nn1,2711\n", "fleet.tar");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + dir.resolve("fleet.tar") + ": is a folder, not a file\n");
        assertThat(dirListing()).containsExactly("devices.csv", "fleet.tar", "pi4.bin", "rack.conf");
    }

    @Test
    void aNameTooLongForAFolderIsABadRowNotAnErrorInTheSpool() throws IOException {
        String name = "n".repeat(256);
        Cli.Result r = batch("name,soc\n" + name + ",2711\n", "fleet");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + dir.resolve("devices.csv") + ":2: " + name + ": a name of "
                + "256 characters is longer than a folder's name can be (255)\neeprom: error: "
                + dir.resolve("devices.csv") + ": 1 bad row; nothing written (--keep-going skips them)\n");
        assertThat(dirListing()).containsExactly("devices.csv", "pi4.bin", "rack.conf");
        assertThat(batch("name,soc\n" + "n".repeat(255) + ",2711\n", "fleet").exit()).isZero();
    }

    @Test
    void aTemplateOrImageColumnNamingAFolderSaysSoNamingTheValue() throws IOException {
        Files.createDirectory(dir.resolve("confs"));
        String csv = dir.resolve("devices.csv").toString();
        Cli.Result r = batch("name,soc,template\nn1,2711,rack.conf\nn2,2711,.\n", "fleet", "--keep-going");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + csv + ":3: template . is a folder, not a file\n");
        r = batch("name,soc,image,template\nn1,2711,confs,rack.conf\n", "fleet");      // was: no such image confs
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + csv + ":2: image confs is a folder, not a file\n");
        assertThat(dirListing()).containsExactly("confs", "devices.csv", "pi4.bin", "rack.conf");
        r = batch("name,soc,template\nn1,2711,a\0b\n", "fleet");               // was: InvalidPathException's trace
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + csv + ":2: n1: no such template a\\x00b\neeprom: error: "
                + csv + ": 1 bad row; nothing written (--keep-going skips them)\n");
    }

    @Test
    void controlCharactersInADeviceNameAreShownEscapedAndTheMessageStaysOneLine() throws IOException {
        String csv = dir.resolve("devices.csv").toString();
        Cli.Result r = batch("name,soc\nab\0c,2711\n\"two\nlines\",2711\n", "fleet");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + csv + ":2: ab\\x00c: expected a name of letters, digits, "
                + "., _ and - (it names a folder), found \"ab\\x00c\"\neeprom: error: " + csv + ":3: two\\x0alines: "
                + "expected a name of letters, digits, ., _ and - (it names a folder), found \"two\\x0alines\"\n"
                + "eeprom: error: " + csv + ": 2 bad rows; nothing written (--keep-going skips them)\n");
        assertThat(dirListing()).containsExactly("devices.csv", "pi4.bin", "rack.conf");
    }

    @Test
    void aFullDiskNamesTheOutputAndLeavesNothing() throws Exception {
        try (TmpfsMount disk = TmpfsMount.of(dir.resolve("disk"), "size=256k")) {        // less than one image
            for (String out : new String[] {"fleet", "fleet.zip"}) {
                Path target = disk.dir().resolve(out);
                Cli.Result r = batch("name,soc\nn1,2711\n", "disk/" + out);
                assertThat(r.exit()).isEqualTo(1);
                assertThat(r.stderr()).isEqualTo("eeprom: error: " + target + ": No space left on device\n");
                try (Stream<Path> files = Files.list(disk.dir())) {
                    assertThat(files).as("no output, no spool").isEmpty();
                }
            }
        }
    }

    @Test
    void aTemplateSavedWithAByteOrderMarkGivesTheSameImageAsWithout() throws IOException {
        assertThat(batch("name,soc,template,rack\nn1,2711,rack.conf,r1\n", "plain").exit()).isZero();
        Files.write(dir.resolve("rack.conf"), ("\uFEFF" + Files.readString(dir.resolve("rack.conf")))
                .getBytes(StandardCharsets.UTF_8));                          // Windows Notepad's "UTF-8 with BOM"
        Cli.Result r = batch("name,soc,template,rack\nn1,2711,rack.conf,r1\n", "bom");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("bom/devices/n1/pieeprom.bin")))
                .isEqualTo(Files.readAllBytes(dir.resolve("plain/devices/n1/pieeprom.bin")));
    }

    @Test
    void anArchiveNameTheBatchCannotWriteIsRefusedNotMadeAFolder() throws IOException {
        for (String name : new String[] {"fleet.tar.zst", "fleet.7z", "fleet.gz", "fleet.tar.lz"}) {
            Cli.Result r = batch("name,soc\nn1,2711\n", name);
            String suffix = name.substring(name.lastIndexOf('.'));
            assertThat(r.exit()).as("a usage error").isEqualTo(2);
            assertThat(r.stderr()).isEqualTo("eeprom: error: Invalid value for option '--out': " + dir.resolve(name)
                    + ": a batch writes a folder or a .tar, .tar.gz, .tar.bz2, .tar.xz or .zip archive, not " + suffix
                    + " (see 'eeprom batch --help')\n");
            assertThat(dirListing()).containsExactly("devices.csv", "pi4.bin", "rack.conf");
        }
    }

    @Test
    void anArchiveOutputThatIsADeviceOrAFifoIsWrittenThroughAndKept() throws Exception {
        Path device = SpecialFiles.nullDevice(dir.resolve("null.tar"));
        Cli.Result r = batch("name,soc\nn1,2711\n", "null.tar");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(SpecialFiles.isSpecial(device)).as("still a device, not a regular file").isTrue();

        Path fifo = SpecialFiles.fifo(dir.resolve("fleet.tar"));
        Process tar = new ProcessBuilder("tar", "-tf", fifo.toString()).start();      // the reader at the other end
        r = batch("name,soc\nn1,2711\n", "fleet.tar");
        assertThat(r.exit()).as(r.stderr()).isZero();
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).isZero();
        assertThat(listing).contains("/pieeprom.bin", "/pieeprom.sig", "manifest.json");
        assertThat(SpecialFiles.isSpecial(fifo)).isTrue();
        assertThat(SpecialFiles.names(dir)).containsExactly("devices.csv", "fleet.tar", "null.tar", "pi4.bin",
                "rack.conf");                                                   // no spool or temporary file left
    }

    @Test
    void anArchiveOutputThatIsALinkReplacesItsTargetAndKeepsTheLink() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("fleet.tar"), elsewhere.resolve("fleet-1.tar"));
        Cli.Result r = batch("name,soc\nn1,2711\n", "fleet.tar");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        Process tar = new ProcessBuilder("tar", "-tf", elsewhere.resolve("fleet-1.tar").toString()).start();
        assertThat(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("/pieeprom.bin", "manifest.json");
        assertThat(tar.waitFor()).isZero();
        assertThat(SpecialFiles.names(elsewhere)).containsExactly("fleet-1.tar");
    }

    @Test
    void anOutputThatIsOneOfTheBatchsInputsIsRefusedAndTheInputKept() throws IOException {
        byte[] image = Files.readAllBytes(pi4);
        Path base = Files.write(dir.resolve("base.tar"), image);                  // an image whose name ends in .tar
        Path manifest = Files.writeString(dir.resolve("devices.csv"), "name,soc,template,rack\nn1,2711,rack.conf,r1\n");
        for (Path input : new Path[] {base, manifest, dir.resolve("rack.conf")}) {
            Path out = input.equals(base) ? base : Files.createSymbolicLink(dir.resolve("out.zip"), input);
            Cli.Result r = Cli.run("batch", manifest.toString(), "--image-2711", base.toString(), "-o", out.toString());
            assertThat(r.exit()).as(input + ": a usage error").isEqualTo(2);
            assertThat(r.stderr()).isEqualTo("eeprom: error: " + out + ": is also an input of the batch; writing the "
                    + "output there would destroy it\n");
            if (!input.equals(base)) Files.delete(out);
        }
        assertThat(Files.readAllBytes(base)).isEqualTo(image);
        assertThat(Files.readString(manifest)).startsWith("name,soc");
    }

    @Test
    void standardOutputOrAnExistingLinkIsRefusedForAFolder() throws IOException {
        Path manifest = Files.writeString(dir.resolve("devices.csv"), "name,soc\nn1,2711\n");
        Cli.Result r = Cli.run("batch", manifest.toString(), "--image-2711", pi4.toString(), "-o", "-");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: -o -: a batch writes a folder or an archive; give a file "
                + "name\n");
        Path dangling = Files.createSymbolicLink(dir.resolve("fleet"), dir.resolve("nowhere"));
        r = batch("name,soc\nn1,2711\n", "fleet");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + dangling + ": already exists; a batch writes a new "
                + "folder\n");
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
    }

    @Test
    void aTemplateThatIsNoConfigIsNamedWithItsFirstErrorsNotEchoedWhole() throws IOException {
        Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n".repeat(10));
        Cli.Result r = batch("name,soc,template\nn1,2711,passwd\n", "fleet");
        assertThat(r.exit()).isEqualTo(1);
        String line = r.stderr().lines().findFirst().orElseThrow();
        assertThat(line).contains("line 3: expected KEY=VALUE").doesNotContain("line 4:")
                .endsWith("; and 7 more errors ('eeprom validate' lists them)");
    }

    @Test
    void anImageColumnNamingADeviceReadsItAndSaysWhatItHolds() throws Exception {
        SpecialFiles.nullDevice(dir.resolve("empty.bin"));                    // exists, reads as 0 bytes
        Cli.Result r = batch("name,soc,image\nn1,2711,empty.bin\n", "fleet");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: empty.bin: expected 524288 bytes (Pi 4) or 2097152 bytes "
                + "(Pi 5), found 0 bytes\n");
    }
}
