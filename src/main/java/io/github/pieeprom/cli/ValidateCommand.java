package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.bootconf.ConfigFiles;
import io.github.pieeprom.bootconf.Finding;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.image.Soc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

final class ValidateCommand implements Command {
    static final Arg<Path> PATHS = Arg.positional(Converters.PATH, "PATH").repeatable()
            .help("Config files, images or folders.");
    static final Arg<String> SOC = Arg.option(Converters.STRING, "2711|2712", "--soc")
            .help("The SoC the configs are for: a property of the other SoC is then an error.");
    static final Arg<Findings> FORMAT = Arg.option(Converters.enumOf(Findings.class), "FORMAT", "--format")
            .defaultValue("text")
            .help("text (file:line:col: severity: message), json or github (workflow annotations).");
    static final Arg<Boolean> STRICT = Arg.flag("--strict").help("Warnings fail the run too.");
    static final Definition DEFINITION = Definition.of("validate", PATHS, SOC, FORMAT, STRICT)
            .describe("Check bootloader configs before they are flashed: unknown properties (with a did-you-mean), "
                            + "bad values, BOOT_ORDER, section filters, size, properties that only work together.",
                    "PATH is a config file, an image (its bootconf.txt is checked) or a folder (every *.txt and "
                            + "*.conf in it and below).")
            .footer("Exit codes:", "  0  no error (and no warning with --strict)",
                    "  1  a finding fails the run, or a file cannot be read", "  2  usage error", "", "Examples:",
                    "  eeprom validate boot.conf", "  eeprom validate --soc 2712 --strict configs/",
                    "  eeprom validate --format github configs/   (annotations in a GitHub Actions run)");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Optional<Soc> stated = ConfigSource.soc(args.get(SOC));
        Findings format = args.get(FORMAT);
        List<Path> files = new ArrayList<>();
        for (Path path : args.all(PATHS)) files.addAll(expand(path));
        List<Findings.InFile> findings = new ArrayList<>();
        for (Path file : files) {
            ConfigSource source = ConfigSource.read(file);
            List<Finding> found = source.image().isPresent() && stated.isEmpty()
                    ? Validator.checkInImage(source.config(), source.image().get().soc())
                    : Validator.check(source.config(), stated);
            found.forEach(f -> findings.add(new Findings.InFile(file.toString(), f)));
        }
        console.out().print(format.format(findings, files.size()));
        console.out().flush();
        long errors = findings.stream().filter(f -> f.finding().isError()).count();
        if (format == Findings.text) console.err().println(Text.count(files.size(), "file") + ": "
                + Text.count(errors, "error") + ", " + Text.count(findings.size() - errors, "warning"));
        return findings.stream().anyMatch(f -> f.finding().fails(args.get(STRICT))) ? EepromCli.EXIT_BAD_INPUT : 0;
    }

    /** A folder's bootloader configs ({@link ConfigFiles}), at any depth, in name order; any other path as it is. */
    private static List<Path> expand(Path path) throws IOException {
        if (!Files.isDirectory(path)) return List.of(path);
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> ConfigFiles.isBootloaderConfig(p.getFileName().toString()))
                    .sorted().toList();
        }
    }
}
