package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.FirmwareSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetbootCommandTest {
    private static final String IMAGE = "firmware/2711-pieeprom-2025-02-11.bin";
    @TempDir Path dir;

    /** Our {@code apply} is byte-identical to the reference (ConfigVectorsTest); netboot must equal it. */
    @Test
    void equalsApplyingItsOwnResultingConfigForEveryRealImage() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path image : Conformance.images()) {
            Path out = dir.resolve("netboot.bin"), viaApply = dir.resolve("apply.bin"), conf = dir.resolve("boot.conf");
            Cli.Result r = Cli.run("netboot", image.toString(), "-o", out.toString(), "--max-retries", "5",
                    "--tftp-ip", "10.0.0.1", "--tftp-prefix", "serial", "--ts", "1700000000");
            if (r.exit() != 0) {
                failures.add(image.getFileName() + ": " + r.stderr());
                continue;
            }
            EepromImage result = ImageFiles.read(out);
            Files.write(conf, result.bootConfig());
            assertThat(Cli.run("apply", image.toString(), "--config", conf.toString(), "-o", viaApply.toString()).exit())
                    .isZero();
            assertThat(Files.readAllBytes(out)).as(image.getFileName().toString()).isEqualTo(Files.readAllBytes(viaApply));
            String before = new String(ImageFiles.read(image).bootConfig(), StandardCharsets.ISO_8859_1);
            String after = new String(result.bootConfig(), StandardCharsets.ISO_8859_1);
            for (String line : before.split("\n"))
                if (!line.matches("(BOOT_ORDER|NET_BOOT_MAX_RETRIES|TFTP_IP|TFTP_PREFIX)=.*"))
                    assertThat(after).as(image.getFileName() + " keeps " + line).contains(line);
            assertThat(after).contains("BOOT_ORDER=0xf21\n", "NET_BOOT_MAX_RETRIES=5\n", "TFTP_IP=10.0.0.1\n",
                    "TFTP_PREFIX=0\n");
            assertThat(new String(Files.readAllBytes(dir.resolve("netboot.bin.sig")), StandardCharsets.US_ASCII))
                    .isEqualTo(SigFile.of(Files.readAllBytes(out), 1_700_000_000L, Optional.of(result.soc())).text());
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void mapsTheUsersWordsToTheRealPropertiesAndPrintsTheConfigOnDryRun() {
        Path out = dir.resolve("out.bin");
        Cli.Result r = Cli.run("netboot", Conformance.file(IMAGE).toString(), "-o", out.toString(), "--dry-run",
                "--boot-order", "0xf12", "--tftp-prefix", "string", "--tftp-prefix-str", "pi4/", "--client-ip",
                "10.0.0.50", "--subnet", "255.255.255.0", "--gateway", "10.0.0.254", "--tftp-ip", "10.0.0.1",
                "--set", "DHCP_TIMEOUT=50000");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).contains("\nBOOT_ORDER=0xf12\nTFTP_IP=10.0.0.1\nTFTP_PREFIX=1\nTFTP_PREFIX_STR=pi4/\n"
                + "CLIENT_IP=10.0.0.50\nSUBNET=255.255.255.0\nGATEWAY=10.0.0.254\nDHCP_TIMEOUT=50000\n");
        assertThat(out).doesNotExist();
        assertThat(Cli.run("netboot", Conformance.file(IMAGE).toString(), "-o", out.toString(), "--dry-run",
                "--tftp-prefix", "mac").out()).contains("TFTP_PREFIX=2\n");
    }

    @Test
    void aConfigTheValidatorRejectsWritesNothing() {
        Path out = dir.resolve("out.bin");
        Cli.Result r = Cli.run("netboot", Conformance.file(IMAGE).toString(), "-o", out.toString(), "--boot-order", "0xf2g1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("BOOT_ORDER: \"g\" is not a hex digit in \"0xf2g1\"")
                .endsWith("the edited config has 1 error; nothing written\n");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("out.bin.sig")).doesNotExist();
    }

    @Test
    void aStaticAddressNeedsTheSubnetAndTheTftpServer() {
        Cli.Result r = Cli.run("netboot", Conformance.file(IMAGE).toString(), "-o", dir.resolve("o.bin").toString(),
                "--client-ip", "10.0.0.50");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: --client-ip needs --subnet and --tftp-ip: the bootloader "
                + "skips DHCP only then\n");
    }

    @Test
    void anOutputWhoseSigWouldLandOnTheImageItReadsIsRefused() throws IOException {
        Path image = Files.copy(FirmwareSamples.DIR.resolve("synthetic-2711-notbootable.bin"), dir.resolve("nb.sig"));
        byte[] before = Files.readAllBytes(image);
        Cli.Result netboot = Cli.run("netboot", image.toString(), "-o", dir.resolve("nb").toString(), "--boot-order",
                "0xf21");
        Cli.Result migrate = Cli.run("migrate", image.toString(), image.toString(), "-o", dir.resolve("nb").toString());
        for (Cli.Result r : new Cli.Result[] {netboot, migrate}) {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.stderr()).startsWith("eeprom: error: " + image + ": is also ").endsWith("; writing the output "
                    + "there would destroy it\n");
        }
        assertThat(image).hasBinaryContent(before);
        assertThat(dir.resolve("nb")).doesNotExist();
    }
}
