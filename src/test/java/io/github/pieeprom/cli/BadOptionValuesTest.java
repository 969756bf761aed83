package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.SyntheticImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad option value is a usage error in every command that takes the option: exit 2, one line naming the option,
 * nothing written, checked as the command line is parsed (a --dry-run too).
 */
class BadOptionValuesTest {
    private static final String TS = "expected a decimal number of seconds since 1970, found \"abc\"";
    private static final String NEGATIVE = "-1 is outside 0..4294967295 (an unsigned 32-bit epoch)";
    private static final String PREFIX_STR = "expected a relative folder of letters, digits, ., _, - and / that ends in "
            + "/ and holds at most 32 characters, found \"../\"";

    @TempDir Path tmp;

    private record Case(String command, String option, String detail, String... args) {
    }

    @TestFactory
    Stream<DynamicTest> badValuesAreUsageErrorsNamingTheOption() throws IOException {
        String image = Files.write(tmp.resolve("pi4.bin"), SyntheticImage.pi4Sample()).toString();
        String conf = Files.writeString(tmp.resolve("c.conf"), "[all]\nBOOT_ORDER=0xf41\n").toString();
        String out = tmp.resolve("out.bin").toString();
        String boot = Files.createDirectories(tmp.resolve("boot")).toString();
        String root = tmp.resolve("root").toString();
        List<Case> cases = List.of(
                new Case("digest", "--ts", TS, "digest", image, "--ts", "abc", "-o", out),
                new Case("digest", "--ts", NEGATIVE, "digest", image, "--ts", "-1", "-o", out),
                new Case("digest", "--ts", NEGATIVE, "digest", image, "--ts=-1", "-o", out),
                new Case("stage-update", "--ts", TS, "stage-update", image, "--ts", "abc", "--to", root),
                new Case("batch", "--ts", NEGATIVE, "batch", conf, "--ts", "-1", "-o", root),
                new Case("netboot", "--ts", TS, "netboot", image, "--ts", "abc", "--dry-run"),
                new Case("netboot", "--ts", TS, "netboot", image, "--ts", "abc", "-o", out),
                new Case("netboot", "--tftp-prefix-str", PREFIX_STR, "netboot", image, "--tftp-prefix-str", "../",
                        "--dry-run"),
                new Case("apply", "--timestamp", TS, "apply", image, "-c", conf, "-t", "abc", "-o", out),
                new Case("config", "--timestamp", TS, "config", image, "-c", conf, "-t", "abc", "-o", out),
                new Case("tftp stage", "--serial' at index 0 (S)", "expected 8 hex digits (or the 16 of "
                        + "/proc/cpuinfo's Serial), found \"zz\"", "tftp", "stage", "--boot", boot, "--root", root,
                        "--serial", "zz", "--dry-run"),
                new Case("tftp stage", "--tftp-prefix-str", PREFIX_STR, "tftp", "stage", "--boot", boot, "--root", root,
                        "--serial", "1234abcd", "--prefix", "string", "--tftp-prefix-str", "../", "--dry-run"),
                new Case("tftp stage", "--proxy-dhcp", "expected the LAN's IPv4 network address such as 10.0.0.0, "
                        + "found \"999.0.0.0\"", "tftp", "stage", "--boot", boot, "--root", root, "--serial",
                        "1234abcd", "--dnsmasq", tmp.resolve("x.conf").toString(), "--proxy-dhcp", "999.0.0.0"),
                new Case("tftp check", "--mac", "expected six hex pairs such as dc:a6:32:01:36:c2, found \"zz\"",
                        "tftp", "check", "--root", root, "--mac", "zz"),
                new Case("tftp check", "--serial", "expected 8 hex digits (or the 16 of /proc/cpuinfo's Serial), "
                        + "found \"zz\"", "tftp", "check", "--root", root, "--serial", "zz"),
                new Case("stage-update", "--to", "an empty path; give a file or folder name (. for here)",
                        "stage-update", image, "--to", ""),
                new Case("tftp serve", "--port", "expected a whole number, found '\uff11\uff16\uff19\uff16\uff19'",
                        "tftp", "serve", "--root", root, "--port", "\uff11\uff16\uff19\uff16\uff19"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) tests.add(DynamicTest.dynamicTest(String.join(" ", c.args()), () -> {
            Cli.Result r = Cli.run(c.args());
            assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
            assertThat(r.stderr()).isEqualTo("eeprom: error: Invalid value for option '" + c.option()
                    + (c.option().endsWith(")") ? "" : "'") + ": " + c.detail() + " (see 'eeprom " + c.command()
                    + " --help')\n");
            assertThat(r.out()).isEmpty();
            assertThat(Path.of(out)).doesNotExist();
            assertThat(Path.of(root)).doesNotExist();
        }));
        return tests.stream();
    }

    @Test
    void aGoodTimestampStillWorksAndAMissingOneIsPicocliUsageError() throws IOException {
        String conf = Files.writeString(tmp.resolve("c.conf"), "[all]\nBOOT_ORDER=0xf41\n").toString();
        Cli.Result good = Cli.run("digest", conf, "--ts=0");
        assertThat(good.exit()).as(good.stderr()).isZero();
        assertThat(good.out()).contains("ts: 0\n");
        Cli.Result missing = Cli.run("digest", conf, "--ts");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("eeprom: error: Missing required parameter for option '--ts' (N) "
                + "(see 'eeprom digest --help')\n");
    }
}
