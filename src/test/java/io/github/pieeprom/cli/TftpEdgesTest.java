package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.BootPartition;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tftp stage as a user runs it on an SD-card boot folder and with the serial /proc/cpuinfo shows. */
class TftpEdgesTest {
    @TempDir Path tmp;

    @Test
    void anSdCardCmdlineIsStagedWithAWarningAndASixteenDigitSerialNamesItsLastEight() throws IOException {
        Path boot = BootPartition.create(tmp.resolve("boot")), root = tmp.resolve("tftp");
        Cli.Result r = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "100000001234ABCD");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).isEqualTo("created   1234abcd/ (board 1234abcd, 10 files)\n");
        assertThat(r.stderr()).isEqualTo("eeprom: warning: " + boot.resolve("cmdline.txt") + ": root=/dev/mmcblk0p2 is "
                + "the SD card; a board that boots from the network needs its root there too (root=/dev/nfs "
                + "nfsroot=..., or --nfs-root SERVER:/PATH)\n");
        Cli.Result nfs = Cli.run("tftp", "stage", "--boot", boot.toString(), "--root", root.toString(), "--serial",
                "1234abcd", "--cmdline", "root=/dev/nfs nfsroot=10.0.0.1:/srv/${serial} rw ip=dhcp", "--dry-run");
        assertThat(nfs.exit()).as(nfs.stderr()).isZero();
        assertThat(nfs.stderr()).isEmpty();
    }
}
