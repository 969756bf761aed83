package io.github.pieeprom.cli;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageEdits;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.Section;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Drop-in for {@code rpi-eeprom-config}'s offline modes: same options, same output bytes. */
@Command(name = "config", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drop-in for rpi-eeprom-config on a workstation: the same options, byte-identical output.",
                "Without a change option it prints the image's bootconf.txt; with one it writes a new image."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom config pieeprom.bin                                   (print bootconf.txt)",
                "  eeprom config --config boot.conf --out new.bin pieeprom.bin",
                "  eeprom config --config boot.conf --digest boot.sig --pubkey public.pem --out signed.bin pieeprom.bin",
                "",
                "Differences from rpi-eeprom-config: errors are one line and leave no output file;",
                "--digest/--pubkey need --config; --bootsys alone writes the image; a file that would run",
                "past its slot is refused. --apply and --edit need a running Pi: see 'eeprom apply'."})
final class ConfigCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand EepromCli root;
    @Parameters(index = "0", arity = "0..1", paramLabel = "eeprom", description = "The EEPROM image to read.")
    Path image;
    @Option(names = {"-c", "--config"}, paramLabel = "CONFIG", description = "New bootloader configuration file.")
    Path config;
    @Option(names = {"-o", "--out"}, paramLabel = "OUT", description = "Output file (default: standard output).")
    Path out;
    @Option(names = {"-d", "--digest"}, paramLabel = "DIGEST", description = "Signed boot: bootconf.sig from rpi-eeprom-digest.")
    Path digest;
    @Option(names = {"-p", "--pubkey"}, paramLabel = "PUBKEY", description = "Signed boot: RSA-2048 key (PEM) for pubkey.bin.")
    Path pubkey;
    @Option(names = {"-x", "--extract"}, description = "Write bootcode.bin and every modifiable file into the current folder.")
    boolean extract;
    @Option(names = {"-b", "--bootcode"}, paramLabel = "BOOTCODE", description = "Signed boot: new bootcode.bin.")
    Path bootcode;
    @Option(names = {"-s", "--bootsys"}, paramLabel = "BOOTSYS", description = "Signed boot (2712 AB): new bootsys.")
    Path bootsys;
    @Option(names = {"-t", "--timestamp"}, paramLabel = "TIMESTAMP", description = "Set the update timestamp.")
    String timestamp;
    @Option(names = "--cacertder", paramLabel = "CACERTDER", description = "DER CA certificate for cacert.der.")
    Path cacert;
    @Option(names = "--debug", description = "Print the sections and each step to standard error.")
    boolean debug;
    @Option(names = {"-a", "--apply"}, paramLabel = "CONFIG", description = "Not available off a Pi: see 'eeprom apply'.")
    Path apply;
    @Option(names = {"-e", "--edit"}, description = "Not available off a Pi: see 'eeprom extract' and 'eeprom apply'.")
    boolean edit;

    @Override
    public Integer call() throws IOException {
        refuseOnPiOnlyModes();
        if ((digest != null || pubkey != null) && config == null) throw new UsageException(
                "--digest and --pubkey are stored together with a config: add --config FILE");
        EepromImage source = ImageFiles.read(image);
        if (debug) debug(source);
        if (extract) {
            ExtractCommand.extractAll(source, Path.of(""), true, spec.commandLine().getErr());
            return 0;
        }
        ImageEdits edits = Edits.of(timestamp, bootcode, bootsys, cacert, config, digest, pubkey);
        byte[] output = edits.isEmpty() ? source.bootConfig() : edits.applyTo(source).toByteArray();
        Outputs.write(root, out, output);
        return 0;
    }

    private void refuseOnPiOnlyModes() {
        if (apply != null) throw new UsageException("--apply schedules an update on a running Pi; on a workstation "
                + "use 'eeprom apply IMAGE --config " + apply + " -o pieeprom.upd' (or 'eeprom stage-update')");
        if (edit) throw new UsageException("--edit edits a running Pi's config; on a workstation use "
                + "'eeprom extract IMAGE -o boot.conf', edit it, then 'eeprom apply IMAGE --config boot.conf -o OUT'");
        if (image == null) throw new UsageException("no image given: reading the running bootloader's config needs "
                + "a Pi (vcgencmd bootloader_config); give a pieeprom.bin");
    }

    private void debug(EepromImage source) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf("image %s: %d bytes, %s%s%n", source.file(), source.size(), source.soc().id(),
                source.isAb() ? ", AB" : "");
        for (Section s : source.sections())
            err.printf("section at %d length %d magic %08x %s%n", s.offset(), s.length(), s.magic(), s.name());
        err.flush();
    }
}
