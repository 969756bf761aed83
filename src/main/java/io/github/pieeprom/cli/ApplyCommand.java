package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageEdits;
import io.github.pieeprom.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a new image with a new bootconf.txt and/or other bootloader files.",
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom apply pieeprom.bin --config boot.conf -o pieeprom-netboot.bin",
                "  eeprom apply pieeprom.bin --config boot.conf --digest boot.sig --pubkey public.pem -o signed.bin",
                "  eeprom apply pieeprom.bin --set BOOT_ORDER=0xf21 --set NET_BOOT_MAX_RETRIES=5 -o netboot.bin",
                "  eeprom apply pieeprom.bin --timestamp 1700000000 -o pieeprom.bin   (in place, written safely)"})
final class ApplyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to start from (never modified unless -o names it).")
    Path image;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "The new image.")
    Path out;
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "New bootconf.txt, stored byte for byte.")
    Path config;
    @Option(names = {"-d", "--digest"}, paramLabel = "SIG", description = "bootconf.sig (from `eeprom digest` or rpi-eeprom-digest).")
    Path digest;
    @Option(names = {"-p", "--pubkey"}, paramLabel = "PEM", description = "RSA-2048 key (public or private PEM) for pubkey.bin.")
    Path pubkey;
    @Option(names = "--cacert", paramLabel = "DER", description = "CA certificate for cacert.der (HTTPS boot).")
    Path cacert;
    @Option(names = {"-b", "--bootcode"}, paramLabel = "FILE", description = "Signed boot code for section 0.")
    Path bootcode;
    @Option(names = {"-s", "--bootsys"}, paramLabel = "FILE", description = "Signed bootsys (2712 AB images).")
    Path bootsys;
    @Option(names = {"-t", "--timestamp"}, paramLabel = "N", description = "Self-update timestamp, seconds since 1970.")
    String timestamp;
    @Mixin ConfigEdits configEdits;

    @Override
    public Integer call() throws IOException {
        ImageEdits edits = Edits.of(timestamp, bootcode, bootsys, cacert, config, digest, pubkey);
        if (edits.isEmpty() && configEdits.isEmpty()) throw new UsageException("nothing to apply: give --config, "
                + "--set, --unset, --digest, --pubkey, --cacert, --bootcode, --bootsys or --timestamp");
        EepromImage source = ImageFiles.read(image);
        if (!configEdits.isEmpty()) edits.config(editedConfig(source).toBytes());
        EepromImage result = edits.applyTo(source);
        ImageFiles.write(out, result.toByteArray());
        spec.commandLine().getErr().printf("wrote %s (%s, bootconf.txt %d bytes)%n", out,
                result.soc().id(), result.bootConfig().length);
        return 0;
    }

    /** The image's config (or --config's) with --set and --unset applied, refused if it does not validate. */
    private BootConfig editedConfig(EepromImage source) throws IOException {
        BootConfig base = config != null ? BootConfig.parse(config.toString(), Inputs.read(config))
                : BootConfig.parse(image + " (bootconf.txt)", source.bootConfig());
        BootConfig edited = configEdits.applyTo(base, spec.commandLine().getErr());
        ConfigEdits.requireValid(edited, Validator.checkInImage(edited, source.soc()), spec.commandLine().getErr());
        return edited;
    }
}
