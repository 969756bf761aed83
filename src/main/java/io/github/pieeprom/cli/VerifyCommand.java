package io.github.pieeprom.cli;

import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.signing.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a file against its .sig: the SHA-256 and, with -k, the RSA-2048 signature.",
                "Exit 0 when every check passes; otherwise exit 1 naming the check that failed."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom verify pieeprom.bin --sig pieeprom.sig",
                "  eeprom verify boot.conf --sig boot.sig -k public.pem"})
final class VerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FILE", description = "The file the .sig describes.") Path file;
    @Option(names = "--sig", required = true, paramLabel = "SIG", description = "The .sig file.") Path sig;
    @Option(names = {"-k", "--key"}, paramLabel = "PUBLIC.pem",
            description = "Also check the rsa2048 signature with this key (PEM, or a 264-byte pubkey.bin).")
    Path key;

    @Override
    public Integer call() throws IOException {
        SigFile parsed = SigFile.parse(sig.toString(), Inputs.read(sig));
        byte[] data = Inputs.readData(file);
        Verifier.verify(file.toString(), data, sig.toString(), parsed,
                key == null ? Optional.empty() : Optional.of(Inputs.publicKey(key)));
        String signature = key != null ? ", rsa2048 signature verifies with " + key
                : parsed.rsa2048().isPresent() ? " (rsa2048 signature not checked: give -k PUBLIC.pem)" : "";
        spec.commandLine().getOut().printf("%s: sha256 matches %s%s%n", file, sig, signature);
        return 0;
    }
}
