package io.github.pieeprom.netboot.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.cli.EepromCli;
import io.github.pieeprom.testing.BootPartition;
import io.github.pieeprom.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs examples/netboot/boot-server.sh as written, with sh, in a server namespace beside the site's DHCP server
 * (dnsmasq); the rack is one virtual Pi with a serial from devices.csv, powered on where the script says.
 */
class BootServerExampleTest {
    @TempDir Path tmp;

    @Test
    void theWalkThroughStagesServesBootsABoardAndListsIt() throws Exception {
        Peers.requireExecutable("/usr/sbin/dnsmasq", "dnsmasq-base");
        try (TestNetwork net = TestNetwork.create("srv", "site", "pi")) {
            net.up("srv", "02:00:00:00:00:01", "10.77.0.1/24").up("site", "02:00:00:00:00:02", "10.77.0.2/24")
                    .up("pi", "dc:a6:32:01:36:c2", null);
            Process site = BootServeNetnsTest.siteDhcp(net, tmp);
            try {
                String eeprom = String.join(" ", BootServeNetnsTest.java(EepromCli.class.getName()));
                String powerOn = "ip netns exec " + net.namespace("pi") + " " + String.join(" ",
                        BootServeNetnsTest.java(VirtualPi.class.getName(), "eth0", "dc:a6:32:01:36:c2", "1234abcd",
                                tmp.resolve("pi").toString(), "6666"));
                ProcessBuilder script = new ProcessBuilder(net.in("srv", "sh", "examples/netboot/boot-server.sh"))
                        .redirectErrorStream(true).redirectOutput(tmp.resolve("script.out").toFile());
                script.environment().putAll(Map.of("EEPROM", eeprom, "BOOT",
                        BootPartition.create(tmp.resolve("boot")).toString(), "ROOT", tmp.resolve("tftp").toString(),
                        "SERVER", "10.77.0.1", "STATE", tmp.resolve("state").toString(), "POWER_ON", powerOn));
                Process p = script.start();
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                String out = Files.readString(tmp.resolve("script.out"));
                assertThat(p.exitValue()).as(out + Files.readString(tmp.resolve("state.log"))).isZero();
                assertThat(out).containsPattern("1234abcd  dc:a6:32:01:36:c2 RPi4 c03111 10\\.77\\.0\\.1\\d\\d +last seen "
                        + ".* dhcp \\d+, tftp 7, 7 files sent\n").contains("booted", "NET_BOOT: 1234abcd fetched its files");
                assertThat(Files.readString(tmp.resolve("pi/1234abcd/cmdline.txt"))).isEqualTo("console=serial0,115200 "
                        + "console=tty1 root=/dev/nfs nfsroot=10.77.0.1:/srv/nfs/rack1-node1,vers=4 rw ip=dhcp rootwait\n");
                assertThat(Files.readString(tmp.resolve("state.log"))).contains("summary: ");
                assertThat(List.of(tmp.resolve("tftp").toFile().list())).doesNotContain(".eeprom-boot");
            } finally {
                site.destroy();
                site.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
