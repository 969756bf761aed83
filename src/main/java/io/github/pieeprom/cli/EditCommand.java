package io.github.pieeprom.cli;

import io.github.pieeprom.Soc;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.PropertyEdits;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.Soc;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

final class EditCommand implements Command {
    static final String FILE = "FILE";
    static final String OUT = "--out";
    static final String SOC = "--soc";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "edit",
                "Change properties of a bootconf.txt in place (or into -o): only those lines change, a missing "
                            + "key is added at the end of its section, and a result with validation errors is not written.",
                    "For the config inside an image use: eeprom apply IMAGE --set KEY=VALUE -o OUT");
        spec.addPositional(Specs.pathParameter("FILE")
                .description("The config file.").index("0").required(true).build());
        ConfigEdits.addOptions(spec);
        spec.addOption(Specs.path("OUT", "-o", "--out")
                .description("Where to write (default: FILE; - for standard output).").build());
        spec.addOption(Specs.choice(Specs.SOCS, "2711|2712", "--soc")
                .description("Validate the result for this SoC.").build());
        Specs.footer(spec,
                "Examples:", "  eeprom edit boot.conf --set BOOT_ORDER=0xf21 --set NET_BOOT_MAX_RETRIES=5",
                    "  eeprom edit boot.conf --section pi5 --set PCIE_PROBE=1 -o boot-pi5.conf",
                    "  eeprom edit boot.conf --unset TFTP_IP -o -        (print the result)");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
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
