package io.github.pieeprom.cli;

import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.signing.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

final class VerifyCommand implements Command {
    static final String FILE = "FILE";
    static final String SIG = "--sig";
    static final String KEY = "--key";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "verify",
                "Check a file against its .sig: the SHA-256 and, with -k, the RSA-2048 signature.");
        spec.addPositional(Specs.pathParameter("FILE")
                .description("The file the .sig describes.").index("0").required(true).build());
        spec.addOption(Specs.path("SIG", "--sig")
                .description("The .sig file.").required(true).build());
        spec.addOption(Specs.path("PUBLIC.pem", "-k", "--key")
                .description("Also check the rsa2048 signature with this key (PEM, or a 264-byte pubkey.bin).")
                .build());
        Specs.footer(spec,
                "Examples:", "  eeprom verify pieeprom.bin --sig pieeprom.sig",
                    "  eeprom verify boot.conf --sig boot.sig -k public.pem");
        spec.usageMessage().exitCodeList(Specs.exitCodes("0", "Every check passes.",
                "1", "A check failed (the message names it), or bad input.", "2", "Usage error."));
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path file = args.get(FILE), sig = args.get(SIG), key = args.get(KEY);
        Inputs.readOnce(file, sig, key);
        SigFile parsed = SigFile.parse(sig.toString(), Inputs.read(sig));
        Optional<RSAPublicKey> publicKey = key == null ? Optional.empty() : Optional.of(Inputs.publicKey(key));
        try (InputStream data = Inputs.open(file)) {                 // any size, in constant memory
            Verifier.verify(file.toString(), data, sig.toString(), parsed, publicKey);
        }
        String signature = key != null ? ", rsa2048 signature verifies with " + key
                : parsed.rsa2048().isPresent() ? " (rsa2048 signature not checked: give -k PUBLIC.pem)" : "";
        console.out().printf("%s: sha256 matches %s%s%n", file, sig, signature);
        console.out().flush();
        return 0;
    }
}
