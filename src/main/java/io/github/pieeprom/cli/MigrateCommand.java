package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.release.Migration;
import io.github.pieeprom.release.Migration.Part;
import io.github.pieeprom.release.SettingsChange;
import io.github.pieeprom.signing.SigFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

final class MigrateCommand implements Command {
    static final ITypeConverter<Part> PART = new ITypeConverter<>() {
        @Override
        public Part convert(String name) {
            for (Part part : Part.values()) if (part.name().equalsIgnoreCase(name.trim())) return part;
            throw new TypeConversionException("expected config, sig, pubkey or cacert, found '" + name + "'");
        }
    };
    static final String FROM = "FROM";
    static final String TO = "TO.bin";
    static final String OUT = "--out";
    static final String ONLY = "--only";
    static final String DRY_RUN = "--dry-run";
    static final String TS = "--ts";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "migrate",
                "Carry a board's settings onto a new bootloader release.",
                    "FROM is the deployed image, or a config saved from the board (vcgencmd bootloader_config, "
                            + "eeprom extract). The config and, where FROM has real ones, bootconf.sig, pubkey.bin and "
                            + "cacert.der go onto TO; OUT and OUT.sig (sha256, ts, target-soc) are written. It prints "
                            + "what changes for the board: settings TO does not read, properties TO reads for the "
                            + "first time.");
        spec.addPositional(Specs.pathParameter("FROM").index("0").required(true).build());
        spec.addPositional(Specs.pathParameter("TO.bin").index("1").required(true).build());
        spec.addOption(Specs.path("OUT", "-o", "--out")
                .description("The new image; OUT.sig is written beside it (not with --dry-run).").build());
        spec.addOption(OptionSpec.builder("--only").paramLabel("PART").type(List.class).auxiliaryTypes(Part.class)
                .converters(PART).splitRegex(",")
                .completionCandidates(List.of("config", "sig", "pubkey", "cacert"))
                .description("Carry only these: config, sig, pubkey, cacert (default: all that FROM has).").build());
        spec.addOption(Specs.flag("--dry-run")
                .description("Print what would be carried and what changes; write nothing.").build());
        spec.addOption(Specs.timestamp("OUT.sig's ts: (default $SOURCE_DATE_EPOCH, else now).").build());
        StoredConfig.addOption(spec);
        Specs.footer(spec,
                "Examples:", "  eeprom migrate deployed.bin pieeprom-2026-08-12.bin -o pieeprom.upd",
                    "  vcgencmd bootloader_config > board.conf   (on the Pi)",
                    "  eeprom migrate board.conf pieeprom-2026-08-12.bin -o pieeprom.upd --dry-run");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path from = args.get(FROM);
        Path out = args.get(OUT);
        if (!args.flag(DRY_RUN)) Outputs.requireOut(out, "migrate writes an image and its .sig beside it", "migrate");
        Set<Part> parts = args.has(ONLY) ? EnumSet.copyOf(args.<Part>all(ONLY)) : Part.ALL;
        if (!isImage(from)) Outputs.notAnInput(out, from, "the config to carry");   // an image: in place is fine
        if (out != null && !args.flag(DRY_RUN)) {                                   // but not over its .sig
            Outputs.notAnInput(Path.of(out + ".sig"), from, "what to carry from");
            Outputs.notAnInput(Path.of(out + ".sig"), args.get(TO), "the image to carry onto");
        }
        Inputs.readOnce(from, args.get(TO));
        EepromImage target = Inputs.image(args.get(TO));
        Optional<EepromImage> source = isImage(from) ? Optional.of(ImageFiles.read(from)) : Optional.empty();
        Migration migration = source.map(Migration::fromImage).orElseGet(() -> fromConfig(from));
        EepromImage result = migration.applyTo(target, parts);
        PrintWriter log = console.out();
        log.printf("carried from %s: %s%n", from, migration.carried(parts).stream().map(Part::file)
                .reduce((a, b) -> a + ", " + b).orElse("nothing"));
        byte[] config = parts.contains(Part.CONFIG) ? migration.config() : target.bootConfig();
        List<SettingsChange> changes = SettingsChange.of(source, config, target);
        if (changes.isEmpty()) log.println("no setting changes for the board beyond the new release itself");
        for (SettingsChange c : changes) log.println("  " + c.detail());
        log.flush();
        if (parts.contains(Part.CONFIG))
            StoredConfig.check(source.isPresent() ? from + " (bootconf.txt)" : from.toString(), result, args,
                    console.err());
        if (!args.flag(DRY_RUN)) {
            byte[] bytes = result.toByteArray();
            long stamp = Timestamps.sigTimestamp(args, TS, Clock.systemUTC());
            byte[] sig = SigFile.of(bytes, stamp, Optional.of(result.soc())).toByteArray();
            Map<Path, byte[]> files = new LinkedHashMap<>();
            files.put(out, bytes);
            files.put(Path.of(out + ".sig"), sig);
            ImageFiles.write(files);                       // both or neither
            log.printf("wrote %s and %s.sig%n", out, out);
        }
        log.flush();
        return 0;
    }

    private static boolean isImage(Path path) throws IOException {
        return Files.isRegularFile(path) && Soc.ofImageSize(Files.size(path)).isPresent();
    }

    /** A saved config: text, at most 4076 bytes (what any image can hold). */
    private static Migration fromConfig(Path path) {
        byte[] bytes;
        try {
            bytes = Inputs.read(path);
        } catch (IOException e) {
            String reason = EepromCli.ioMessage(e);
            String prefix = path + ": ";
            throw EepromException.in(path.toString(), "neither an image nor a readable config: %s",
                    reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason);
        }
        for (int i = 0; i < bytes.length; i++)
            if (bytes[i] == 0) throw EepromException.at(path.toString(), i,
                    "neither an image (512 KiB or 2 MiB) nor a config (text; found a NUL byte)");
        if (bytes.length > 4076) throw EepromException.in(path.toString(),
                "neither an image (512 KiB or 2 MiB) nor a config (at most 4076 bytes; this is %d)", bytes.length);
        return Migration.fromConfig(path.toString(), bytes);
    }
}
