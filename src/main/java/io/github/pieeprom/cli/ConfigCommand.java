package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageContents;
import io.github.pieeprom.image.ImageEdits;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.Section;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Drop-in for {@code rpi-eeprom-config}'s offline modes: same options, same output bytes. */
final class ConfigCommand implements Command {
    static final String IMAGE = "eeprom";
    static final String CONFIG = "--config";
    static final String OUT = "--out";
    static final String DIGEST = "--digest";
    static final String PUBKEY = "--pubkey";
    static final String EXTRACT = "--extract";
    static final String BOOTCODE = "--bootcode";
    static final String BOOTSYS = "--bootsys";
    static final String TIMESTAMP = "--timestamp";
    static final String CACERT = "--cacertder";
    static final String DEBUG = "--debug";
    static final String APPLY = "--apply";
    static final String EDIT = "--edit";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "config",
                "Drop-in for rpi-eeprom-config on a workstation: the same options, byte-identical output.",
                    "Without a change option it prints the image's bootconf.txt; with one it writes a new image.");
        spec.addPositional(Specs.pathParameter("eeprom").arity("0..1")
                .description("The EEPROM image to read.").index("0").build());
        spec.addOption(Specs.path("CONFIG", "-c", "--config")
                .description("New bootloader configuration file.").build());
        spec.addOption(Specs.path("OUT", "-o", "--out")
                .description("Output file (default: standard output).").build());
        spec.addOption(Specs.path("DIGEST", "-d", "--digest")
                .description("Signed boot: bootconf.sig from rpi-eeprom-digest.").build());
        spec.addOption(Specs.path("PUBKEY", "-p", "--pubkey")
                .description("Signed boot: RSA-2048 key (PEM) for pubkey.bin.").build());
        spec.addOption(Specs.flag("-x", "--extract")
                .description("Write bootcode.bin and every modifiable file into the current folder.").build());
        spec.addOption(Specs.path("BOOTCODE", "-b", "--bootcode")
                .description("Signed boot: new bootcode.bin.").build());
        spec.addOption(Specs.path("BOOTSYS", "-s", "--bootsys")
                .description("Signed boot (2712 AB): new bootsys.").build());
        spec.addOption(Specs.string("TIMESTAMP", "-t", "--timestamp").converters(Checks.TIMESTAMP)
                .description("Set the update timestamp.").build());
        spec.addOption(Specs.path("CACERTDER", "--cacertder")
                .description("DER CA certificate for cacert.der.").build());
        spec.addOption(Specs.flag("--debug")
                .description("Print the sections and each step to standard error; on an error, also its stack "
                        + "trace.").build());
        spec.addOption(Specs.path("CONFIG", "-a", "--apply")
                .description("Not available off a Pi: see 'eeprom apply'.").build());
        spec.addOption(Specs.flag("-e", "--edit")
                .description("Not available off a Pi: see 'eeprom extract' and 'eeprom apply'.").build());
        StoredConfig.addOption(spec);
        Specs.footer(spec,
                "Examples:", "  eeprom config pieeprom.bin                                   (print bootconf.txt)",
                    "  eeprom config --config boot.conf --out new.bin pieeprom.bin",
                    "  eeprom config --config boot.conf --digest boot.sig --pubkey public.pem --out signed.bin pieeprom.bin",
                    "",
                    "Differences from rpi-eeprom-config: errors are one line and leave no output file;",
                    "--digest/--pubkey need --config; --bootsys alone writes the image; a file that would run",
                    "past its slot is refused. --apply and --edit need a running Pi: see 'eeprom apply'.");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path image = args.get(IMAGE);
        refuseOnPiOnlyModes(args.get(APPLY), args.flag(EDIT), image);
        Path config = args.get(CONFIG);
        if ((args.has(DIGEST) || args.has(PUBKEY)) && config == null) throw new UsageException(
                "--digest and --pubkey are stored together with a config: add --config FILE");
        Path out = args.get(OUT);
        boolean change = config != null || args.has(TIMESTAMP) || args.has(BOOTCODE) || args.has(BOOTSYS)
                || args.has(CACERT);
        if (change && args.flag(EXTRACT)) throw new UsageException("-x writes the image's files into this folder and "
                + "changes nothing: give -x alone, or --config, --timestamp, --bootcode, --bootsys, --cacertder");
        if (!change) Outputs.notAnInput(out, image, "the image to read");     // with a change, in place is fine
        Outputs.notAnInput(out, config, "the --config file");
        Outputs.notAnInput(out, args.get(DIGEST), "the --digest file");
        Outputs.notAnInput(out, args.get(PUBKEY), "the --pubkey file");
        Outputs.notAnInput(out, args.get(BOOTCODE), "the --bootcode file");
        Outputs.notAnInput(out, args.get(BOOTSYS), "the --bootsys file");
        Outputs.notAnInput(out, args.get(CACERT), "the --cacertder file");
        Inputs.readOnce(image, config, args.get(DIGEST), args.get(PUBKEY), args.get(BOOTCODE), args.get(BOOTSYS),
                args.get(CACERT));
        EepromImage source = Inputs.image(image);
        if (args.flag(DEBUG)) debug(source, console.err());
        if (args.flag(EXTRACT)) {
            List<ImageContents.HeldFile> files = ImageContents.asReference(source);
            for (ImageContents.HeldFile f : files) Outputs.notAnInput(Path.of(f.name()), image, "the image to read");
            ImageFiles.writeInto(Path.of(""), files);
            return 0;
        }
        ImageEdits edits = Edits.of(args.get(TIMESTAMP), args.get(BOOTCODE), args.get(BOOTSYS), args.get(CACERT), config,
                args.get(DIGEST), args.get(PUBKEY));
        if (edits.isEmpty()) {
            Outputs.write(console, out, source.bootConfig());
            return 0;
        }
        EepromImage result = edits.applyTo(source);
        if (config != null) StoredConfig.check(config.toString(), result, args, console.err());   // quiet if clean
        Outputs.write(console, out, result.toByteArray());
        StaleSignature.warnDigest(result, args.get(DIGEST), out, console.err());   // stored as the reference does
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
            err.printf("section at %d length %d magic %08x %s%n", s.offset(), s.length(), s.magic(),
                    EepromException.printable(s.name()));
        err.flush();
    }
}
