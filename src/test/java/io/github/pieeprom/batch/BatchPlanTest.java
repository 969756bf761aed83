package io.github.pieeprom.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.Soc;
import io.github.pieeprom.batch.RowOutcome.Rejected;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.template.Template;
import io.github.pieeprom.testing.SyntheticImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
    private static final EepromImage PI4 = EepromImage.parse("pi4.bin", SyntheticImage.pi4Sample());
    private static final EepromImage PI5 = EepromImage.parse("pi5.bin", SyntheticImage.pi5Sample());
    private static final BaseImages BASES = new BaseImages(Map.of(Soc.BCM2711, PI4), Map.of("pi5.bin", PI5));
    private static final Map<String, Template> TEMPLATES = Map.of("rack.conf", Template.parse("rack.conf",
            "[all]\nBOOT_ORDER=0xf21\nCLIENT_IP=${ip}\nSUBNET=255.255.255.0\nTFTP_IP=10.0.0.1\n"));

    private static BatchPlan plan(String csv) {
        return BatchPlan.of(Manifest.parse("devices.csv", csv.getBytes(StandardCharsets.UTF_8)), TEMPLATES, BASES,
                1_700_000_000L);
    }

    private static List<String> rejections(String csv) {
        return plan(csv).rejected().stream().map(Rejected::message).toList();
    }

    /** For each device, the index of its build in {@link BatchPlan#builds()}. */
    private static List<Integer> buildOfEachDevice(BatchPlan plan) {
        return plan.devices().stream().map(d -> plan.builds().indexOf(d.build())).toList();
    }

    @Test
    void devicesWithTheSameConfigAndBaseShareOneBuild() {
        BatchPlan plan = plan("name,soc,image,template,ip\n"
                + "a,2711,,rack.conf,10.0.0.2\nb,2711,,rack.conf,10.0.0.3\nc,2711,,rack.conf,10.0.0.2\n"
                + "d,2712,pi5.bin,,\ne,2712,pi5.bin,,\n");
        assertThat(plan.rejected()).isEmpty();
        assertThat(buildOfEachDevice(plan)).containsExactly(0, 1, 0, 2, 2);
        assertThat(plan.builds()).hasSize(3);
        assertThat(new String(plan.builds().get(1).config().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("[all]\nBOOT_ORDER=0xf21\nCLIENT_IP=10.0.0.3\nSUBNET=255.255.255.0\nTFTP_IP=10.0.0.1\n");
        assertThat(plan.builds().get(2).config().toBytes()).isEqualTo(PI5.bootConfig());
    }

    @Test
    void setColumnsEditTheConfigAfterTheTemplateAndEmptyCellsLeaveItAlone() {
        BatchPlan plan = plan("name,soc,template,ip,set:BOOT_ORDER,set:NET_BOOT_MAX_RETRIES\n"
                + "a,2711,rack.conf,10.0.0.2,0xf241,\nb,2711,,,,5\n");
        assertThat(new String(plan.builds().get(0).config().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("[all]\nBOOT_ORDER=0xf241\nCLIENT_IP=10.0.0.2\nSUBNET=255.255.255.0\nTFTP_IP=10.0.0.1\n");
        assertThat(new String(plan.builds().get(1).config().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("[all]\nBOOT_UART=0\nWAKE_ON_GPIO=1\nPOWER_OFF_ON_HALT=0\nNET_BOOT_MAX_RETRIES=5\n");
    }

    @Test
    void aPlaceholderWithoutAColumnAndAColumnNoTemplateUsesAreReportedWithTheirRow() {
        assertThat(rejections("name,soc,template\na,2711,rack.conf\n"))
                .containsExactly("devices.csv:2: a: template rack.conf uses ${ip}, which is not a column");
        assertThat(rejections("name,soc,template,ip,rack\na,2711,rack.conf,10.0.0.2,r1\nb,2711,,,r2\n"))
                .containsExactly("devices.csv:2: a: column rack is not used by template rack.conf",
                        "devices.csv:3: b: column rack is not used: the row has no template");
        assertThat(rejections("name,soc,template,ip\na,2711,rack.conf,\n"))
                .containsExactly("devices.csv:2: a: ${ip} is empty (template rack.conf)");
    }

    @Test
    void aConfigThatFailsValidationRejectsItsRowWithTheConfigLine() {
        assertThat(rejections("name,soc,template,ip\na,2711,rack.conf,10.0.0.300\n")).containsExactly(
                "devices.csv:2: a: rack.conf is not valid: line 3: CLIENT_IP: expected a dotted IPv4 address "
                        + "such as 192.168.1.10, found \"10.0.0.300\"");
        assertThat(rejections("name,soc,set:BOOT_ORDER\na,2711,0xf2g\n")).containsExactly("devices.csv:2: a: "
                + "pi4.bin (bootconf.txt) is not valid: line 5: BOOT_ORDER: \"g\" is not a hex digit in \"0xf2g\"");
    }

    @Test
    void theSocOfEachImageIsCheckedAgainstTheRow() {
        assertThat(rejections("name,soc,image\na,2711,pi5.bin\nb,2712,\nc,2713,\nd,pi4,missing.bin\n")).containsExactly(
                "devices.csv:2: a: image pi5.bin is a BCM2712 image; the row's soc is 2711",
                "devices.csv:3: b: no base image for 2712: give --image-2712 or an image column",
                "devices.csv:4: c: soc: expected 2711 or 2712, found \"2713\"",
                "devices.csv:5: d: no such image missing.bin");
    }

    @Test
    void deviceNamesMustBeUniqueFolderNames() {
        assertThat(rejections("name,serial,soc\na,,2711\na,,2711\n../x,,2711\n,,2711\n")).containsExactly(
                "devices.csv:3: a: the name is also on line 2",
                "devices.csv:4: ../x: expected a name of letters, digits, ., _ and - (it names a folder), found \"../x\"",
                "devices.csv:5: no name or serial");
    }

    @Test
    void aNameUsedTwiceIsReportedBeforeTheRowsOtherProblemsAndARejectedRowClaimsNoName() {
        assertThat(rejections("name,soc\nx,2711\nx,2713\n")).containsExactly(
                "devices.csv:3: x: the name is also on line 2");
        assertThat(rejections("name,soc\nx,2713\nx,2711\nx,2711\n")).containsExactly(
                "devices.csv:2: x: soc: expected 2711 or 2712, found \"2713\"",
                "devices.csv:4: x: the name is also on line 3");
    }

    @Test
    void rowsThatShareABadConfigEachNameTheirOwnTemplateAndImage() {
        String conf = "[all]\nBOOT_ORDER=0xf21\nCLIENT_IP=${ip}\n# " + "x".repeat(600) + "\n";
        Map<String, Template> twins = Map.of("r1.conf", Template.parse("r1.conf", conf), "r2.conf",
                Template.parse("r2.conf", conf));
        byte[] small = new SyntheticImage(Soc.BCM2711).bootcode(new byte[64]).padTo(0x20000)
                .file("bootconf.txt", new byte[10]).padTo(0x20200).file("pubkey.bin", new byte[8]).end();
        BaseImages bases = new BaseImages(Map.of(), Map.of("a.bin", EepromImage.parse("a.bin", small), "b.bin",
                EepromImage.parse("b.bin", small)));
        BatchPlan plan = BatchPlan.of(Manifest.parse("devices.csv", ("name,soc,image,template,ip\n"
                + "v,2711,a.bin,r1.conf,10.0.0.300\nw,2711,b.bin,r2.conf,10.0.0.300\n"
                + "x,2711,a.bin,r1.conf,10.0.0.3\ny,2711,b.bin,r2.conf,10.0.0.3\n").getBytes(StandardCharsets.UTF_8)),
                twins, bases, 1_700_000_000L);
        assertThat(plan.rejected()).extracting(Rejected::message).containsExactly(
                "devices.csv:2: v: r1.conf is not valid: line 3: CLIENT_IP: expected a dotted IPv4 address such as "
                        + "192.168.1.10, found \"10.0.0.300\"",
                "devices.csv:3: w: r2.conf is not valid: line 3: CLIENT_IP: expected a dotted IPv4 address such as "
                        + "192.168.1.10, found \"10.0.0.300\"",
                "devices.csv:4: x: the config is 645 bytes; image a.bin holds at most 488",
                "devices.csv:5: y: the config is 645 bytes; image b.bin holds at most 488");
    }

    @Test
    void anImageGivenTwiceUnderTwoNamesIsOneBase() {
        EepromImage copy = EepromImage.parse("copy.bin", SyntheticImage.pi4Sample());
        BatchPlan plan = BatchPlan.of(Manifest.parse("devices.csv", "name,soc,image\na,2711,\nb,2711,copy.bin\n"
                .getBytes(StandardCharsets.UTF_8)), TEMPLATES, new BaseImages(Map.of(Soc.BCM2711, PI4),
                Map.of("copy.bin", copy)), 1_700_000_000L);
        assertThat(buildOfEachDevice(plan)).containsExactly(0, 0);
        assertThat(plan.builds()).hasSize(1);
    }

    @Test
    void devicesShareABuildExactlyWhenTheirBasesBytesAndConfigBytesAreTheSame() {
        EepromImage copy = EepromImage.parse("copy.bin", SyntheticImage.pi4Sample());
        EepromImage stamped = PI4.withTimestamp(5);                     // other bytes, the same bootconf.txt
        BatchPlan plan = BatchPlan.of(Manifest.parse("devices.csv", ("name,soc,image,template,ip\n"
                + "a,2711,,rack.conf,10.0.0.2\nb,2711,copy.bin,rack.conf,10.0.0.2\nc,2711,stamped.bin,rack.conf,10.0.0.2\n"
                + "d,2711,stamped.bin,,\ne,2711,,,\n").getBytes(StandardCharsets.UTF_8)), TEMPLATES,
                new BaseImages(Map.of(Soc.BCM2711, PI4), Map.of("copy.bin", copy, "stamped.bin", stamped)), 0);
        assertThat(buildOfEachDevice(plan)).containsExactly(0, 0, 1, 2, 3);
        assertThat(plan.builds().get(2).config().toBytes()).isEqualTo(plan.builds().get(3).config().toBytes());
    }

    @Test
    void aBadRowIsListedWhileTheOtherRowsArePlanned() {
        BatchPlan plan = plan("name,soc,template,ip\na,2711,rack.conf,10.0.0.2\nb,2711,other.conf,\nc,2711,,\n");
        assertThat(plan.devices()).extracting(BatchPlan.Device::name).containsExactly("a", "c");
        assertThat(plan.rejected()).extracting(r -> r.row().line(), Rejected::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "devices.csv:3: b: no such template other.conf"));
        assertThat(plan.outcomes()).extracting(o -> o.row().line()).containsExactly(2, 3, 4);
        assertThat(plan.outcomes()).extracting(o -> o instanceof RowOutcome.Built).containsExactly(true, false, true);
    }
}
