package io.github.pieeprom.netboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.testing.BootPartition;
import org.junit.jupiter.api.Test;

/** {@code --nfs-root} rewrites only the root of a real SD-card install's line; an SD-card root is a warning. */
class CmdlineTest {
    /** Raspberry Pi OS Bookworm's cmdline.txt as its image ships it (PARTUUID of the card, first-boot init). */
    private static final String BOOKWORM = "console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 "
            + "rootfstype=ext4 fsck.repair=yes rootwait quiet init=/usr/lib/raspberrypi-sys-mods/firstboot\n";

    @Test
    void nfsRootReplacesRootAndItsTypeAndAddsDhcpKeepingEveryOtherArgumentInPlace() {
        assertThat(Cmdline.withNfsRoot(BOOKWORM, "10.0.0.1:/srv/nfs/pi")).isEqualTo("console=serial0,115200 "
                + "console=tty1 root=10.0.0.1:/srv/nfs/pi rootfstype=nfs fsck.repair=yes rootwait quiet "
                + "init=/usr/lib/raspberrypi-sys-mods/firstboot ip=dhcp\n");
    }

    @Test
    void whatIsMissingIsAddedAndAStaticIpIsKept() {
        assertThat(Cmdline.withNfsRoot("console=tty1 ip=10.0.0.50::10.0.0.254:255.255.255.0::eth0:off rw\r\n",
                "nas:/export/pi")).isEqualTo("console=tty1 ip=10.0.0.50::10.0.0.254:255.255.255.0::eth0:off rw "
                + "root=nas:/export/pi rootfstype=nfs\n");
        assertThat(Cmdline.withNfsRoot("", "nas:/")).isEqualTo("root=nas:/ rootfstype=nfs ip=dhcp\n");
    }

    @Test
    void aValueThatIsNotServerColonPathIsRefused() {
        for (String bad : new String[] {"/srv/nfs", "10.0.0.1:srv", ":/srv", "10.0.0.1:/srv nfs", "a:/b,vers=4"})
            assertThatThrownBy(() -> Cmdline.withNfsRoot(BOOKWORM, bad)).isInstanceOf(EepromException.class)
                    .hasMessage("--nfs-root: expected SERVER:/PATH such as 10.0.0.1:/srv/nfs/pi, found \"" + bad + "\"");
    }

    @Test
    void anSdCardRootIsAWarningAndANetworkRootIsNot() {
        assertThat(Cmdline.sdCardRoot("boot/cmdline.txt", BootPartition.SD_CMDLINE)).hasValue("boot/cmdline.txt: "
                + "root=/dev/mmcblk0p2 is the SD card; a board that boots from the network needs its root there too "
                + "(root=/dev/nfs nfsroot=..., or --nfs-root SERVER:/PATH)");
        assertThat(Cmdline.sdCardRoot("c", BOOKWORM)).get().asString().contains("root=PARTUUID=4e639091-02 is the SD");
        assertThat(Cmdline.sdCardRoot("c", "root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs,vers=4 rw ip=dhcp")).isEmpty();
        assertThat(Cmdline.sdCardRoot("c", Cmdline.withNfsRoot(BOOKWORM, "10.0.0.1:/srv"))).isEmpty();
        assertThat(Cmdline.sdCardRoot("c", "root=/dev/mmcblk0p2 root=/dev/nfs")).as("the last root= counts").isEmpty();
        assertThat(Cmdline.sdCardRoot("c", "console=tty1")).isEmpty();
    }
}
