package io.github.pieeprom.cli;

import io.github.pieeprom.signing.BootloaderKey;
import io.github.pieeprom.signing.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import picocli.CommandLine.Model.CommandSpec;

final class KeyConvertCommand implements Command {
    static final String IN = "IN";
    static final String OUT = "OUT";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "convert",
                "Convert an RSA-2048 public key between PEM and the bootloader's 264-byte pubkey.bin. "
                    + "A PEM input (public key, or a private key's public half) becomes pubkey.bin; a pubkey.bin "
                    + "becomes a PEM public key as openssl writes it.");
        spec.addPositional(Specs.pathParameter("IN")
                .description("PEM key or pubkey.bin.").index("0").required(true).build());
        spec.addPositional(Specs.pathParameter("OUT")
                .description("The converted key ('-' for standard output).").index("1").required(true).build());
        Specs.footer(spec,
                "Examples:", "  eeprom key convert public.pem pubkey.bin", "  eeprom key convert pubkey.bin public.pem");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
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
