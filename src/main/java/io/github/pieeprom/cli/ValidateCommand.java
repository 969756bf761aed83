package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.Finding;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.image.Soc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check bootloader configs before they are flashed: unknown properties (with a did-you-mean), "
                + "bad values, BOOT_ORDER, section filters, size, properties that only work together.",
                "PATH is a config file, an image (its bootconf.txt is checked) or a folder (every *.txt and *.conf "
                        + "in it and below)."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  no error (and no warning with --strict)", "  1  a finding fails the run, or a file cannot be read",
                "  2  usage error", "", "Examples:", "  eeprom validate boot.conf",
                "  eeprom validate --soc 2712 --strict configs/",
                "  eeprom validate --format github configs/   (annotations in a GitHub Actions run)"})
final class ValidateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Config files, images or folders.")
    List<Path> paths;
    @Option(names = "--soc", paramLabel = "2711|2712",
            description = "The SoC the configs are for: a property of the other SoC is then an error.")
    String soc;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (file:line:col: severity: message), json or github (workflow annotations).")
    Findings format;
    @Option(names = "--strict", description = "Warnings fail the run too.")
    boolean strict;

    @Override
    public Integer call() throws IOException {
        Optional<Soc> stated = ConfigSource.soc(soc);
        List<Path> files = new ArrayList<>();
        for (Path path : paths) files.addAll(expand(path));
        List<Findings.InFile> findings = new ArrayList<>();
        for (Path file : files) {
            ConfigSource source = ConfigSource.read(file);
            List<Finding> found = source.image().isPresent() && stated.isEmpty()
                    ? Validator.checkInImage(source.config(), source.image().get().soc())
                    : Validator.check(source.config(), stated);
            found.forEach(f -> findings.add(new Findings.InFile(file.toString(), f)));
        }
        spec.commandLine().getOut().print(format.format(findings, files.size()));
        spec.commandLine().getOut().flush();
        long errors = findings.stream().filter(f -> f.finding().isError()).count();
        if (format == Findings.text) spec.commandLine().getErr().printf("%d file%s: %d error%s, %d warning%s%n",
                files.size(), plural(files.size()), errors, plural(errors), findings.size() - errors,
                plural(findings.size() - errors));
        return findings.stream().anyMatch(f -> f.finding().fails(strict)) ? EepromCli.EXIT_BAD_INPUT : 0;
    }

    /** A folder's {@code *.txt} and {@code *.conf} files, at any depth, in name order; any other path as it is. */
    private static List<Path> expand(Path path) throws IOException {
        if (!Files.isDirectory(path)) return List.of(path);
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".txt") || p.getFileName().toString().endsWith(".conf"))
                    .sorted().toList();
        }
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
