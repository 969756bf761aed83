package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.netboot.EepromUpdate;
import io.github.pieeprom.netboot.RecoveryBin;
import io.github.pieeprom.netboot.RecoveryBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class StageUpdateCommand implements Command {
    static final Arg<Path> IMAGE = Arg.positional(Converters.PATH, "IMAGE").help("The bootloader image to install.");
    static final Arg<Path> TO = Arg.option(Converters.PATH, "DIR", "--to").help("The boot partition to stage into.");
    static final Arg<Path> ZIP = Arg.option(Converters.PATH, "OUT.zip", "--zip").help("Write a recovery zip instead.");
    static final Arg<Path> RECOVERY = Arg.option(Converters.PATH, "FILE", "--recovery")
            .help("recovery.bin (default: <soc>-recovery.bin or recovery.bin beside IMAGE).");
    static final Arg<Path> VL805 = Arg.option(Converters.PATH, "FILE", "--vl805")
            .help("VL805 USB firmware for the zip (Pi 4 only).");
    static final Arg<String> TS = Arg.option(Converters.STRING, "N", "--ts")
            .help("Update timestamp and ts: (default: $SOURCE_DATE_EPOCH, else now).");
    static final Definition DEFINITION = Definition.of("stage-update", IMAGE).exactlyOneOf(TO, ZIP)
            .with(List.of(RECOVERY, VL805, TS))
            .describe("Stage a bootloader update from a workstation, as rpi-eeprom-update does on the Pi: "
                            + "pieeprom.upd (the image with its update timestamp set), pieeprom.sig (sha256, ts:, "
                            + "target-soc:) and recovery.bin in a boot partition. With --zip, write instead a recovery "
                            + "zip for an SD card laid out as Raspberry Pi's own (README.txt, recovery.bin, "
                            + "pieeprom.bin, pieeprom.sig, and vl805.bin/.sig with --vl805).",
                    "Over TFTP only pieeprom.upd + pieeprom.sig matter: the ROM never loads recovery.bin from the "
                            + "network; a netbooting board with ENABLE_SELF_UPDATE=1 flashes the update itself "
                            + "(eeprom tftp stage --eeprom-update puts them in each board's folder).")
            .footer("Examples:", "  eeprom stage-update netboot.bin --to /media/$USER/bootfs --recovery recovery.bin",
                    "  eeprom stage-update netboot.bin --zip recovery.zip --recovery firmware-2711/latest/recovery.bin");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Path image = args.get(IMAGE);
        Path zip = args.get(ZIP);
        Path vl805 = args.get(VL805);
        if (vl805 != null && zip == null) throw new UsageException("--vl805 goes with --zip");
        Outputs.notAnInput(zip, image, "the image to stage");
        Outputs.notAnInput(zip, args.get(RECOVERY), "the --recovery file");
        Outputs.notAnInput(zip, vl805, "the --vl805 file");
        EepromImage source = ImageFiles.read(image);
        Path recovery = args.has(RECOVERY) ? args.get(RECOVERY) : besideImage(image, source);
        byte[] recoveryBin = RecoveryBin.requireFor(recovery.toString(), Inputs.read(recovery), source.soc());
        long timestamp = Timestamps.sigTimestamp(args.get(TS), System::getenv, Clock.systemUTC());
        if (zip != null) {
            Optional<byte[]> vl = vl805 == null ? Optional.empty() : Optional.of(Inputs.read(vl805));
            ImageFiles.write(zip, RecoveryBundle.zip(source, recoveryBin, vl, timestamp));
            console.err().printf("wrote %s%n", zip);
            return 0;
        }
        Path dir = args.get(TO);
        if (!Files.isDirectory(dir)) throw EepromException.in(dir.toString(),
                "not a folder: expected a mounted boot partition");
        EepromUpdate update = EepromUpdate.of(source, timestamp);
        Map<Path, byte[]> files = new LinkedHashMap<>();            // all or none; recovery.bin, which starts
        files.put(dir.resolve(EepromUpdate.UPD), update.upd());      // the update, last
        files.put(dir.resolve(EepromUpdate.SIG), update.sig());
        files.put(dir.resolve("recovery.bin"), recoveryBin);
        ImageFiles.write(files);
        console.err().printf("staged %s, %s and recovery.bin in %s (update timestamp %d)%n",
                EepromUpdate.UPD, EepromUpdate.SIG, dir, timestamp);
        return 0;
    }

    /** The recovery.bin for the image's SoC next to it, as in the firmware repository or ../shared/conformance. */
    private static Path besideImage(Path image, EepromImage source) {
        Path dir = image.toAbsolutePath().getParent();
        List<Path> candidates = List.of(dir.resolve(source.soc().id() + "-recovery.bin"), dir.resolve("recovery.bin"));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> EepromException.in(
                image.toString(), "no recovery.bin beside the image (looked for %s and recovery.bin): give --recovery",
                candidates.get(0).getFileName()));
    }
}
