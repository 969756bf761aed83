package io.github.pieeprom.cli;

import io.github.pieeprom.Soc;
import io.github.pieeprom.signing.HsmWrapper;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.signing.Signer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

final class DigestCommand implements Command {
    static final String FILE = "FILE";
    static final String OUT = "--out";
    static final String TS = "--ts";
    static final String SOC = "--soc";
    static final String KEY = "--key";
    static final String HSM_WRAPPER = "--hsm-wrapper";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "digest",
                "Write a .sig file: the SHA-256, a ts: line and, with a key, an RSA-2048 signature. "
                    + "Same bytes as rpi-eeprom-digest. The timestamp is --ts, else $SOURCE_DATE_EPOCH, else now.");
        spec.addPositional(Specs.pathParameter("FILE")
                .description("The file to hash (and sign).").index("0").required(true).build());
        spec.addOption(Specs.path("SIG", "-o", "--out")
                .description("The .sig file (default: standard output).").build());
        spec.addOption(Specs.timestamp("The ts: value, seconds since 1970.").build());
        spec.addOption(Specs.soc("--soc")
                .description("Add a target-soc: line (for pieeprom.sig).").build());
        spec.addOption(Specs.path("PRIVATE.pem", "-k", "--key")
                .description("Sign with this RSA-2048 private key.").build());
        PrivateKeys.addOptions(spec);
        spec.addOption(Specs.string("CMD", "--hsm-wrapper")
                .description("Sign with CMD -a rsa2048-sha256 FILE, which prints the signature in hex.").build());
        Specs.footer(spec,
                "Examples:", "  eeprom digest pieeprom.bin -o pieeprom.sig --soc 2712",
                    "  eeprom digest boot.conf -k private.pem -o boot.sig",
                    "  eeprom digest boot.img --hsm-wrapper ./hsm-sign -o boot.sig");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path file = args.get(FILE);
        Path key = args.get(KEY);
        String hsmWrapper = args.get(HSM_WRAPPER);
        if (key != null && hsmWrapper != null) throw new UsageException("give -k or --hsm-wrapper, not both");
        if (hsmWrapper != null && Inputs.isStandardInput(file))
            throw new UsageException("--hsm-wrapper signs a file by its name: give FILE, not -");
        Inputs.readOnce(file, key, args.get(PrivateKeys.PASSPHRASE_FILE));
        Outputs.notAnInput(args.get(OUT), file, "the file to hash");
        Outputs.notAnInput(args.get(OUT), key, "the -k key");
        Outputs.notAnInput(args.get(OUT), args.get(PrivateKeys.PASSPHRASE_FILE), "the --passphrase-file");
        long timestamp = Timestamps.sigTimestamp(args, TS, Clock.systemUTC());
        Optional<Soc> target = Optional.ofNullable(args.get(SOC));
        Signer signer = key == null ? null : PrivateKeys.signer(key, args, console);
        SigFile sig;
        try (InputStream data = Inputs.open(file)) {                 // any size, in constant memory
            sig = signer != null ? signer.sigFile(file.toString(), data, timestamp, target)
                    : SigFile.of(file.toString(), data, timestamp, target);
        }
        if (hsmWrapper != null) sig = sig.withSignature(HsmWrapper.sign(hsmWrapper, file));
        Outputs.write(console, args.get(OUT), sig.toByteArray());
        return 0;
    }
}
