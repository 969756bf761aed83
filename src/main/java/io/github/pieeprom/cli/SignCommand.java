package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.Soc;
import io.github.pieeprom.signing.ConfigSignature;
import io.github.pieeprom.signing.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sign", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a signed-boot image in one step: the config, its signed bootconf.sig and the key's "
                + "pubkey.bin; then read the new image back and verify it.",
                "Same bytes as rpi-eeprom-digest -k followed by rpi-eeprom-config --config --digest --pubkey."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom sign pieeprom.bin --config boot.conf -k private.pem -o signed.bin",
                "  eeprom sign pieeprom.bin -c boot.conf -k enc.pem --passphrase-file pass -o signed.bin"})
final class SignCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to start from (never modified unless -o names it).")
    Path image;
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The new bootconf.txt.")
    Path config;
    @Option(names = {"-k", "--key"}, required = true, paramLabel = "PRIVATE.pem", description = "RSA-2048 private key.")
    Path key;
    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "The key's passphrase (first line); else $EEPROM_KEY_PASSPHRASE.") Path passphraseFile;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "The signed image.") Path out;
    @Option(names = "--ts", paramLabel = "N", description = "bootconf.sig's ts: value (default $SOURCE_DATE_EPOCH, else now).")
    String ts;
    @Option(names = "--soc", paramLabel = "2711|2712", converter = SocConverter.class,
            description = "Add a target-soc: line; must be the image's SoC.") Soc soc;

    @Override
    public Integer call() throws IOException {
        EepromImage source = ImageFiles.read(image);
        if (soc != null && soc != source.soc()) throw EepromException.in(image.toString(),
                "is a %s image, but --soc says %s", source.soc().id(), soc.id());
        byte[] text = Inputs.read(config);
        long timestamp = Timestamps.sigTimestamp(ts, System::getenv, Clock.systemUTC());
        EepromImage signed = PrivateKeys.signer(key, passphraseFile, System::getenv)
                .signConfig(source, text, timestamp, Optional.ofNullable(soc));
        ImageFiles.write(out, signed.toByteArray());
        ConfigSignature check = ConfigSignature.of(ImageFiles.read(out));
        if (check.status() != ConfigSignature.Status.VALID) {
            Files.deleteIfExists(out);
            throw new VerificationException("%s read back does not verify (%s); removed it".formatted(out, check.detail()));
        }
        spec.commandLine().getErr().printf("wrote %s (%s, bootconf.txt %d bytes, ts %d); %s%n", out,
                signed.soc().id(), text.length, timestamp, check.detail());
        return 0;
    }
}
