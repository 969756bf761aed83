package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes a file, given a null device (made in the temp folder, as /dev/null), a full device (as
 * /dev/full) or a symbolic link as its output: the device is written through and stays a device, the link stays a
 * link to a replaced target, a full device is one line and exit 1 with nothing else left on disk.
 */
class OutputKindsTest {
    private static final String PI4 = "firmware/2711-pieeprom-2020-04-16.bin";
    @TempDir Path tmp;

    /** A command line writing one file, {@code OUT}. */
    static Stream<Arguments> writers() {
        String image = Conformance.file(PI4).toString(), conf = Conformance.file("cases/cfg-netboot.txt").toString();
        String key = Conformance.file("test/private.pem").toString(), pub = Conformance.file("test/public.pem").toString();
        return Stream.of(
                Arguments.of(List.of("apply", image, "-c", conf, "-o", "OUT")),
                Arguments.of(List.of("extract", image, "-o", "OUT")),
                Arguments.of(List.of("digest", conf, "--ts", "5", "-o", "OUT")),
                Arguments.of(List.of("edit", conf, "--set", "BOOT_UART=1", "-o", "OUT")),
                Arguments.of(List.of("sign", Conformance.file("firmware/2712-pieeprom-2024-04-05.bin").toString(), "-c",
                        conf, "-k", key, "--ts", "5", "-o", "OUT")),
                Arguments.of(List.of("key", "convert", pub, "OUT")),
                Arguments.of(List.of("config", "--config", conf, "--out", "OUT", image)));
    }

    private static String[] with(List<String> args, Path out) {
        return args.stream().map(a -> a.equals("OUT") ? out.toString() : a).toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("writers")
    void aNullDeviceIsWrittenThroughAndStaysADevice(List<String> args) throws Exception {
        Path dev = SpecialFiles.nullDevice(tmp.resolve("null"));
        Cli.Result result = Cli.run(with(args, dev));
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(SpecialFiles.isSpecial(dev)).as("still a device").isTrue();
        assertThat(SpecialFiles.names(tmp)).containsExactly("null");
    }

    @ParameterizedTest
    @MethodSource("writers")
    void aFullDeviceIsOneLineAndExit1(List<String> args) throws Exception {
        Path full = SpecialFiles.fullDevice(tmp.resolve("full"));
        Cli.Result result = Cli.run(with(args, full));
        Failures.assertBadInput(result, full + ": No space left on device");
        assertThat(SpecialFiles.isSpecial(full)).isTrue();
        assertThat(SpecialFiles.names(tmp)).containsExactly("full");
    }

    @ParameterizedTest
    @MethodSource("writers")
    void aLinkStaysALinkToItsReplacedTarget(List<String> args) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path target = Files.writeString(real.resolve("old"), "old\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("real/old"));
        Cli.Result result = Cli.run(with(args, link));
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real/old"));
        assertThat(Files.readAllBytes(target)).isNotEqualTo("old\n".getBytes());
        assertThat(SpecialFiles.names(tmp)).containsExactly("link", "real");
        assertThat(SpecialFiles.names(real)).containsExactly("old");
    }

    @Test
    void netbootWritesTheImageThroughADeviceAndItsSigBesideIt() throws Exception {
        Path dev = SpecialFiles.nullDevice(tmp.resolve("null"));
        Cli.Result result = Cli.run("netboot", Conformance.file(PI4).toString(), "-o", dev.toString(), "--ts", "5");
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(SpecialFiles.isSpecial(dev)).isTrue();
        assertThat(SpecialFiles.names(tmp)).containsExactly("null", "null.sig");
    }
}
