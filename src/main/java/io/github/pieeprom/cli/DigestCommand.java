package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.Soc;
import io.github.pieeprom.signing.HsmWrapper;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.signing.Signer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

final class DigestCommand implements Command {
    static final Arg<Path> FILE = Arg.positional(Converters.PATH, "FILE").help("The file to hash (and sign).");
    static final Arg<Path> OUT = Arg.option(Converters.PATH, "SIG", "-o", "--out")
            .help("The .sig file (default: standard output).");
    static final Arg<String> TS = Arg.option(Converters.STRING, "N", "--ts").help("The ts: value, seconds since 1970.");
    static final Arg<Soc> SOC = Arg.option(SocConverter.SOC, "2711|2712", "--soc")
            .help("Add a target-soc: line (for pieeprom.sig).");
    static final Arg<Path> KEY = Arg.option(Converters.PATH, "PRIVATE.pem", "-k", "--key")
            .help("Sign with this RSA-2048 private key.");
    static final Arg<Path> PASSPHRASE_FILE = Arg.option(Converters.PATH, "FILE", "--passphrase-file")
            .help("The key's passphrase (first line); else $EEPROM_KEY_PASSPHRASE.");
    static final Arg<String> HSM_WRAPPER = Arg.option(Converters.STRING, "CMD", "--hsm-wrapper")
            .help("Sign with CMD -a rsa2048-sha256 FILE, which prints the signature in hex.");
    static final Definition DEFINITION = Definition.of("digest", FILE, OUT, TS, SOC, KEY, PASSPHRASE_FILE, HSM_WRAPPER)
            .describe("Write a .sig file: the SHA-256, a ts: line and, with a key, an RSA-2048 signature. "
                    + "Same bytes as rpi-eeprom-digest. The timestamp is --ts, else $SOURCE_DATE_EPOCH, else now.")
            .footer("Examples:", "  eeprom digest pieeprom.bin -o pieeprom.sig --soc 2712",
                    "  eeprom digest boot.conf -k private.pem -o boot.sig",
                    "  eeprom digest boot.img --hsm-wrapper ./hsm-sign -o boot.sig");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Path file = args.get(FILE);
        Path key = args.get(KEY);
        String hsmWrapper = args.get(HSM_WRAPPER);
        if (key != null && hsmWrapper != null) throw new UsageException("give -k or --hsm-wrapper, not both");
        Outputs.notAnInput(args.get(OUT), file, "the file to hash");
        Outputs.notAnInput(args.get(OUT), key, "the -k key");
        Outputs.notAnInput(args.get(OUT), args.get(PASSPHRASE_FILE), "the --passphrase-file");
        long timestamp = Timestamps.sigTimestamp(args.get(TS), System::getenv, Clock.systemUTC());
        Optional<Soc> target = Optional.ofNullable(args.get(SOC));
        Signer signer = key == null ? null : PrivateKeys.signer(key, args.get(PASSPHRASE_FILE), System::getenv);
        SigFile sig;
        try (InputStream data = ImageFiles.open(file)) {                 // any size, in constant memory
            sig = signer != null ? signer.sigFile(file.toString(), data, timestamp, target)
                    : SigFile.of(file.toString(), data, timestamp, target);
        }
        if (hsmWrapper != null) sig = sig.withSignature(HsmWrapper.sign(hsmWrapper, file));
        Outputs.write(console, args.get(OUT), sig.toByteArray());
        return 0;
    }
}
