package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.signing.ConfigSignature;
import io.github.pieeprom.signing.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

final class SignCommand implements Command {
    static final String IMAGE = "IMAGE";
    static final String CONFIG = "--config";
    static final String KEY = "--key";
    static final String OUT = "--out";
    static final String TS = "--ts";
    static final String SOC = "--soc";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "sign",
                "Write a signed-boot image in one step: the config, its signed bootconf.sig and the key's "
                            + "pubkey.bin; then read the new image back and verify it.",
                    "Same bytes as rpi-eeprom-digest -k followed by rpi-eeprom-config --config --digest --pubkey.");
        spec.addPositional(Specs.pathParameter("IMAGE")
                .description("The image to start from (never modified unless -o names it).").index("0").required(true)
                .build());
        spec.addOption(Specs.path("FILE", "-c", "--config")
                .description("The new bootconf.txt.").required(true).build());
        spec.addOption(Specs.path("PRIVATE.pem", "-k", "--key")
                .description("RSA-2048 private key.").required(true).build());
        PrivateKeys.addOptions(spec);
        spec.addOption(Specs.path("OUT", "-o", "--out")
                .description("The signed image (- for standard output).").required(true).build());
        spec.addOption(Specs.timestamp("bootconf.sig's ts: value (default $SOURCE_DATE_EPOCH, else now).").build());
        spec.addOption(Specs.soc("--soc")
                .description("Add a target-soc: line; must be the image's SoC.").build());
        StoredConfig.addOption(spec);
        Specs.footer(spec,
                "Examples:", "  eeprom sign pieeprom.bin --config boot.conf -k private.pem -o signed.bin",
                    "  eeprom sign pieeprom.bin -c boot.conf -k enc.pem --passphrase-file pass -o signed.bin");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path image = args.get(IMAGE), out = args.get(OUT);
        Soc soc = args.get(SOC);
        Outputs.notAnInput(out, args.get(CONFIG), "the --config file");                // -o IMAGE is fine
        Outputs.notAnInput(out, args.get(KEY), "the -k key");
        Outputs.notAnInput(out, args.get(PrivateKeys.PASSPHRASE_FILE), "the --passphrase-file");
        Inputs.readOnce(image, args.get(CONFIG), args.get(KEY));
        EepromImage source = Inputs.image(image);
        if (soc != null && soc != source.soc()) throw EepromException.in(source.file(),
                "is a %s image, but --soc says %s", source.soc().id(), soc.id());
        byte[] text = Inputs.read(args.get(CONFIG));
        long timestamp = Timestamps.sigTimestamp(args, TS, Clock.systemUTC());
        EepromImage signed = PrivateKeys.signer(args.get(KEY), args, console)
                .signConfig(source, text, timestamp, Optional.ofNullable(soc));
        StoredConfig.check(args.get(CONFIG).toString(), signed, args, console.err());
        byte[] bytes = signed.toByteArray();
        // checked before writing, so that a failure never replaces the input (-o IMAGE), then as read back
        ConfigSignature check = ConfigSignature.of(EepromImage.parse(out.toString(), bytes));
        if (check.status() != ConfigSignature.Status.VALID) throw new VerificationException(
                "%s: the signed image does not verify (%s); nothing written".formatted(out, check.detail()));
        Outputs.write(console, out, bytes);
        if (!out.toString().equals("-") && Files.isRegularFile(out)) {      // a device or FIFO cannot be read back
            check = ConfigSignature.of(ImageFiles.read(out));
            if (check.status() != ConfigSignature.Status.VALID) throw new VerificationException(
                    "%s read back does not verify (%s)".formatted(out, check.detail()));
        }
        console.err().printf("wrote %s (%s, bootconf.txt %d bytes, ts %d); %s%n", Outputs.name(out),
                signed.soc().id(), text.length, timestamp, check.detail());
        return 0;
    }
}
