package io.github.pieeprom.cli;

import io.github.pieeprom.signing.BootloaderKey;
import io.github.pieeprom.signing.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert an RSA-2048 public key between PEM and the bootloader's 264-byte pubkey.bin. "
                + "A PEM input (public key, or a private key's public half) becomes pubkey.bin; a pubkey.bin "
                + "becomes a PEM public key as openssl writes it."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom key convert public.pem pubkey.bin", "  eeprom key convert pubkey.bin public.pem"})
final class KeyConvertCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand KeyCommand parent;
    @Parameters(index = "0", paramLabel = "IN", description = "PEM key or pubkey.bin.") Path in;
    @Parameters(index = "1", paramLabel = "OUT", description = "The converted key ('-' for standard output).") Path out;

    @Override
    public Integer call() throws IOException {
        byte[] bytes = Inputs.read(in);
        boolean toBin = Inputs.isPem(bytes);
        RSAPublicKey key = Inputs.publicKey(bytes, in.toString());
        byte[] converted = toBin ? BootloaderKey.encode(key, in.toString())
                : PemKeys.writePublicKey(key).getBytes(StandardCharsets.US_ASCII);
        Outputs.write(parent.root, out, converted);
        spec.commandLine().getErr().printf("wrote %s (%s)%n", out, toBin ? "pubkey.bin, 264 bytes" : "PEM public key");
        return 0;
    }
}
