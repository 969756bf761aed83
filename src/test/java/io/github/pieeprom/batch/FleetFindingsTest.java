package io.github.pieeprom.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.template.Template;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchPlan#findings}, with no CLI: a fleet's configs checked against the bootloader of their real base image
 * (the names its boot code holds: the 2711 release of 2022-01-25 does not read DNS_IP, 2022-02-04 is the first that
 * does, per the sweep of every release in issue 18).
 */
class FleetFindingsTest {
    private static final Map<String, Template> TEMPLATES = Map.of("rack.conf",
            Template.parse("rack.conf", "[all]\nBOOT_ORDER=0xf21\nDNS_IP=${dns}\n"));
    private static final String CSV = "name,soc,template,dns\na,2711,rack.conf,10.0.0.53\n"
            + "b,2711,rack.conf,10.0.0.54\nc,2711,rack.conf,10.0.0.53\n";

    private static BatchPlan plan(String image) throws IOException {
        EepromImage base = ImageFiles.read(Conformance.file("firmware/" + image));
        return BatchPlan.of(Manifest.parse("devices.csv", CSV.getBytes(StandardCharsets.UTF_8)), TEMPLATES,
                new BaseImages(Map.of(Soc.BCM2711, base), Map.of()), 1);
    }

    @Test
    void aNameTheBaseImagesBootloaderDoesNotReadIsOneFindingCountedInEveryImageItIsIn() throws IOException {
        BatchPlan plan = plan("2711-pieeprom-2022-01-25.bin");
        assertThat(plan.rejected()).as("DNS_IP is a known name: no row is refused").isEmpty();
        List<FleetFinding> findings = plan.findings();
        assertThat(findings).hasSize(1);
        FleetFinding f = findings.get(0);
        assertThat(f.where()).isEqualTo("rack.conf:3:1");
        assertThat(f.builds()).isEqualTo(2);
        assertThat(f.finding().isError()).isTrue();
        assertThat(f.finding().message()).startsWith("DNS_IP is not read by this bootloader")
                .endsWith("the first BCM2711 release that reads it is 2022-02-04");
    }

    @Test
    void theFirstReleaseThatReadsTheNameHasNoErrorForIt() throws IOException {
        assertThat(plan("2711-pieeprom-2022-02-04.bin").findings()).noneMatch(f -> f.finding().isError());
    }
}
