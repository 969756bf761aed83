package io.github.pieeprom.cli;

import io.github.pieeprom.Soc;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.PropertyEdits;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

final class EditCommand implements Command {
    static final Arg<Path> FILE = Arg.positional(Converters.PATH, "FILE").help("The config file.");
    static final Arg<Path> OUT = Arg.option(Converters.PATH, "OUT", "-o", "--out")
            .help("Where to write (default: FILE; - for standard output).");
    static final Arg<String> SOC = Arg.option(Converters.STRING, "2711|2712", "--soc")
            .help("Validate the result for this SoC.");
    static final Definition DEFINITION = Definition.of("edit", FILE).with(ConfigEdits.OPTIONS).with(List.of(OUT, SOC))
            .describe("Change properties of a bootconf.txt in place (or into -o): only those lines change, a missing "
                            + "key is added at the end of its section, and a result with validation errors is not written.",
                    "For the config inside an image use: eeprom apply IMAGE --set KEY=VALUE -o OUT")
            .footer("Examples:", "  eeprom edit boot.conf --set BOOT_ORDER=0xf21 --set NET_BOOT_MAX_RETRIES=5",
                    "  eeprom edit boot.conf --section pi5 --set PCIE_PROBE=1 -o boot-pi5.conf",
                    "  eeprom edit boot.conf --unset TFTP_IP -o -        (print the result)");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Path file = args.get(FILE);
        PropertyEdits edits = ConfigEdits.of(args);
        if (edits.isEmpty()) throw new UsageException("nothing to edit: give --set KEY=VALUE or --unset KEY");
        Optional<Soc> stated = ConfigSource.soc(args.get(SOC));
        ConfigSource source = ConfigSource.read(file);
        if (source.image().isPresent())
            throw new UsageException(file + " is an image: use eeprom apply " + file + " --set ... -o OUT");
        PrintWriter err = console.err();
        PropertyEdits.Result result = edits.applyTo(source.config());
        for (String note : result.notes()) err.println("eeprom: note: " + note);
        BootConfig edited = result.config();
        Findings.refuseErrors(edited, Validator.check(edited, stated), err);
        Path target = args.has(OUT) ? args.get(OUT) : file;
        Outputs.write(console, target, edited.toBytes());
        if (!target.toString().equals("-")) err.printf("wrote %s%n", target);
        return 0;
    }
}
