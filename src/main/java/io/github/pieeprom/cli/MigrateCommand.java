package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converter;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
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

final class MigrateCommand implements Command {
    static final Converter<Part> PART = name -> {
        for (Part part : Part.values()) if (part.name().equalsIgnoreCase(name.trim())) return part;
        throw new IllegalArgumentException("expected config, sig, pubkey or cacert, found '" + name + "'");
    };
    static final Arg<Path> FROM = Arg.positional(Converters.PATH, "FROM");
    static final Arg<Path> TO = Arg.positional(Converters.PATH, "TO.bin");
    static final Arg<Path> OUT = Arg.option(Converters.PATH, "OUT", "-o", "--out").required()
            .help("The new image; OUT.sig is written beside it.");
    static final Arg<Part> ONLY = Arg.option(PART, "PART", "--only").split(",")
            .help("Carry only these: config, sig, pubkey, cacert (default: all that FROM has).");
    static final Arg<Boolean> DRY_RUN = Arg.flag("--dry-run")
            .help("Print what would be carried and what changes; write nothing.");
    static final Arg<String> TS = Arg.option(Converters.STRING, "N", "--ts")
            .help("OUT.sig's ts: (default $SOURCE_DATE_EPOCH, else now).");
    static final Definition DEFINITION = Definition.of("migrate", FROM, TO, OUT, ONLY, DRY_RUN, TS)
            .describe("Carry a board's settings onto a new bootloader release.",
                    "FROM is the deployed image, or a config saved from the board (vcgencmd bootloader_config, "
                            + "eeprom extract). The config and, where FROM has real ones, bootconf.sig, pubkey.bin and "
                            + "cacert.der go onto TO; OUT and OUT.sig (sha256, ts, target-soc) are written. It prints "
                            + "what changes for the board: settings TO does not read, properties TO reads for the "
                            + "first time.")
            .footer("Examples:", "  eeprom migrate deployed.bin pieeprom-2026-08-12.bin -o pieeprom.upd",
                    "  vcgencmd bootloader_config > board.conf   (on the Pi)",
                    "  eeprom migrate board.conf pieeprom-2026-08-12.bin -o pieeprom.upd --dry-run");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Path from = args.get(FROM);
        Path out = args.get(OUT);
        if (!args.get(DRY_RUN)) Outputs.notStandardOutput(out, "migrate writes an image and its .sig beside it");
        Set<Part> parts = args.has(ONLY) ? EnumSet.copyOf(args.all(ONLY)) : Part.ALL;
        if (!isImage(from)) Outputs.notAnInput(out, from, "the config to carry");   // an image: in place is fine
        EepromImage target = ImageFiles.read(args.get(TO));
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
        if (!args.get(DRY_RUN)) {
            byte[] bytes = result.toByteArray();
            long stamp = Timestamps.sigTimestamp(args.get(TS), System::getenv, Clock.systemUTC());
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
