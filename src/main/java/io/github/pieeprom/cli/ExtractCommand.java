package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.Section;
import io.github.pieeprom.image.SectionKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

final class ExtractCommand implements Command {
    static final String IMAGE = "IMAGE";
    static final String OUT = "--out";
    static final String ALL = "--all";
    static final String DIR = "--dir";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "extract",
                "Print an image's bootconf.txt byte for byte, or write every file it holds.",
                    "--all writes bootcode.bin, each modifiable file, and each LZ4 section decompressed (its SHA-256 "
                            + "checked). A file held twice (updatetime in an AB image) is written twice, the second "
                            + "copy under a name that says where it came from.");
        spec.addPositional(Specs.pathParameter("IMAGE").index("0").required(true).build());
        spec.addOption(Specs.path("FILE", "-o", "--out")
                .description("Write the config here (default: standard output).").build());
        spec.addOption(Specs.flag("--all")
                .description("Write every file in the image into the folder given by -d.").build());
        spec.addOption(Specs.path("DIR", "-d", "--dir")
                .description("Folder for --all (created if missing).").build());
        Specs.footer(spec,
                "Examples:", "  eeprom extract pieeprom.bin > boot.conf", "  eeprom extract pieeprom.bin -o boot.conf",
                    "  eeprom extract pieeprom.bin --all -d extracted/");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path image = args.get(IMAGE);
        Path out = args.get(OUT);
        Path dir = args.get(DIR);
        boolean all = args.flag(ALL);
        if (all != (dir != null)) throw new UsageException("--all and -d DIR go together");
        if (all && out != null) throw new UsageException("-o names the config file; with --all use -d DIR");
        Outputs.notAnInput(out, image, "the image to read");
        EepromImage source = ImageFiles.read(image);
        if (all) {
            extractAll(source, dir, false, console.out());
        } else {
            Outputs.write(console, out, source.bootConfig());
        }
        return 0;
    }

    /**
     * Writes the image's files into {@code dir}. {@code asReference}: only bootcode.bin and the modifiable files,
     * the first copy of each name, silently, as {@code rpi-eeprom-config -x} does. Every file is read (and each
     * LZ4 section decompressed and checked) before the first is written: a damaged image leaves nothing.
     */
    static void extractAll(EepromImage image, Path dir, boolean asReference, PrintWriter log) throws IOException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        add(image, image.sections().get(0), dir, EepromImage.BOOTCODE_BIN, image.payload(image.sections().get(0)),
                "", files, lines);
        Set<String> written = new HashSet<>();
        for (Section s : image.sections()) {
            boolean file = s.kind() == SectionKind.FILE;
            if (!file && (asReference || !s.kind().named())) continue;
            if (s.kind() == SectionKind.COMPRESSED) {
                lines.add("skipped %-14s %7d bytes at 0x%06x: compressed with a proprietary scheme".formatted(
                        s.name(), s.payloadLength(), s.offset()));
                continue;
            }
            boolean again = !written.add(s.name());
            if (again && asReference) continue;
            byte[] data = s.kind() == SectionKind.LZ4 ? image.decompress(s) : image.payload(s);
            String name = again ? s.name() + "." + where(image, s) : s.name();
            String note = again ? "  (second copy of " + s.name() + ", from " + where(image, s) + ")" : "";
            add(image, s, dir, name, data, note, files, lines);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new FileSystemException(dir.toString(), null,
                ImageFiles.IS_A_FILE);
        if (!Files.isDirectory(dir)) Files.createDirectories(dir);
        ImageFiles.write(files);
        if (asReference) return;
        lines.forEach(log::println);
        log.flush();
    }

    private static void add(EepromImage image, Section s, Path dir, String name, byte[] data, String note,
            Map<Path, byte[]> files, List<String> lines) {
        if (!name.matches("[A-Za-z0-9_+-][A-Za-z0-9._+-]*")) throw EepromException.at(image.file(), s.offset(),
                "refusing to write a file named \"%s\"", name);
        Path target = dir.resolve(name);
        files.put(target, data);
        lines.add("wrote %-26s %7d bytes%s".formatted(target, data.length, note));
    }

    private static String where(EepromImage image, Section s) {
        if (image.inPartitionA(s)) return "partition-a";
        return "at-0x" + Text.hex(s.offset(), 6);
    }
}
