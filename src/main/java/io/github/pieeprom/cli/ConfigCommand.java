package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageContents;
import io.github.pieeprom.image.ImageEdits;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.Section;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Drop-in for {@code rpi-eeprom-config}'s offline modes: same options, same output bytes. */
final class ConfigCommand implements Command {
    static final Arg<Path> IMAGE = Arg.positional(Converters.PATH, "eeprom").optional()
            .help("The EEPROM image to read.");
    static final Arg<Path> CONFIG = Arg.option(Converters.PATH, "CONFIG", "-c", "--config")
            .help("New bootloader configuration file.");
    static final Arg<Path> OUT = Arg.option(Converters.PATH, "OUT", "-o", "--out")
            .help("Output file (default: standard output).");
    static final Arg<Path> DIGEST = Arg.option(Converters.PATH, "DIGEST", "-d", "--digest")
            .help("Signed boot: bootconf.sig from rpi-eeprom-digest.");
    static final Arg<Path> PUBKEY = Arg.option(Converters.PATH, "PUBKEY", "-p", "--pubkey")
            .help("Signed boot: RSA-2048 key (PEM) for pubkey.bin.");
    static final Arg<Boolean> EXTRACT = Arg.flag("-x", "--extract")
            .help("Write bootcode.bin and every modifiable file into the current folder.");
    static final Arg<Path> BOOTCODE = Arg.option(Converters.PATH, "BOOTCODE", "-b", "--bootcode")
            .help("Signed boot: new bootcode.bin.");
    static final Arg<Path> BOOTSYS = Arg.option(Converters.PATH, "BOOTSYS", "-s", "--bootsys")
            .help("Signed boot (2712 AB): new bootsys.");
    static final Arg<String> TIMESTAMP = Arg.option(Converters.STRING, "TIMESTAMP", "-t", "--timestamp")
            .help("Set the update timestamp.");
    static final Arg<Path> CACERT = Arg.option(Converters.PATH, "CACERTDER", "--cacertder")
            .help("DER CA certificate for cacert.der.");
    static final Arg<Boolean> DEBUG = Arg.flag("--debug").help("Print the sections and each step to standard error.");
    static final Arg<Path> APPLY = Arg.option(Converters.PATH, "CONFIG", "-a", "--apply")
            .help("Not available off a Pi: see 'eeprom apply'.");
    static final Arg<Boolean> EDIT = Arg.flag("-e", "--edit")
            .help("Not available off a Pi: see 'eeprom extract' and 'eeprom apply'.");
    static final Definition DEFINITION = Definition.of("config", IMAGE, CONFIG, OUT, DIGEST, PUBKEY, EXTRACT,
                    BOOTCODE, BOOTSYS, TIMESTAMP, CACERT, DEBUG, APPLY, EDIT)
            .describe("Drop-in for rpi-eeprom-config on a workstation: the same options, byte-identical output.",
                    "Without a change option it prints the image's bootconf.txt; with one it writes a new image.")
            .footer("Examples:", "  eeprom config pieeprom.bin                                   (print bootconf.txt)",
                    "  eeprom config --config boot.conf --out new.bin pieeprom.bin",
                    "  eeprom config --config boot.conf --digest boot.sig --pubkey public.pem --out signed.bin pieeprom.bin",
                    "",
                    "Differences from rpi-eeprom-config: errors are one line and leave no output file;",
                    "--digest/--pubkey need --config; --bootsys alone writes the image; a file that would run",
                    "past its slot is refused. --apply and --edit need a running Pi: see 'eeprom apply'.");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Path image = args.get(IMAGE);
        refuseOnPiOnlyModes(args.get(APPLY), args.get(EDIT), image);
        Path config = args.get(CONFIG);
        if ((args.has(DIGEST) || args.has(PUBKEY)) && config == null) throw new UsageException(
                "--digest and --pubkey are stored together with a config: add --config FILE");
        Path out = args.get(OUT);
        boolean change = config != null || args.has(TIMESTAMP) || args.has(BOOTCODE) || args.has(BOOTSYS)
                || args.has(CACERT);
        if (!change) Outputs.notAnInput(out, image, "the image to read");     // with a change, in place is fine
        Outputs.notAnInput(out, config, "the --config file");
        Outputs.notAnInput(out, args.get(DIGEST), "the --digest file");
        Outputs.notAnInput(out, args.get(PUBKEY), "the --pubkey file");
        Outputs.notAnInput(out, args.get(BOOTCODE), "the --bootcode file");
        Outputs.notAnInput(out, args.get(BOOTSYS), "the --bootsys file");
        Outputs.notAnInput(out, args.get(CACERT), "the --cacertder file");
        EepromImage source = ImageFiles.read(image);
        if (args.get(DEBUG)) debug(source, console.err());
        if (args.get(EXTRACT)) {
            ImageFiles.writeInto(Path.of(""), ImageContents.asReference(source));
            return 0;
        }
        ImageEdits edits = Edits.of(args.get(TIMESTAMP), args.get(BOOTCODE), args.get(BOOTSYS), args.get(CACERT), config,
                args.get(DIGEST), args.get(PUBKEY));
        byte[] output = edits.isEmpty() ? source.bootConfig() : edits.applyTo(source).toByteArray();
        Outputs.write(console, out, output);
        return 0;
    }

    private static void refuseOnPiOnlyModes(Path apply, boolean edit, Path image) {
        if (apply != null) throw new UsageException("--apply schedules an update on a running Pi; on a workstation "
                + "use 'eeprom apply IMAGE --config " + apply + " -o pieeprom.upd' (or 'eeprom stage-update')");
        if (edit) throw new UsageException("--edit edits a running Pi's config; on a workstation use "
                + "'eeprom extract IMAGE -o boot.conf', edit it, then 'eeprom apply IMAGE --config boot.conf -o OUT'");
        if (image == null) throw new UsageException("no image given: reading the running bootloader's config needs "
                + "a Pi (vcgencmd bootloader_config); give a pieeprom.bin");
    }

    private static void debug(EepromImage source, PrintWriter err) {
        err.printf("image %s: %d bytes, %s%s%n", source.file(), source.size(), source.soc().id(),
                source.isAb() ? ", AB" : "");
        for (Section s : source.sections())
            err.printf("section at %d length %d magic %08x %s%n", s.offset(), s.length(), s.magic(), s.name());
        err.flush();
    }
}
