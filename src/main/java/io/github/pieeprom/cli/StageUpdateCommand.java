package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.netboot.EepromUpdate;
import io.github.pieeprom.netboot.RecoveryBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "stage-update", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stage a bootloader update from a workstation, as rpi-eeprom-update does on the Pi: "
                + "pieeprom.upd (the image with its update timestamp set), pieeprom.sig (sha256, ts:, target-soc:) and "
                + "recovery.bin in a boot partition. With --zip, write instead a recovery zip for an SD card laid out "
                + "as Raspberry Pi's own (README.txt, recovery.bin, pieeprom.bin, pieeprom.sig, and vl805.bin/.sig "
                + "with --vl805).",
                "Over TFTP only pieeprom.upd + pieeprom.sig matter: the ROM never loads recovery.bin from the "
                        + "network; a netbooting board with ENABLE_SELF_UPDATE=1 flashes the update itself "
                        + "(eeprom tftp stage --eeprom-update puts them in each board's folder)."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom stage-update netboot.bin --to /media/$USER/bootfs",
                "  eeprom stage-update netboot.bin --zip recovery.zip --recovery firmware-2711/latest/recovery.bin"})
final class StageUpdateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "IMAGE", description = "The bootloader image to install.") Path image;
    @ArgGroup(multiplicity = "1") Target target;
    @Option(names = "--recovery", paramLabel = "FILE",
            description = "recovery.bin (default: <soc>-recovery.bin or recovery.bin beside IMAGE).") Path recovery;
    @Option(names = "--vl805", paramLabel = "FILE", description = "VL805 USB firmware for the zip (Pi 4 only).")
    Path vl805;
    @Option(names = "--ts", paramLabel = "N",
            description = "Update timestamp and ts: (default: $SOURCE_DATE_EPOCH, else now).") String ts;

    static final class Target {
        @Option(names = "--to", paramLabel = "DIR", description = "The boot partition to stage into.") Path dir;
        @Option(names = "--zip", paramLabel = "OUT.zip", description = "Write a recovery zip instead.") Path zip;
    }

    @Override
    public Integer call() throws IOException {
        if (vl805 != null && target.zip == null) throw new UsageException("--vl805 goes with --zip");
        EepromImage source = ImageFiles.read(image);
        byte[] recoveryBin = Inputs.read(recovery != null ? recovery : besideImage(source));
        long timestamp = Timestamps.sigTimestamp(ts, System::getenv, Clock.systemUTC());
        if (target.zip != null) {
            Optional<byte[]> vl = vl805 == null ? Optional.empty() : Optional.of(Inputs.read(vl805));
            ImageFiles.write(target.zip, RecoveryBundle.zip(source, recoveryBin, vl, timestamp));
            spec.commandLine().getErr().printf("wrote %s%n", target.zip);
            return 0;
        }
        if (!Files.isDirectory(target.dir)) throw EepromException.in(target.dir.toString(),
                "not a folder: expected a mounted boot partition");
        EepromUpdate update = EepromUpdate.of(source, timestamp);
        ImageFiles.write(target.dir.resolve(EepromUpdate.UPD), update.upd());
        ImageFiles.write(target.dir.resolve(EepromUpdate.SIG), update.sig());
        ImageFiles.write(target.dir.resolve("recovery.bin"), recoveryBin);
        spec.commandLine().getErr().printf("staged %s, %s and recovery.bin in %s (update timestamp %d)%n",
                EepromUpdate.UPD, EepromUpdate.SIG, target.dir, timestamp);
        return 0;
    }

    /** The recovery.bin for the image's SoC next to it, as in the firmware repository or ../shared/conformance. */
    private Path besideImage(EepromImage source) {
        Path dir = image.toAbsolutePath().getParent();
        List<Path> candidates = List.of(dir.resolve(source.soc().id() + "-recovery.bin"), dir.resolve("recovery.bin"));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> EepromException.in(
                image.toString(), "no recovery.bin beside the image (looked for %s and recovery.bin): give --recovery",
                candidates.get(0).getFileName()));
    }
}
