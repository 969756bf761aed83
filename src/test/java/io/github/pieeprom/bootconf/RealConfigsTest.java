package io.github.pieeprom.bootconf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every real config (shipped in images, and the reference's test configs) parses losslessly and has no error. */
class RealConfigsTest {
    @Test
    void everyConfigFileRoundTripsByteForByteAndHasNoError() throws IOException {
        List<Path> files = configFiles();
        assertThat(files).hasSizeGreaterThan(70);
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            BootConfig config = BootConfig.parse(file.getFileName().toString(), bytes);
            assertThat(config.toBytes()).as(file.toString()).isEqualTo(bytes);
            if (file.getFileName().toString().equals("bootconf-4077.txt")) continue;
            assertThat(errors(Validator.check(config, Optional.empty()))).as(file.toString()).isEmpty();
        }
    }

    @Test
    void theConfigInsideEveryImageRoundTripsAndHasNoErrorForTheImagesSoc() throws IOException {
        for (Path path : Conformance.images()) {
            EepromImage image = ImageFiles.read(path);
            byte[] bytes = image.bootConfig();
            BootConfig config = BootConfig.parse(path.getFileName().toString(), bytes);
            assertThat(config.toBytes()).as(path.toString()).isEqualTo(bytes);
            assertThat(errors(Validator.checkInImage(config, image.soc()))).as(path.toString()).isEmpty();
        }
    }

    @Test
    void theOneByteTooLargeTestConfigHasOnlyTheSizeError() {
        BootConfig config = BootConfig.parse("bootconf-4077.txt", Conformance.read("test/bootconf-4077.txt"));
        assertThat(errors(Validator.check(config, Optional.empty()))).containsExactly(new Finding(0, 0, "",
                Finding.Severity.ERROR, "the file is 4077 bytes, more than the 4076 bytes an image can hold"));
    }

    @Test
    void theGeneratedEdgeCaseConfigsRoundTripByteForByte() throws IOException {
        try (Stream<Path> files = Files.list(Conformance.file("cases"))) {
            List<Path> configs = files.filter(p -> p.getFileName().toString().startsWith("cfg-")).sorted().toList();
            assertThat(configs).isNotEmpty();
            for (Path file : configs) {
                byte[] bytes = Files.readAllBytes(file);
                assertThat(BootConfig.parse("x", bytes).toBytes()).as(file.toString()).isEqualTo(bytes);
            }
        }
    }

    private static List<Path> configFiles() throws IOException {
        try (Stream<Path> configs = Files.list(Conformance.file("configs"));
                Stream<Path> tests = Files.list(Conformance.file("test"))) {
            return Stream.concat(configs, tests.filter(p -> p.toString().endsWith(".txt"))).sorted().toList();
        }
    }

    private static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).toList();
    }
}
