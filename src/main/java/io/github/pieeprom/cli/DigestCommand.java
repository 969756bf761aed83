package io.github.pieeprom.cli;

import io.github.pieeprom.image.Soc;
import io.github.pieeprom.signing.HsmWrapper;
import io.github.pieeprom.signing.SigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "digest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a .sig file: the SHA-256, a ts: line and, with a key, an RSA-2048 signature. "
                + "Same bytes as rpi-eeprom-digest. The timestamp is --ts, else $SOURCE_DATE_EPOCH, else now."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom digest pieeprom.bin -o pieeprom.sig --soc 2712",
                "  eeprom digest boot.conf -k private.pem -o boot.sig",
                "  eeprom digest boot.img --hsm-wrapper ./hsm-sign -o boot.sig"})
final class DigestCommand implements Callable<Integer> {
    @ParentCommand EepromCli root;
    @Parameters(index = "0", paramLabel = "FILE", description = "The file to hash (and sign).") Path file;
    @Option(names = {"-o", "--out"}, paramLabel = "SIG", description = "The .sig file (default: standard output).")
    Path out;
    @Option(names = "--ts", paramLabel = "N", description = "The ts: value, seconds since 1970.") String ts;
    @Option(names = "--soc", paramLabel = "2711|2712", converter = SocConverter.class,
            description = "Add a target-soc: line (for pieeprom.sig).") Soc soc;
    @Option(names = {"-k", "--key"}, paramLabel = "PRIVATE.pem", description = "Sign with this RSA-2048 private key.")
    Path key;
    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "The key's passphrase (first line); else $EEPROM_KEY_PASSPHRASE.") Path passphraseFile;
    @Option(names = "--hsm-wrapper", paramLabel = "CMD",
            description = "Sign with CMD -a rsa2048-sha256 FILE, which prints the signature in hex.") String hsmWrapper;

    @Override
    public Integer call() throws IOException {
        if (key != null && hsmWrapper != null) throw new UsageException("give -k or --hsm-wrapper, not both");
        byte[] data = Inputs.readData(file);
        long timestamp = Timestamps.sigTimestamp(ts, System::getenv, Clock.systemUTC());
        Optional<Soc> target = Optional.ofNullable(soc);
        SigFile sig = key != null ? PrivateKeys.signer(key, passphraseFile, System::getenv).sigFile(data, timestamp, target)
                : hsmWrapper != null ? SigFile.of(data, timestamp, target).withSignature(HsmWrapper.sign(hsmWrapper, file))
                : SigFile.of(data, timestamp, target);
        Outputs.write(root, out, sig.toByteArray());
        return 0;
    }
}
