package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.Soc;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Carry a board's settings onto a new bootloader release.",
                "FROM is the deployed image, or a config saved from the board (vcgencmd bootloader_config, "
                        + "eeprom extract). The config and, where FROM has real ones, bootconf.sig, pubkey.bin and "
                        + "cacert.der go onto TO; OUT and OUT.sig (sha256, ts, target-soc) are written. It prints what "
                        + "changes for the board: settings TO does not read, properties TO reads for the first time."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom migrate deployed.bin pieeprom-2026-08-12.bin -o pieeprom.upd",
                "  vcgencmd bootloader_config > board.conf   (on the Pi)",
                "  eeprom migrate board.conf pieeprom-2026-08-12.bin -o pieeprom.upd --dry-run"})
final class MigrateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FROM") Path from;
    @Parameters(index = "1", paramLabel = "TO.bin") Path to;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT") Path out;
    @Option(names = "--only", split = ",", paramLabel = "PART",
            description = "Carry only these: config, sig, pubkey, cacert (default: all that FROM has).")
    List<String> only;
    @Option(names = "--dry-run", description = "Print what would be carried and what changes; write nothing.")
    boolean dryRun;
    @Option(names = "--ts", paramLabel = "N", description = "OUT.sig's ts: (default $SOURCE_DATE_EPOCH, else now).")
    String ts;

    @Override
    public Integer call() throws IOException {
        Set<Part> parts = parts();
        EepromImage target = ImageFiles.read(to);
        Optional<EepromImage> source = isImage(from) ? Optional.of(ImageFiles.read(from)) : Optional.empty();
        Migration migration = source.map(Migration::fromImage).orElseGet(() -> fromConfig(from));
        EepromImage result = migration.applyTo(target, parts);
        PrintWriter err = spec.commandLine().getOut();
        err.printf("carried from %s: %s%n", from, migration.carried(parts).stream().map(Part::file)
                .reduce((a, b) -> a + ", " + b).orElse("nothing"));
        byte[] config = parts.contains(Part.CONFIG) ? migration.config() : target.bootConfig();
        List<SettingsChange> changes = SettingsChange.of(source, config, target);
        if (changes.isEmpty()) err.println("no setting changes for the board beyond the new release itself");
        for (SettingsChange c : changes) err.println("  " + c.detail());
        if (!dryRun) {
            byte[] bytes = result.toByteArray();
            long stamp = Timestamps.sigTimestamp(ts, System::getenv, Clock.systemUTC());
            byte[] sig = SigFile.of(bytes, stamp, Optional.of(result.soc())).toByteArray();
            ImageFiles.write(out, bytes);
            ImageFiles.write(Path.of(out + ".sig"), sig);
            err.printf("wrote %s and %s.sig%n", out, out);
        }
        err.flush();
        return 0;
    }

    private Set<Part> parts() {
        if (only == null) return Part.ALL;
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : only) {
            try {
                parts.add(Part.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--only takes config, sig, pubkey, cacert; not \"" + name + "\"");
            }
        }
        return parts;
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
            throw EepromException.in(path.toString(), "neither an image nor a readable config: %s",
                    EepromCli.ioMessage(e));
        }
        for (int i = 0; i < bytes.length; i++)
            if (bytes[i] == 0) throw EepromException.at(path.toString(), i,
                    "neither an image (512 KiB or 2 MiB) nor a config (text; found a NUL byte)");
        if (bytes.length > 4076) throw EepromException.in(path.toString(),
                "neither an image (512 KiB or 2 MiB) nor a config (at most 4076 bytes; this is %d)", bytes.length);
        return Migration.fromConfig(path.toString(), bytes);
    }
}
