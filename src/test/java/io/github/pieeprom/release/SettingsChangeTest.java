package io.github.pieeprom.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code migrate} lists, decided by the real images' own property tables. */
class SettingsChangeTest {
    private static EepromImage image(String name) throws IOException {
        return ImageFiles.read(Conformance.file("firmware/" + name));
    }

    private static byte[] config(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aSettingTheNewReleaseDoesNotReadNamesTheFirstReleaseThatDoes() throws IOException {
        assertThat(SettingsChange.of(Optional.empty(), config("[all]\nDNS_IP=10.0.0.53\nBOOT_ORDER=0xf21\n"),
                image("2711-pieeprom-2021-12-02.bin"))).extracting(SettingsChange::detail).containsExactly(
                "DNS_IP=10.0.0.53: not read by this 2711 release (the first BCM2711 release that reads it is 2022-02-04)");
    }

    @Test
    void propertiesThePi5ReadsAreNotListedAsNotRead() throws IOException {
        // issue 18: VL805, USB_MSD_PWR_OFF_TIME and USE_IPV6 are documented for Pi 4, and every 2712 release reads them
        assertThat(SettingsChange.of(Optional.empty(), config("[all]\nVL805=1\nUSB_MSD_PWR_OFF_TIME=1000\nUSE_IPV6=1\n"),
                image("2712-pieeprom-2026-08-12.bin"))).isEmpty();
    }

    @Test
    void theDocumentedPropertiesANewReleaseReadsForTheFirstTimeAreListedWithTheirDefaults() throws IOException {
        assertThat(SettingsChange.of(Optional.of(image("2711-pieeprom-2022-01-25.bin")), config("[all]\nBOOT_UART=0\n"),
                image("2711-pieeprom-2022-02-04.bin"))).extracting(SettingsChange::detail).containsExactly(
                "NET_INSTALL_ENABLED: new since 2022-02-04, unset, so its default 1",
                "PARTITION: new since 2022-02-04, unset, so its default 0");
    }
}
