package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ArgGroupSpec;

final class StageUpdateCommand implements Command {
    static final String IMAGE = "IMAGE";
    static final String TO = "--to";
    static final String ZIP = "--zip";
    static final String RECOVERY = "--recovery";
    static final String VL805 = "--vl805";
    static final String TS = "--ts";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "stage-update",
                "Stage a bootloader update from a workstation, as rpi-eeprom-update does on the Pi: "
                            + "pieeprom.upd (the image with its update timestamp set), pieeprom.sig (sha256, ts:, "
                            + "target-soc:) and recovery.bin in a boot partition. With --zip, write instead a recovery "
                            + "zip for an SD card laid out as Raspberry Pi's own (README.txt, recovery.bin, "
                            + "pieeprom.bin, pieeprom.sig, and vl805.bin/.sig with --vl805).",
                    "Over TFTP only pieeprom.upd + pieeprom.sig matter: the ROM never loads recovery.bin from the "
                            + "network; a netbooting board with ENABLE_SELF_UPDATE=1 flashes the update itself "
                            + "(eeprom tftp stage --eeprom-update puts them in each board's folder).");
        spec.addPositional(Specs.pathParameter("IMAGE")
                .description("The bootloader image to install.").index("0").required(true).build());
        spec.addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("1")
                .addArg(Specs.path("DIR", "--to")
                .description("The boot partition to stage into.").build())
                .addArg(Specs.path("OUT.zip", "--zip")
                .description("Write a recovery zip instead.").build()).build());
        spec.addOption(Specs.path("FILE", "--recovery")
                .description("recovery.bin (default: <soc>-recovery.bin or recovery.bin beside IMAGE).").build());
        spec.addOption(Specs.path("FILE", "--vl805")
                .description("VL805 USB firmware for the zip (Pi 4 only).").build());
        spec.addOption(Specs.timestamp("Update timestamp and ts: (default: $SOURCE_DATE_EPOCH, else now).").build());
        StoredConfig.addOption(spec);
        Specs.footer(spec,
                "Examples:", "  eeprom stage-update netboot.bin --to /media/$USER/bootfs --recovery recovery.bin",
                    "  eeprom stage-update netboot.bin --zip recovery.zip --recovery firmware-2711/latest/recovery.bin");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path image = args.get(IMAGE);
        Path zip = args.get(ZIP);
        Path vl805 = args.get(VL805);
        if (vl805 != null && zip == null) throw new UsageException("--vl805 goes with --zip");
        Outputs.notAnInput(zip, image, "the image to stage");
        Outputs.notAnInput(zip, args.get(RECOVERY), "the --recovery file");
        Outputs.notAnInput(zip, vl805, "the --vl805 file");
        Inputs.readOnce(image, args.get(RECOVERY), vl805);
        if (Inputs.isStandardInput(image) && !args.has(RECOVERY))
            throw new UsageException("IMAGE - (standard input) has no folder to find recovery.bin in: give --recovery");
        Path to = args.get(TO);                             // before any input is read: none for a wrong target
        if (zip == null && !Files.isDirectory(to)) throw EepromException.in(to.toString(),
                "%s: expected a mounted boot partition", Files.exists(to) ? "a file, not a folder" : "no such folder");
        EepromImage source = Inputs.image(image);
        Path recovery = args.has(RECOVERY) ? args.get(RECOVERY) : besideImage(image, source);
        byte[] recoveryBin = RecoveryBin.requireFor(recovery.toString(), Inputs.read(recovery), source.soc());
        long timestamp = Timestamps.sigTimestamp(args, TS, Clock.systemUTC());
        if (zip != null) {
            Optional<byte[]> vl = vl805 == null ? Optional.empty() : Optional.of(Inputs.read(vl805));
            byte[] bundle = RecoveryBundle.zip(source, recoveryBin, vl, timestamp);
            StoredConfig.check(source.file() + " (bootconf.txt)", source, args, console.err());
            ImageFiles.write(zip, bundle);
            console.err().printf("wrote %s%n", zip);
            return 0;
        }
        EepromUpdate update = EepromUpdate.of(source, timestamp);
        StoredConfig.check(source.file() + " (bootconf.txt)", source, args, console.err());
        Map<Path, byte[]> files = new LinkedHashMap<>();            // all or none; recovery.bin, which starts
        files.put(to.resolve(EepromUpdate.UPD), update.upd());      // the update, last
        files.put(to.resolve(EepromUpdate.SIG), update.sig());
        files.put(to.resolve("recovery.bin"), recoveryBin);
        ImageFiles.write(files);
        console.err().printf("staged %s, %s and recovery.bin in %s (update timestamp %d)%n",
                EepromUpdate.UPD, EepromUpdate.SIG, to, timestamp);
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
