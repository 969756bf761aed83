package io.github.pieeprom.cli;

import io.github.pieeprom.Soc;
import io.github.pieeprom.bootconf.ConfigFiles;
import io.github.pieeprom.bootconf.Finding;
import io.github.pieeprom.bootconf.PropertyTable;
import io.github.pieeprom.bootconf.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

final class ValidateCommand implements Command {
    static final String PATHS = "PATH";
    static final String SOC = "--soc";
    static final String FORMAT = "--format";
    static final String STRICT = "--strict";
    static final String IMAGE = "--image";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "validate",
                "Check bootloader configs before they are flashed: unknown properties (with a did-you-mean), "
                            + "bad values, BOOT_ORDER, section filters, size, properties that only work together.",
                    "PATH is a config file, an image (its bootconf.txt is checked against its own bootloader) or a "
                            + "folder (its bootloader configs, at any depth: *.conf and *.txt less config.txt, "
                            + "cmdline.txt and documents).");
        spec.addPositional(Specs.pathParameters("PATH")
                .description("Config files, images or folders.").index("0..*").required(true).build());
        spec.addOption(Specs.choice(Specs.SOCS, "2711|2712", "--soc")
                .description("The SoC the configs are for: a property of the other SoC is then an error.").build());
        spec.addOption(Specs.path("IMAGE", "--image")
                .description("Check against this image's bootloader: a property it does not read is an error, "
                        + "naming the first release that reads it.").build());
        spec.addOption(OptionSpec.builder("--format").paramLabel("FORMAT").type(Findings.class)
                .description("text (file:line:col: severity: message), json or github (workflow annotations).")
                .defaultValue("text").build());
        spec.addOption(Specs.flag("--strict")
                .description("Warnings fail the run too.").build());
        spec.usageMessage().exitCodeList(Specs.exitCodes("0", "No error (and no warning with --strict).",
                "1", "A finding fails the run, or a file cannot be read.", "2", "Usage error."));
        Specs.footer(spec, "Examples:",
                    "  eeprom validate boot.conf", "  eeprom validate --soc 2712 --strict configs/",
                    "  eeprom validate --strict --image pieeprom-2025-02-11.bin boot.conf",
                    "  eeprom validate --format github configs/   (annotations in a GitHub Actions run)");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Optional<Soc> stated = ConfigSource.soc(args.get(SOC));
        if (stated.isPresent() && args.has(IMAGE))
            throw new UsageException("--soc and --image: the image says which SoC; give one of them");
        Findings format = args.get(FORMAT);
        List<Path> files = new ArrayList<>();
        for (Path path : args.<Path>all(PATHS)) files.addAll(expand(path));
        List<Path> inputs = new ArrayList<>(files);
        inputs.add(args.get(IMAGE));
        Inputs.readOnce(inputs.toArray(new Path[0]));
        Optional<PropertyTable> target = args.has(IMAGE)             // read once, for every file
                ? Optional.of(PropertyTable.of(Inputs.image(args.get(IMAGE)))) : Optional.empty();
        List<Findings.InFile> findings = new ArrayList<>();
        for (Path file : files) {
            ConfigSource source = ConfigSource.read(file);
            Optional<PropertyTable> table = target.isPresent() || stated.isPresent() ? target
                    : source.image().map(PropertyTable::of);          // an image's config: against its own table
            List<Finding> found = table.isPresent() ? Validator.checkInImage(source.config(), table.get())
                    : Validator.check(source.config(), stated);
            found.forEach(f -> findings.add(new Findings.InFile(file.toString(), f)));
        }
        console.out().print(format.format(findings, files.size()));
        console.out().flush();
        long errors = findings.stream().filter(f -> f.finding().isError()).count();
        if (format == Findings.text) console.err().println(Text.count(files.size(), "file") + ": "
                + Text.count(errors, "error") + ", " + Text.count(findings.size() - errors, "warning"));
        return findings.stream().anyMatch(f -> f.finding().fails(args.flag(STRICT))) ? EepromCli.EXIT_BAD_INPUT : 0;
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
