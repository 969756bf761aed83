package io.github.pieeprom.cli;

import static io.github.pieeprom.cli.Failures.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.Section;
import io.github.pieeprom.image.SectionKind;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Openssl;
import io.github.pieeprom.testing.SyntheticImage;
import io.github.pieeprom.testing.TmpfsMount;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows of docs/bad-input.md that no other test shows as the user sees them: input, message, exit code. */
class BadInputMatrixTest {
    private static final byte[] PI4 = SyntheticImage.pi4Sample();
    private static final int CONFIG_AT = 0x17000;                       // bootconf.txt header in the Pi 4 sample

    @TempDir Path tmp;
    Path config, out;

    @BeforeEach
    void files() throws IOException {
        config = Files.writeString(tmp.resolve("boot.conf"), "[all]\nBOOT_ORDER=0xf21\n");
        out = tmp.resolve("new.bin");
    }

    private Path image(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private Cli.Result apply(Path image, Path target) {
        return Cli.run("apply", image.toString(), "--config", config.toString(), "-o", target.toString());
    }

    @Test
    void aTruncatedImageIsTheWrongSize() throws IOException {
        Path cut = image("cut.bin", Arrays.copyOf(PI4, 300_000));             // a download that stopped early
        assertBadInput(apply(cut, out), cut + ": expected 524288 bytes (Pi 4) or 2097152 bytes (Pi 5), "
                + "found 300000 bytes", out);
    }

    @Test
    void randomBytesOfTheRightSizeFailAtTheFirstHeader() throws IOException {
        byte[] noise = new byte[PI4.length];
        new Random(9).nextBytes(noise);
        Path random = image("random.bin", noise);
        Cli.Result r = Cli.run("info", random.toString());
        assertBadInput(r, random + "@0x000000: expected section magic 0x55aaf00f (mask 0xfffff00f), found 0x%08x"
                .formatted(ByteBuffer.wrap(noise).getInt()));
    }

    @Test
    void aCorruptedSectionMagicOrALengthPastTheEndNamesTheOffset() throws IOException {
        byte[] bytes = PI4.clone();
        bytes[CONFIG_AT + 3] = 0x00;                          // bootconf.txt magic 0x55aaf11f becomes 0x55aaf100
        Path magic = image("magic.bin", bytes);
        assertBadInput(apply(magic, out), magic + "@0x017000: expected section magic 0x55aaf00f (mask 0xfffff00f), "
                + "found 0x55aaf100", out);
        bytes = PI4.clone();
        ByteBuffer.wrap(bytes).putInt(CONFIG_AT + 4, 0x7fff_ffff);      // bootconf.txt length: 2 GiB
        Path length = image("length.bin", bytes);
        assertBadInput(Cli.run("extract", length.toString()), length + "@0x017004: section length 2147483647 runs "
                + "to 0x80017007, past the end of the 524288-byte image");
    }

    @Test
    void anImageWithoutAConfigSectionSaysSo() throws IOException {
        byte[] bytes = PI4.clone();
        Arrays.fill(bytes, CONFIG_AT, bytes.length, (byte) 0xff);     // erase bootconf.txt and all after it
        Path noConfig = image("noconf.bin", bytes);
        assertBadInput(Cli.run("extract", noConfig.toString()), noConfig + ": no bootconf.txt section");
    }

    @Test
    void aConfigThatIsNotUtf8IsStoredByteForByte() throws IOException {
        byte[] latin1 = "[all]\nTFTP_PREFIX_STR=caf\u00e9/\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(config, latin1);
        Cli.Result r = apply(image("pi4.bin", PI4), out);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(Cli.run("extract", out.toString()).stdout()).isEqualTo(latin1);
    }

    @Test
    void aFolderGivenAsTheImageIsNamed() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("images"));
        assertBadInput(apply(folder, out), folder + ": is a folder, not a file", out);
    }

    @Test
    void anEncryptedPrivateKeyWhereAPublicKeyIsReadSaysSoInWords() throws IOException {
        Path pi4 = image("pi4.bin", PI4);
        Openssl.run(tmp, "pkcs8", "-topk8", "-in", Conformance.file("test/private.pem").toString(), "-passout",
                "pass:x", "-out", "enc.pem");
        String enc = tmp.resolve("enc.pem").toString();
        String message = enc + ": expected an RSA public key, found an encrypted private key (export its public key "
                + "with openssl pkey -pubout)";                    // was: found pkcs8encrypted private key info
        assertBadInput(Cli.run("verify", Conformance.file("test/bootconf.txt").toString(), "--sig",
                Conformance.file("test/bootconf.sig").toString(), "-k", enc), message);
        assertBadInput(Cli.run("apply", pi4.toString(), "--config", config.toString(), "-p", enc, "-o",
                out.toString()), message, out);
        assertBadInput(Cli.run("key", "convert", enc, tmp.resolve("pubkey.bin").toString()), message,
                tmp.resolve("pubkey.bin"));
    }

    @Test
    void aFileWhereTheOutputFolderShouldBeIsNamed() throws IOException {
        Path pi4 = image("pi4.bin", PI4);
        Path inside = pi4.resolve("new.bin");                         // pi4.bin is a file, not a folder
        assertBadInput(apply(pi4, inside), pi4 + ": is a file, not a folder");
    }

    @Test
    void aReadOnlyOutputFolderLeavesNothingBehind() throws Exception {
        Path pi4 = image("pi4.bin", PI4);
        try (TmpfsMount mount = TmpfsMount.of(tmp.resolve("ro"), "size=1m,ro")) {
            Path target = mount.dir().resolve("new.bin");
            assertBadInput(apply(pi4, target), target + ": Read-only file system", target);
        }
    }

    @Test
    void aFullDiskKeepsTheInputAndLeavesNoPartialFile() throws Exception {
        try (TmpfsMount disk = TmpfsMount.of(tmp.resolve("disk"), "size=1m")) {
            Path pi4 = Files.write(disk.dir().resolve("pi4.bin"), PI4);
            Files.write(disk.dir().resolve("filler"), new byte[400 * 1024]);     // 100 KiB or so stay free
            assertBadInput(apply(pi4, pi4), pi4 + ": No space left on device");  // rewriting the image in place
            assertThat(Files.readAllBytes(pi4)).as("the input is intact").isEqualTo(PI4);
            try (var files = Files.list(disk.dir())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("pi4.bin", "filler");
            }
        }
    }

    @Test
    void aKilledWriteLeavesTheOldOutputOrTheNewOneNeverPartOfIt() throws Exception {
        Path pi5 = image("pi5.bin", SyntheticImage.pi5Sample());
        assertThat(apply(pi5, out).exit()).isZero();
        byte[] complete = Files.readAllBytes(out);
        Path target = image("target.bin", PI4);
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                EepromCli.class.getName(), "apply", pi5.toString(), "--config", config.toString(), "-o",
                target.toString()).redirectErrorStream(true).start();
        while (cli.isAlive() && leftovers().isEmpty()) Thread.onSpinWait();     // killed once its write has begun
        cli.destroyForcibly().waitFor();
        assertThat(Files.readAllBytes(target)).satisfiesAnyOf(b -> assertThat(b).isEqualTo(PI4),
                b -> assertThat(b).isEqualTo(complete));
        assertThat(leftovers()).allMatch(n -> n.matches("\\.target\\.bin\\.[0-9a-z]+\\.tmp"));
    }

    @Test
    void aDigestOrPubkeyWithoutAConfigIsAUsageErrorNotAStackTrace() throws IOException {
        Path pi4 = image("pi4.bin", PI4);
        Path sig = Files.writeString(tmp.resolve("boot.sig"), "0".repeat(64) + "\nts: 5\n");
        Cli.Result r = Cli.run("apply", pi4.toString(), "--digest", sig.toString(), "-o", out.toString());
        assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: --digest and --pubkey are stored together with a config: "
                + "add --config FILE or --set KEY=VALUE\n");
        assertThat(out).doesNotExist();
        Cli.Result set = Cli.run("apply", pi4.toString(), "--digest", sig.toString(), "--set", "BOOT_ORDER=0xf21",
                "-o", out.toString());
        assertThat(set.exit()).as(set.stderr()).isZero();
    }

    @Test
    void extractAllOfADamagedImageWritesNoFile() throws IOException {
        EepromImage parsed = EepromImage.parse("pi4.bin", PI4);
        Section last = parsed.sections().stream().filter(s -> s.kind() == SectionKind.LZ4)
                .reduce((a, b) -> b).orElseThrow();                 // the sections before it would be written first
        byte[] bytes = PI4.clone();
        bytes[last.payloadOffset()] ^= 0x55;                          // its LZ4 frame magic
        Path damaged = image("damaged.bin", bytes);
        Path dir = tmp.resolve("extracted");
        Cli.Result r = Cli.run("extract", damaged.toString(), "--all", "-d", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("eeprom: error: " + damaged + "@0x").contains("LZ4 section "
                + last.name() + " does not decompress").hasLineCount(1);
        assertThat(r.out()).isEmpty();
        assertThat(dir).doesNotExist();
    }

    @Test
    void anImageAndItsSigAreWrittenBothOrNeither() throws IOException {
        Path pi4 = image("pi4.bin", PI4);
        Files.createDirectory(tmp.resolve("new.bin.sig"));             // the .sig cannot be written
        assertBadInput(Cli.run("netboot", pi4.toString(), "-o", out.toString(), "--ts", "5"),
                out + ".sig: is a folder, not a file", out);
        assertBadInput(Cli.run("migrate", pi4.toString(), pi4.toString(), "-o", out.toString(), "--ts", "5"),
                out + ".sig: is a folder, not a file", out);
        Path boot = Files.createDirectories(tmp.resolve("boot/pieeprom.sig")).getParent();
        assertBadInput(Cli.run("stage-update", pi4.toString(), "--to", boot.toString(), "--recovery",
                Conformance.file("firmware/2711-recovery.bin").toString(), "--ts", "5"), boot.resolve("pieeprom.sig") + ": is a folder, not a file",
                boot.resolve("pieeprom.upd"), boot.resolve("recovery.bin"));
        assertThat(leftovers()).isEmpty();
        try (var files = Files.list(boot)) {
            assertThat(files).as("no temporary file in the boot folder").hasSize(1);
        }
    }

    @Test
    void anOutputThatIsAlsoAnInputOfAnotherKindIsRefusedAndTheInputKept() throws IOException {
        Path pi4 = image("pi4.bin", PI4);
        Path key = Files.writeString(tmp.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");  // never read
        String[][] runs = {
                {"extract", pi4.toString(), "-o", pi4.toString()},                  // was: the image became its config
                {"config", "-o", pi4.toString(), pi4.toString()},
                {"digest", pi4.toString(), "-o", pi4.toString(), "--ts", "5"},      // was: the image became its .sig
                {"key", "convert", key.toString(), key.toString()},
                {"stage-update", pi4.toString(), "--zip", pi4.toString(), "--recovery", config.toString()},
                {"apply", pi4.toString(), "-c", config.toString(), "-o", config.toString()},
                {"sign", pi4.toString(), "-c", config.toString(), "-k", key.toString(), "-o", key.toString()},
                {"migrate", config.toString(), pi4.toString(), "-o", config.toString()}};
        byte[] configBytes = Files.readAllBytes(config), keyBytes = Files.readAllBytes(key);
        for (String[] run : runs) {
            Cli.Result r = Cli.run(run);
            assertThat(r.exit()).as(String.join(" ", run) + ": " + r.stderr()).isEqualTo(2);
            assertThat(r.stderr()).matches("eeprom: error: \\S+: is also the [-a-z ]+; writing the output there "
                    + "would destroy it\n");
        }
        assertThat(Files.readAllBytes(pi4)).isEqualTo(PI4);
        assertThat(Files.readAllBytes(config)).isEqualTo(configBytes);
        assertThat(Files.readAllBytes(key)).isEqualTo(keyBytes);
        Cli.Result inPlace = Cli.run("apply", pi4.toString(), "-c", config.toString(), "-o", pi4.toString());
        assertThat(inPlace.exit()).as("an image rewritten in place is still fine").isZero();
    }

    @Test
    void aSpreadsheetsWindows1252ExportIsNotUtf8AndNamesItsLine() throws IOException {
        Path pi4 = image("pi4.bin", PI4);
        byte[] latin = "name,soc,host\nnode-1,2711,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path manifest = Files.write(tmp.resolve("devices.csv"), latin);
        Files.writeString(tmp.resolve("t.conf"), "[all]\nTFTP_PREFIX_STR=${host}/\n");
        Path fleet = tmp.resolve("fleet");
        assertBadInput(Cli.run("batch", manifest.toString(), "--image-2711", pi4.toString(), "-o", fleet.toString()),
                manifest + ":2: not UTF-8: byte 0xe9 at column 16; save the file as UTF-8", fleet);
        Path boards = Files.write(tmp.resolve("boards.csv"), "serial,host\n1234abcd,caf\u00e9\n".getBytes(
                StandardCharsets.ISO_8859_1));
        Path boot = Files.createDirectory(tmp.resolve("boot")), root = tmp.resolve("root");
        Files.writeString(boot.resolve("start4.elf"), "x");
        assertBadInput(Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--devices",
                boards.toString()), boards + ":2: not UTF-8: byte 0xe9 at column 13; save the file as UTF-8", root);
    }

    @Test
    void aFileWhereAFolderIsNeededIsNamedSo() throws IOException {
        Path pi4 = image("pi4.bin", PI4);
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertBadInput(Cli.run("extract", pi4.toString(), "--all", "-d", file.toString()),
                file + ": is a file, not a folder");
        assertThat(Files.readString(file)).isEqualTo("x");
        Cli.Result serve = Cli.run("tftp", "serve", "--root", file.toString(), "--bind", "127.0.0.1", "--port", "0");
        assertBadInput(serve, file + ": is a file, not a folder");
        Path missing = tmp.resolve("missing");
        assertBadInput(Cli.run("tftp", "serve", "--root", missing.toString(), "--bind", "127.0.0.1", "--port", "0"),
                missing + ": no such folder");
    }

    private List<String> leftovers() throws IOException {
        try (var files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }
}
