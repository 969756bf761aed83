package io.github.pieeprom.cli;

import io.github.pieeprom.signing.PemKeys;
import io.github.pieeprom.signing.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A private key named by {@code -k}, its passphrase from {@code --passphrase-file} (first line, as openssl's
 * {@code -passin file:} reads it), else {@code --passphrase} (asked for with echo off), else
 * {@code $EEPROM_KEY_PASSPHRASE}, else, for an encrypted key on a terminal, asked for; never from the command line,
 * where others could see it.
 */
final class PrivateKeys {
    static final String PASSPHRASE_FILE = "--passphrase-file";
    static final String PASSPHRASE = "--passphrase";

    private PrivateKeys() {
    }

    static void addOptions(CommandSpec spec) {
        spec.addOption(Specs.path("FILE", PASSPHRASE_FILE)
                .description("The key's passphrase: the file's first line.").build());
        // The variable is read here, not as the option's ${env:...} default: picocli 4.7.7 asks for an interactive
        // option that has a default on every run, given or not.
        spec.addOption(OptionSpec.builder(PASSPHRASE).type(char[].class).arity("0").interactive(true).echo(false)
                .prompt("Passphrase for the private key: ").description("Ask for the key's passphrase, echo off. "
                        + "Without this or --passphrase-file: $" + PemKeys.PASSPHRASE_ENV + ", else, for an encrypted "
                        + "key on a terminal, asked for.").build());
    }

    static Signer signer(Path key, Parsed args) throws IOException {
        String pem = new String(Inputs.read(key), StandardCharsets.US_ASCII);
        char[] given = args.get(PASSPHRASE);
        String env = System.getenv(PemKeys.PASSPHRASE_ENV);
        Optional<char[]> passphrase = passphrase(args.get(PASSPHRASE_FILE),
                given != null ? given : env == null ? null : env.toCharArray());
        if (passphrase.isEmpty() && pem.contains("ENCRYPTED") && System.console() != null)
            passphrase = Optional.ofNullable(System.console().readPassword("Passphrase for %s: ", key));
        return Signer.of(PemKeys.readPrivateKey(pem, key.toString(), passphrase), key.toString());
    }

    static Optional<char[]> passphrase(Path file, char[] given) throws IOException {
        if (file != null) {
            String text = new String(Inputs.read(file), StandardCharsets.UTF_8);
            return Optional.of(text.lines().findFirst().orElse("").toCharArray());
        }
        return given == null || given.length == 0 ? Optional.empty() : Optional.of(given);
    }
}
