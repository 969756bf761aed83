package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.signing.BootloaderKey;
import io.github.pieeprom.signing.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;

final class KeyConvertCommand implements Command {
    static final Arg<Path> IN = Arg.positional(Converters.PATH, "IN").help("PEM key or pubkey.bin.");
    static final Arg<Path> OUT = Arg.positional(Converters.PATH, "OUT")
            .help("The converted key ('-' for standard output).");
    static final Definition DEFINITION = Definition.of("convert", IN, OUT)
            .describe("Convert an RSA-2048 public key between PEM and the bootloader's 264-byte pubkey.bin. "
                    + "A PEM input (public key, or a private key's public half) becomes pubkey.bin; a pubkey.bin "
                    + "becomes a PEM public key as openssl writes it.")
            .footer("Examples:", "  eeprom key convert public.pem pubkey.bin", "  eeprom key convert pubkey.bin public.pem");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Path in = args.get(IN), out = args.get(OUT);
        Outputs.notAnInput(out, in, "the key to convert");
        byte[] bytes = Inputs.read(in);
        boolean toBin = Inputs.isPem(bytes);
        RSAPublicKey key = Inputs.publicKey(bytes, in.toString());
        byte[] converted = toBin ? BootloaderKey.encode(key, in.toString())
                : PemKeys.writePublicKey(key).getBytes(StandardCharsets.US_ASCII);
        Outputs.write(console, out, converted);
        console.err().printf("wrote %s (%s)%n", out, toBin ? "pubkey.bin, 264 bytes" : "PEM public key");
        return 0;
    }
}
