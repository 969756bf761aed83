package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageEdits;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.release.Migration;
import io.github.pieeprom.signing.ConfigSignature;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code eeprom migrate}: a board's settings onto the newest release of its SoC. */
class MigrateCommandTest {
    @TempDir Path tmp;

    private static Path newest(Soc soc) {
        return Conformance.images().stream().filter(p -> p.getFileName().toString().startsWith(soc.id() + "-pieeprom-"))
                .max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
    }

    @TestFactory
    Stream<DynamicTest> everyRealImageMigratesToWhatApplyingItsConfigToTheNewestGives() {
        return Conformance.images().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            EepromImage old = ImageFiles.read(path);
            EepromImage newest = ImageFiles.read(newest(old.soc()));
            ImageEdits expected = new ImageEdits().config(old.bootConfig());
            if (old.hasContent(EepromImage.BOOTCONF_SIG)) expected.digest(old.file(EepromImage.BOOTCONF_SIG).orElseThrow());
            if (old.hasContent(EepromImage.PUBKEY_BIN)) expected.pubkey(old.file(EepromImage.PUBKEY_BIN).orElseThrow());
            Path out = tmp.resolve(path.getFileName() + ".upd");
            Cli.Result r = Cli.run("migrate", path.toString(), newest.file(), "-o", out.toString(), "--ts", "1700000000");
            assertThat(r.exit()).as(r.stderr()).isZero();
            byte[] written = Files.readAllBytes(out);
            assertThat(written).isEqualTo(expected.applyTo(newest).toByteArray());
            SigFile sig = SigFile.parse("sig", Files.readAllBytes(Path.of(out + ".sig")));
            assertThat(sig.matches(written)).isTrue();
            assertThat(sig.ts()).isEqualTo(1_700_000_000L);
            assertThat(sig.targetSoc()).hasValue(old.soc());
        }));
    }

    @Test
    void aSignedImageKeepsAValidSignature() throws IOException {
        Path out = tmp.resolve("signed.upd");
        Cli.Result r = Cli.run("migrate", Conformance.file("firmware/test-pieeprom-signed.bin").toString(),
                newest(Soc.BCM2711).toString(), "-o", out.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).contains("carried from", "bootconf.txt, bootconf.sig, pubkey.bin");
        assertThat(ConfigSignature.of(ImageFiles.read(out)).status()).isEqualTo(ConfigSignature.Status.VALID);
    }

    @Test
    void aPi4BootloaderCannotMoveToAPi5() {
        Path out = tmp.resolve("x.upd");
        Path pi4 = Conformance.file("firmware/2711-pieeprom-2023-01-04.bin");
        Cli.Result r = Cli.run("migrate", pi4.toString(), newest(Soc.BCM2712).toString(), "-o", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: %s: is a 2712 image but %s is a 2711 image: a bootloader "
                .formatted(newest(Soc.BCM2712), pi4) + "cannot move between SoCs\n");
        assertThat(out).doesNotExist();
        assertThat(Path.of(out + ".sig")).doesNotExist();
    }

    @Test
    void aSavedConfigIsCarriedAndTheSettingsChangesAreListed() throws IOException {
        // issue 18: every 2712 release reads VL805 (this test expected "a 2711 property"); USB_MSD_BOOT_MAX_RETRIES,
        // which 2020 beta configs carry, was read only by 2711 releases 2020-05-15 to 2020-06-03
        Path conf = Files.writeString(tmp.resolve("board.conf"), "[all]\nBOOT_ORDER=0xf21\nUSB_MSD_BOOT_MAX_RETRIES=1\n");
        Path out = tmp.resolve("board.upd");
        Cli.Result r = Cli.run("migrate", conf.toString(), newest(Soc.BCM2712).toString(), "-o", out.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).contains("  USB_MSD_BOOT_MAX_RETRIES=1: not read by this 2712 release (only BCM2711 "
                + "releases 2020-05-15 to 2020-06-03 read it)");
        assertThat(ImageFiles.read(out).bootConfig()).isEqualTo(Files.readAllBytes(conf));
    }

    @Test
    void anOlderReleaseListsThePropertiesTheNewOneReadsForTheFirstTime() {
        Cli.Result r = Cli.run("migrate", Conformance.file("firmware/2711-pieeprom-2023-01-04.bin").toString(),
                newest(Soc.BCM2711).toString(), "-o", tmp.resolve("o").toString(), "--dry-run");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("  REBOOT_ON_FATAL_ERROR: new since 2026-04-14, unset, so its default 1\n")
                .doesNotContain("BOOT_ORDER:");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void aConfigTooLargeForTheNewReleaseNamesTheRoomLeft() throws IOException {
        Path conf = Files.writeString(tmp.resolve("big.conf"), "[all]\n" + "# padding\n".repeat(200));
        Path to = Conformance.file("firmware/2711-pieeprom-2025-07-17.bin");
        Cli.Result r = Cli.run("migrate", conf.toString(), to.toString(), "-o", tmp.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("eeprom: error: %s: %s's bootconf.txt is 2006 bytes but this release has "
                .formatted(to, conf) + "room for 1512\n");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void aBrokenSignatureIsRefused() throws IOException {
        // a signed image whose config was changed after signing: bootconf.sig no longer matches bootconf.txt
        EepromImage signed = ImageFiles.read(Conformance.file("firmware/test-pieeprom-signed.bin"));
        byte[] sig = signed.file(EepromImage.BOOTCONF_SIG).orElseThrow();
        Path broken = tmp.resolve("broken.bin");
        ImageFiles.write(broken, new ImageEdits().config("[all]\nBOOT_ORDER=0xf21\n".getBytes(StandardCharsets.US_ASCII))
                .digest(sig).applyTo(signed).toByteArray());
        Cli.Result r = Cli.run("migrate", broken.toString(), newest(Soc.BCM2711).toString(), "-o", tmp.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("eeprom: error: " + broken + ": its bootconf.sig does not match the config ")
                .endsWith("the board would reject it\n");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void aFromThatIsNeitherAnImageNorAConfigIsRefused() throws IOException {
        Path junk = Files.write(tmp.resolve("junk.bin"), new byte[] {1, 2, 0, 3});
        Cli.Result r = Cli.run("migrate", junk.toString(), newest(Soc.BCM2711).toString(), "-o", tmp.resolve("o").toString());
        assertThat(r.stderr()).isEqualTo("eeprom: error: %s@0x000002: neither an image (512 KiB or 2 MiB) nor a config "
                .formatted(junk) + "(text; found a NUL byte)\n");
        Path missing = tmp.resolve("missing.conf");
        r = Cli.run("migrate", missing.toString(), newest(Soc.BCM2711).toString(), "-o", tmp.resolve("o").toString());
        assertThat(r.stderr()).isEqualTo("eeprom: error: %s: neither an image nor a readable config: no such file "
                .formatted(missing) + "or folder\n");
    }

    @Test
    void onlyCarriesThePartsAsked() throws IOException {
        EepromImage signed = ImageFiles.read(Conformance.file("firmware/test-pieeprom-signed.bin"));
        EepromImage to = ImageFiles.read(newest(Soc.BCM2711));
        EepromImage keyOnly = Migration.fromImage(signed).applyTo(to, java.util.EnumSet.of(Migration.Part.PUBKEY));
        assertThat(keyOnly.bootConfig()).isEqualTo(to.bootConfig());
        assertThat(keyOnly.file(EepromImage.PUBKEY_BIN).orElseThrow()).isEqualTo(signed.file(EepromImage.PUBKEY_BIN).orElseThrow());
        assertThat(Cli.run("migrate", "a", "b", "-o", "c", "--only", "keys").exit()).isEqualTo(2);
    }
}
