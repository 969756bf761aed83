package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eeprom info} says whether the embedded config's signature verifies against the embedded pubkey.bin. */
class InfoSignatureTest {
    @TempDir Path tmp;

    @Test
    void theReferenceSignedImageIsValid() {
        String image = Conformance.file("firmware/test-pieeprom-signed.bin").toString();
        assertThat(Cli.run("info", image).out()).contains("\nsignature   valid (bootconf.sig verifies with pubkey.bin)\n");
        assertThat(Cli.run("info", image, "--json").out()).contains("\n  \"signature\": \"valid\",\n");
    }

    @Test
    void aTamperedConfigIsInvalid() throws IOException {
        byte[] bytes = Conformance.read("firmware/test-pieeprom-signed.bin");
        int at = EepromImage.parse("x", bytes).findFile(EepromImage.BOOTCONF_TXT).orElseThrow().payloadOffset();
        bytes[at] ^= 0x20;                                   // first letter of bootconf.txt changes case
        Path image = Files.write(tmp.resolve("tampered.bin"), bytes);
        Cli.Result text = Cli.run("info", image.toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("\nsignature   invalid (bootconf.txt: sha256 check failed: the file's is ");
        assertThat(Cli.run("info", image.toString(), "--json").out()).contains("\"signature\": \"invalid\"");
    }

    @Test
    void anUnsignedImageIsAbsent() {
        String image = Conformance.file("firmware/2712-pieeprom-2026-08-12.bin").toString();
        assertThat(Cli.run("info", image).out()).contains("\nsignature   absent (no bootconf.sig)\n");
        assertThat(Cli.run("info", image, "--json").out()).contains("\"signature\": \"absent\"");
    }
}
