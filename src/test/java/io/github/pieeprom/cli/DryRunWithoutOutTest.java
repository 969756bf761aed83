package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.SpecialFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands with --dry-run (netboot, migrate, tftp stage) need no -o for it; without it, -o is a usage error. */
class DryRunWithoutOutTest {
    private static final String PI4 = "firmware/2711-pieeprom-2020-04-16.bin";
    private static final String PI4_NEW = "firmware/2711-pieeprom-2026-08-04.bin";
    @TempDir Path tmp;

    @Test
    void netbootDryRunPrintsTheNewConfigWithoutOut() throws IOException {
        Cli.Result r = Cli.run("netboot", Conformance.file(PI4).toString(), "--dry-run", "--max-retries", "5");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).startsWith("[all]\n").contains("\nBOOT_ORDER=0xf21\n", "\nNET_BOOT_MAX_RETRIES=5\n");
        assertThat(r.stderr()).doesNotContain("wrote");
        assertThat(SpecialFiles.names(tmp)).isEmpty();
    }

    @Test
    void migrateDryRunListsWhatChangesWithoutOut() throws IOException {
        Path conf = Files.writeString(tmp.resolve("board.conf"), "[all]\nBOOT_ORDER=0xf21\n");
        Cli.Result r = Cli.run("migrate", conf.toString(), Conformance.file(PI4_NEW).toString(), "--dry-run");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).startsWith("carried from " + conf + ": bootconf.txt\n").doesNotContain("wrote");
        assertThat(SpecialFiles.names(tmp)).containsExactly("board.conf");
        assertThat(Files.readString(conf)).isEqualTo("[all]\nBOOT_ORDER=0xf21\n");
    }

    @Test
    void withoutDryRunOutIsStillRequiredAsAUsageError() throws IOException {
        Cli.Result netboot = Cli.run("netboot", Conformance.file(PI4).toString());
        assertThat(netboot.exit()).isEqualTo(2);
        assertThat(netboot.stderr()).isEqualTo("eeprom: error: Missing required option: '--out=OUT' (or --dry-run) "
                + "(see 'eeprom netboot --help')\n");
        Path conf = Files.writeString(tmp.resolve("board.conf"), "[all]\nBOOT_ORDER=0xf21\n");
        Cli.Result migrate = Cli.run("migrate", conf.toString(), Conformance.file(PI4_NEW).toString());
        assertThat(migrate.exit()).isEqualTo(2);
        assertThat(migrate.stderr()).isEqualTo("eeprom: error: Missing required option: '--out=OUT' (or --dry-run) "
                + "(see 'eeprom migrate --help')\n");
        assertThat(migrate.out()).isEmpty();
        assertThat(SpecialFiles.names(tmp)).containsExactly("board.conf");
    }

    @Test
    void helpShowsOutAsOptional() {
        assertThat(Cli.run("netboot", "--help").out()).contains("[-o=OUT]");
        assertThat(Cli.run("migrate", "--help").out()).contains("[-o=OUT]");
    }
}
