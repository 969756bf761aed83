package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.SyntheticImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What picocli gives the command line: suggestions for a mistyped word, argument files, {@code --}, help forms. */
class CommandLineTest {
    @TempDir Path tmp;

    @Test
    void aMistypedCommandGetsASuggestionAndExitsTwo() {
        Cli.Result r = Cli.run("extrct", "pieeprom.bin");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.stderr()).startsWith("eeprom: error: Unmatched arguments from index 0: 'extrct', 'pieeprom.bin' "
                + "(see 'eeprom --help')\n").contains("Did you mean: eeprom extract");
    }

    @Test
    void aMistypedSubcommandOfAGroupGetsASuggestion() {
        Cli.Result r = Cli.run("tftp", "serv");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("(see 'eeprom tftp --help')").contains("Did you mean: tftp serve?");
    }

    @Test
    void aMistypedOptionGetsTheOptionItMeant() throws IOException {
        Path image = Files.write(tmp.resolve("x.bin"), SyntheticImage.pi4Sample());
        Cli.Result r = Cli.run("info", image.toString(), "--jsn");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: Unknown option: '--jsn' (see 'eeprom info --help')\n"
                + "Possible solutions: --json\n");
        Cli.Result retry = Cli.run("netboot", image.toString(), "-o", tmp.resolve("n.bin").toString(), "--max-retry",
                "5");
        assertThat(retry.exit()).isEqualTo(2);
        assertThat(retry.stderr()).contains("'--max-retry'").contains("Possible solutions: --max-retries");
    }

    @Test
    void argumentsComeFromAnArgumentFile() throws IOException {
        Path image = Files.write(tmp.resolve("x.bin"), SyntheticImage.pi4Sample());
        Path out = tmp.resolve("new.bin");
        Path args = Files.writeString(tmp.resolve("args.txt"), "# the fleet's boot order\n" + image + "\n"
                + "--set BOOT_ORDER=0xf21\n-o " + out + "\n");
        Cli.Result r = Cli.run("apply", "@" + args);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(Cli.run("extract", out.toString()).out()).contains("BOOT_ORDER=0xf21");
    }

    @Test
    void anArgumentFileThatIsAFolderOrNotTextOrMissingIsOneLineAndAUsageError() throws IOException {
        Path image = Files.write(tmp.resolve("x.bin"), SyntheticImage.pi4Sample());
        assertUsage(Cli.run("@" + tmp), "@" + tmp + ": cannot read the argument file: is a folder, not a file");
        assertUsage(Cli.run("info", "@" + image), "@" + image + ": cannot read the argument file: not a text file (a "
                + "NUL byte at offset " + indexOfNul(Files.readAllBytes(image)) + ")");
        assertUsage(Cli.run("@" + tmp.resolve("missing")), "@" + tmp.resolve("missing")
                + ": cannot read the argument file: no such file or folder");
        Path outer = Files.writeString(tmp.resolve("outer.txt"), "info\n@" + tmp + "\n");
        assertUsage(Cli.run("@" + outer), "@" + tmp + ": cannot read the argument file: is a folder, not a file");
        // a word that names no file and that a command takes is the command's: a file named @x.bin
        Cli.Result literal = Cli.run("info", "@" + tmp.resolve("missing.bin"));
        assertThat(literal.exit()).isEqualTo(1);
        assertThat(literal.stderr()).isEqualTo("eeprom: error: @" + tmp.resolve("missing.bin")
                + ": no such file or folder\n");
        assertThat(Cli.run("extrct").stderr()).contains("Did you mean: eeprom extract");   // suggestions stay
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; ; i++) if (bytes[i] == 0) return i;
    }

    private static void assertUsage(Cli.Result r, String message) {
        assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: " + message + "\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void doubleDashEndsTheOptionsSoAFileMayStartWithADash() throws IOException {
        Files.write(tmp.resolve("-odd.bin"), SyntheticImage.pi4Sample());
        Cli.Result r = Cli.run("extract", "--", tmp.resolve("-odd.bin").toString().replace(tmp + "/", ""));
        assertThat(r.exit()).as(r.stderr()).isEqualTo(1);     // relative to the working folder: not found there
        assertThat(r.stderr()).contains("-odd.bin").doesNotContain("Unknown option");
        Cli.Result absolute = Cli.run("extract", "--", tmp.resolve("-odd.bin").toString());
        assertThat(absolute.exit()).as(absolute.stderr()).isZero();
        assertThat(absolute.out()).startsWith("[all]\n");
    }

    @Test
    void helpComesAsAnOptionAsAWordAndBeforeTheCommand() {
        String extract = Cli.run("extract", "--help").out();
        assertThat(extract).startsWith("Usage: eeprom extract ");
        assertThat(Cli.run("help", "extract").out()).isEqualTo(extract);
        assertThat(Cli.run("--help", "extract").out()).isEqualTo(extract);
        assertThat(Cli.run("help", "extract", "--all").out()).isEqualTo(extract);
        assertThat(Cli.run("tftp", "help", "serve").out()).startsWith("Usage: eeprom tftp serve ");
        assertThat(Cli.run("help").out()).startsWith("Usage: eeprom ").contains("Commands:", "extract", "tftp");
        Cli.Result unknown = Cli.run("help", "extrct");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("Did you mean: eeprom extract");
    }

    @Test
    void aGroupWithoutItsCommandIsAUsageError() {
        Cli.Result r = Cli.run("tftp");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("eeprom: error: Missing required subcommand: one of [serve, stage, check] "
                + "(see 'eeprom tftp --help')\n");
    }
}
