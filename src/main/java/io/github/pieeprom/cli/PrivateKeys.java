package io.github.pieeprom.cli;

import io.github.pieeprom.signing.PemKeys;
import io.github.pieeprom.signing.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * A private key named by {@code -k}, its passphrase from {@code --passphrase-file} (first line, as openssl's
 * {@code -passin file:} reads it) or the environment; never from the command line, where others could see it.
 */
final class PrivateKeys {
    private PrivateKeys() {
    }

    static Signer signer(Path key, Path passphraseFile, Function<String, String> env) throws IOException {
        String pem = new String(Inputs.read(key), StandardCharsets.US_ASCII);
        return Signer.of(PemKeys.readPrivateKey(pem, key.toString(), passphrase(passphraseFile, env)), key.toString());
    }

    static Optional<char[]> passphrase(Path file, Function<String, String> env) throws IOException {
        if (file != null) {
            String text = new String(Inputs.read(file), StandardCharsets.UTF_8);
            return Optional.of(text.lines().findFirst().orElse("").toCharArray());
        }
        return Optional.ofNullable(env.apply(PemKeys.PASSPHRASE_ENV)).map(String::toCharArray);
    }
}
