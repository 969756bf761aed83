package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.PropertyEdits;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageEdits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

final class ApplyCommand implements Command {
    static final String IMAGE = "IMAGE";
    static final String OUT = "--out";
    static final String CONFIG = "--config";
    static final String DIGEST = "--digest";
    static final String PUBKEY = "--pubkey";
    static final String CACERT = "--cacert";
    static final String BOOTCODE = "--bootcode";
    static final String BOOTSYS = "--bootsys";
    static final String TIMESTAMP = "--timestamp";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "apply",
                "Write a new image with a new bootconf.txt and/or other bootloader files.");
        spec.addPositional(Specs.pathParameter("IMAGE")
                .description("The image to start from (never modified unless -o names it).").index("0").required(true)
                .build());
        spec.addOption(Specs.path("OUT", "-o", "--out")
                .description("The new image (- for standard output).").required(true).build());
        spec.addOption(Specs.path("FILE", "-c", "--config")
                .description("New bootconf.txt, stored byte for byte.").build());
        spec.addOption(Specs.path("SIG", "-d", "--digest")
                .description("bootconf.sig (from `eeprom digest` or rpi-eeprom-digest).").build());
        spec.addOption(Specs.path("PEM", "-p", "--pubkey")
                .description("RSA-2048 key (public or private PEM) for pubkey.bin.").build());
        spec.addOption(Specs.path("DER", "--cacert")
                .description("CA certificate for cacert.der (HTTPS boot).").build());
        spec.addOption(Specs.path("FILE", "-b", "--bootcode")
                .description("Signed boot code for section 0.").build());
        spec.addOption(Specs.path("FILE", "-s", "--bootsys")
                .description("Signed bootsys (2712 AB images).").build());
        spec.addOption(Specs.string("N", "-t", "--timestamp").converters(Checks.TIMESTAMP)
                .description("Self-update timestamp, seconds since 1970.").build());
        ConfigEdits.addOptions(spec);
        StoredConfig.addOption(spec);
        Specs.footer(spec,
                "Examples:", "  eeprom apply pieeprom.bin --config boot.conf -o pieeprom-netboot.bin",
                    "  eeprom apply pieeprom.bin --config boot.conf --digest boot.sig --pubkey public.pem -o signed.bin",
                    "  eeprom apply pieeprom.bin --set BOOT_ORDER=0xf21 --set NET_BOOT_MAX_RETRIES=5 -o netboot.bin",
                    "  eeprom apply pieeprom.bin --timestamp 1700000000 -o pieeprom.bin   (in place, written safely)");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path image = args.get(IMAGE);
        Path out = args.get(OUT);
        Path config = args.get(CONFIG);
        PropertyEdits configEdits = ConfigEdits.of(args);
        if ((args.get(DIGEST) != null || args.get(PUBKEY) != null) && config == null && configEdits.isEmpty())
            throw new UsageException("--digest and --pubkey are stored together with a config: add --config FILE "
                    + "or --set KEY=VALUE");
        Inputs.readOnce(image, config, args.get(DIGEST), args.get(PUBKEY), args.get(CACERT), args.get(BOOTCODE),
                args.get(BOOTSYS));
        Outputs.notAnInput(out, config, "the --config file");                  // -o IMAGE is fine: in place
        Outputs.notAnInput(out, args.get(DIGEST), "the --digest file");
        Outputs.notAnInput(out, args.get(PUBKEY), "the --pubkey file");
        Outputs.notAnInput(out, args.get(CACERT), "the --cacert file");
        Outputs.notAnInput(out, args.get(BOOTCODE), "the --bootcode file");
        Outputs.notAnInput(out, args.get(BOOTSYS), "the --bootsys file");
        // with --set or --unset, the --config file is read once, as the base of the edits
        ImageEdits edits = Edits.of(args.get(TIMESTAMP), args.get(BOOTCODE), args.get(BOOTSYS), args.get(CACERT),
                configEdits.isEmpty() ? config : null, args.get(DIGEST), args.get(PUBKEY));
        if (edits.isEmpty() && configEdits.isEmpty()) throw new UsageException("nothing to apply: give --config, "
                + "--set, --unset, --digest, --pubkey, --cacert, --bootcode, --bootsys or --timestamp");
        EepromImage source = Inputs.image(image);
        BootConfig edited = configEdits.isEmpty() ? null
                : editedConfig(source, config, configEdits, console.err());
        if (edited != null) edits.config(edited.toBytes());
        EepromImage result = edits.applyTo(source);
        if (edited != null) StoredConfig.check(edited, result, args, console.err(), true);
        else if (config != null) StoredConfig.check(config.toString(), result, args, console.err());
        Outputs.write(console, out, result.toByteArray());
        console.err().printf("wrote %s (%s, bootconf.txt %d bytes)%n", Outputs.name(out), result.soc().id(),
                result.bootConfig().length);
        if (!StaleSignature.warnDigest(result, args.get(DIGEST), out, console.err()))
            StaleSignature.warn(source, result, out, console.err());
        return 0;
    }

    /** The image's config (or --config's) with --set and --unset applied (checked once written into the image). */
    private static BootConfig editedConfig(EepromImage source, Path config, PropertyEdits configEdits,
            PrintWriter err) throws IOException {
        BootConfig base = config != null ? BootConfig.parse(config.toString(), Inputs.read(config))
                : BootConfig.parse(source.file() + " (bootconf.txt)", source.bootConfig());
        PropertyEdits.Result result = configEdits.applyTo(base);
        for (String note : result.notes()) err.println("eeprom: note: " + note);
        return result.config();
    }
}
