package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.signing.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.nio.file.Path;
import java.util.Optional;

final class VerifyCommand implements Command {
    static final Arg<Path> FILE = Arg.positional(Converters.PATH, "FILE").help("The file the .sig describes.");
    static final Arg<Path> SIG = Arg.option(Converters.PATH, "SIG", "--sig").required().help("The .sig file.");
    static final Arg<Path> KEY = Arg.option(Converters.PATH, "PUBLIC.pem", "-k", "--key")
            .help("Also check the rsa2048 signature with this key (PEM, or a 264-byte pubkey.bin).");
    static final Definition DEFINITION = Definition.of("verify", FILE, SIG, KEY)
            .describe("Check a file against its .sig: the SHA-256 and, with -k, the RSA-2048 signature.",
                    "Exit 0 when every check passes; otherwise exit 1 naming the check that failed.")
            .footer("Examples:", "  eeprom verify pieeprom.bin --sig pieeprom.sig",
                    "  eeprom verify boot.conf --sig boot.sig -k public.pem");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Path file = args.get(FILE), sig = args.get(SIG), key = args.get(KEY);
        SigFile parsed = SigFile.parse(sig.toString(), Inputs.read(sig));
        Optional<RSAPublicKey> publicKey = key == null ? Optional.empty() : Optional.of(Inputs.publicKey(key));
        try (InputStream data = ImageFiles.open(file)) {                 // any size, in constant memory
            Verifier.verify(file.toString(), data, sig.toString(), parsed, publicKey);
        }
        String signature = key != null ? ", rsa2048 signature verifies with " + key
                : parsed.rsa2048().isPresent() ? " (rsa2048 signature not checked: give -k PUBLIC.pem)" : "";
        console.out().printf("%s: sha256 matches %s%s%n", file, sig, signature);
        console.out().flush();
        return 0;
    }
}
