package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.Soc;
import io.github.pieeprom.signing.ConfigSignature;
import io.github.pieeprom.signing.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

final class SignCommand implements Command {
    static final Arg<Path> IMAGE = Arg.positional(Converters.PATH, "IMAGE")
            .help("The image to start from (never modified unless -o names it).");
    static final Arg<Path> CONFIG = Arg.option(Converters.PATH, "FILE", "-c", "--config").required()
            .help("The new bootconf.txt.");
    static final Arg<Path> KEY = Arg.option(Converters.PATH, "PRIVATE.pem", "-k", "--key").required()
            .help("RSA-2048 private key.");
    static final Arg<Path> PASSPHRASE_FILE = Arg.option(Converters.PATH, "FILE", "--passphrase-file")
            .help("The key's passphrase (first line); else $EEPROM_KEY_PASSPHRASE.");
    static final Arg<Path> OUT = Arg.option(Converters.PATH, "OUT", "-o", "--out").required()
            .help("The signed image (- for standard output).");
    static final Arg<String> TS = Arg.option(Converters.STRING, "N", "--ts")
            .help("bootconf.sig's ts: value (default $SOURCE_DATE_EPOCH, else now).");
    static final Arg<Soc> SOC = Arg.option(SocConverter.SOC, "2711|2712", "--soc")
            .help("Add a target-soc: line; must be the image's SoC.");
    static final Definition DEFINITION = Definition.of("sign", IMAGE, CONFIG, KEY, PASSPHRASE_FILE, OUT, TS, SOC)
            .describe("Write a signed-boot image in one step: the config, its signed bootconf.sig and the key's "
                            + "pubkey.bin; then read the new image back and verify it.",
                    "Same bytes as rpi-eeprom-digest -k followed by rpi-eeprom-config --config --digest --pubkey.")
            .footer("Examples:", "  eeprom sign pieeprom.bin --config boot.conf -k private.pem -o signed.bin",
                    "  eeprom sign pieeprom.bin -c boot.conf -k enc.pem --passphrase-file pass -o signed.bin");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Path image = args.get(IMAGE), out = args.get(OUT);
        Soc soc = args.get(SOC);
        Outputs.notAnInput(out, args.get(CONFIG), "the --config file");                // -o IMAGE is fine
        Outputs.notAnInput(out, args.get(KEY), "the -k key");
        Outputs.notAnInput(out, args.get(PASSPHRASE_FILE), "the --passphrase-file");
        EepromImage source = ImageFiles.read(image);
        if (soc != null && soc != source.soc()) throw EepromException.in(image.toString(),
                "is a %s image, but --soc says %s", source.soc().id(), soc.id());
        byte[] text = Inputs.read(args.get(CONFIG));
        long timestamp = Timestamps.sigTimestamp(args.get(TS), System::getenv, Clock.systemUTC());
        EepromImage signed = PrivateKeys.signer(args.get(KEY), args.get(PASSPHRASE_FILE), System::getenv)
                .signConfig(source, text, timestamp, Optional.ofNullable(soc));
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
