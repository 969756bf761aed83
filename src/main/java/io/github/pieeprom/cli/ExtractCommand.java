package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageContents;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.Section;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        EepromImage source = Inputs.image(image);
        if (all) {
            List<ImageContents.Entry> entries = ImageContents.all(source);
            List<ImageContents.HeldFile> files = ImageContents.files(entries);
            for (ImageContents.HeldFile f : files) Outputs.notAnInput(dir.resolve(f.name()), image, "the image to read");
            ImageFiles.writeInto(dir, files);
            print(entries, dir, console.out());
        } else {
            Outputs.write(console, out, source.bootConfig());
        }
        return 0;
    }

    /** One line per file written (or section skipped), in the image's order. */
    private static void print(List<ImageContents.Entry> entries, Path dir, PrintWriter log) {
        for (ImageContents.Entry e : entries) {
            if (e instanceof ImageContents.HeldFile f) {
                log.println("wrote %-26s %7d bytes%s".formatted(dir.resolve(f.name()), f.bytes().length,
                        f.note().isEmpty() ? "" : "  (" + f.note() + ")"));
            } else if (e instanceof ImageContents.Skipped skipped) {
                Section s = skipped.section();
                log.println("skipped %-14s %7d bytes at 0x%06x: compressed with a proprietary scheme".formatted(
                        EepromException.printable(s.name()), s.payloadLength(), s.offset()));
            }
        }
        log.flush();
    }
}
