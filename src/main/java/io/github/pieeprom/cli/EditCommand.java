package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.image.Soc;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "edit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Change properties of a bootconf.txt in place (or into -o): only those lines change, a missing "
                + "key is added at the end of its section, and a result with validation errors is not written.",
                "For the config inside an image use: eeprom apply IMAGE --set KEY=VALUE -o OUT"},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom edit boot.conf --set BOOT_ORDER=0xf21 --set NET_BOOT_MAX_RETRIES=5",
                "  eeprom edit boot.conf --section pi5 --set PCIE_PROBE=1 -o boot-pi5.conf",
                "  eeprom edit boot.conf --unset TFTP_IP -o -        (print the result)"})
final class EditCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand EepromCli root;
    @Parameters(index = "0", paramLabel = "FILE", description = "The config file.")
    Path file;
    @Mixin ConfigEdits edits;
    @Option(names = {"-o", "--out"}, paramLabel = "OUT", description = "Where to write (default: FILE; - for standard output).")
    Path out;
    @Option(names = "--soc", paramLabel = "2711|2712", description = "Validate the result for this SoC.")
    String soc;

    @Override
    public Integer call() throws IOException {
        if (edits.isEmpty()) throw new UsageException("nothing to edit: give --set KEY=VALUE or --unset KEY");
        Optional<Soc> stated = ConfigSource.soc(soc);
        ConfigSource source = ConfigSource.read(file);
        if (source.image().isPresent())
            throw new UsageException(file + " is an image: use eeprom apply " + file + " --set ... -o OUT");
        PrintWriter err = spec.commandLine().getErr();
        BootConfig edited = edits.applyTo(source.config(), err);
        ConfigEdits.requireValid(edited, Validator.check(edited, stated), err);
        Path target = out == null ? file : out;
        Outputs.write(root, target, edited.toBytes());
        if (!target.toString().equals("-")) err.printf("wrote %s%n", target);
        return 0;
    }
}
