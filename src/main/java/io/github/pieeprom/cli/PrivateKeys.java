package io.github.pieeprom.cli;

import io.github.pieeprom.signing.PemKeys;
import io.github.pieeprom.signing.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A private key named by {@code -k}, its passphrase from {@code --passphrase-file} (first line, as openssl's
 * {@code -passin file:} reads it), else {@code --passphrase} (asked for on the terminal, echo off), else
 * {@code $EEPROM_KEY_PASSPHRASE}, else, for an encrypted key on a terminal, asked for; never from the command line,
 * where others could see it. Asked for through {@link Console#secrets}: on the terminal, never on standard output,
 * which may be what the command writes.
 */
final class PrivateKeys {
    static final String PASSPHRASE_FILE = "--passphrase-file";
    static final String PASSPHRASE = "--passphrase";

    private PrivateKeys() {
    }

    static void addOptions(CommandSpec spec) {
        spec.addOption(Specs.path("FILE", PASSPHRASE_FILE)
                .description("The key's passphrase: the file's first line.").build());
        // A flag, not picocli's interactive option: picocli prompts on System.out when the JVM has no console
        // (standard output redirected: -o -), into the image or .sig being written.
        spec.addOption(Specs.flag(PASSPHRASE).description("Ask for the key's passphrase on the terminal, echo off. "
                        + "Without this or --passphrase-file: $" + PemKeys.PASSPHRASE_ENV + ", else, for an encrypted "
                        + "key on a terminal, asked for.").build());
    }

    static Signer signer(Path key, Parsed args, Console console) throws IOException {
        String pem = new String(Inputs.read(key), StandardCharsets.US_ASCII);
        Path file = args.get(PASSPHRASE_FILE);
        boolean ask = args.flag(PASSPHRASE) && file == null;
        String env = ask ? null : System.getenv(PemKeys.PASSPHRASE_ENV);
        Optional<char[]> passphrase = passphrase(file, env == null ? null : env.toCharArray());
        if (passphrase.isEmpty() && pem.contains("ENCRYPTED") && (ask || console.secrets().interactive())) {
            char[] typed = console.secrets().ask("Passphrase for " + key + ": ");
            if (typed == null && ask) throw new UsageException(PASSPHRASE + ": no terminal to ask on; give "
                    + PASSPHRASE_FILE + " FILE");
            passphrase = Optional.ofNullable(typed);
        }
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
