package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.batch.BaseImages;
import io.github.pieeprom.batch.BatchPlan;
import io.github.pieeprom.batch.BatchWriter;
import io.github.pieeprom.batch.Manifest;
import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.Soc;
import io.github.pieeprom.template.Template;
import io.github.pieeprom.template.Utf8;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

final class BatchCommand implements Command {
    static final Arg<Path> MANIFEST = Arg.positional(Converters.PATH, "MANIFEST")
            .help("The device manifest (CSV with a header).");
    static final Arg<Path> OUT = Arg.option(Converters.PATH, "OUT", "-o", "--out").required()
            .help("A new folder, or an archive: .tar, .tar.gz, .tar.bz2, .tar.xz, .zip.");
    static final Arg<Path> IMAGE_2711 = Arg.option(Converters.PATH, "FILE", "--image-2711")
            .help("Base image for soc 2711 rows without an image.");
    static final Arg<Path> IMAGE_2712 = Arg.option(Converters.PATH, "FILE", "--image-2712")
            .help("Base image for soc 2712 rows without an image.");
    static final Arg<Integer> JOBS = Arg.option(Converters.INT, "N", "-j", "--jobs")
            .help("Images built at once (default: the CPU count).");
    static final Arg<String> TS = Arg.option(Converters.STRING, "N", "--ts")
            .help("ts: of every pieeprom.sig and time of archive entries (default: $SOURCE_DATE_EPOCH, else now).");
    static final Arg<Boolean> KEEP_GOING = Arg.flag("--keep-going")
            .help("Skip bad rows (listed, and in manifest.json) instead of failing.");
    static final Definition DEFINITION = Definition.of("batch", MANIFEST, OUT, IMAGE_2711, IMAGE_2712, JOBS, TS,
                    KEEP_GOING)
            .describe("Make the firmware for a fleet from a CSV device manifest: one image per distinct config, "
                            + "a folder (or archive entry) per device, and manifest.json. Every row is checked before "
                            + "anything is written.",
                    "Columns: name or serial, soc, optional image and template (paths relative to the manifest), "
                            + "set:KEY (sets KEY), any other column is a ${column} of the template.")
            .footer("Examples:", "  eeprom batch devices.csv --image-2711 pieeprom-2711.bin -o fleet/",
                    "  eeprom batch devices.csv --image-2711 pi4.bin --image-2712 pi5.bin --ts 1700000000 "
                            + "-o fleet.tar.gz",
                    "", "devices.csv:", "  name,soc,template,ip,set:BOOT_ORDER",
                    "  rack1-01,2711,rack.conf,10.0.1.1,0xf21");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Integer jobs = args.get(JOBS);
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1) throw new UsageException("--jobs expects 1 or more, found " + threads);
        long timestamp = Timestamps.sigTimestamp(args.get(TS), System::getenv, Clock.systemUTC());
        Path manifest = args.get(MANIFEST);
        Path out = args.get(OUT);
        boolean keepGoing = args.get(KEEP_GOING);
        Manifest rows = Manifest.parse(manifest.toString(), Inputs.read(manifest));
        Path folder = manifest.toAbsolutePath().getParent();
        BatchPlan plan = BatchPlan.of(rows, templates(rows, folder),
                images(rows, folder, args.get(IMAGE_2711), args.get(IMAGE_2712)), timestamp);
        PrintWriter err = console.err();
        plan.rejected().forEach(r -> err.println((keepGoing ? "eeprom: skipped: " : "eeprom: error: ") + r.message()));
        int bad = plan.rejected().size();
        if (bad > 0 && !keepGoing) throw EepromException.in(manifest.toString(), "%s; nothing written "
                + "(--keep-going skips them)", count(bad, "bad row"));
        if (plan.devices().isEmpty()) throw EepromException.in(manifest.toString(), "no devices; nothing written");
        ProgressBar bar = Terminal.isStandardError() ? new ProgressBar(err, plan.devices().size(), System::nanoTime)
                : null;
        BatchWriter.write(plan, out, threads, bar == null ? devices -> { } : bar::advance);
        if (bar != null) bar.finish();
        err.printf("wrote %s: %s, %s%s%n", out, count(plan.devices().size(), "device"),
                count(plan.builds().size(), "image"), bad == 0 ? "" : ", " + count(bad, "row") + " skipped");
        return 0;
    }

    /** {@code 1 device}, {@code 2 devices}. */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Every template the manifest names that exists; a row naming a missing one is rejected by the plan. */
    private static Map<String, Template> templates(Manifest rows, Path folder) throws IOException {
        Map<String, Template> templates = new HashMap<>();
        for (Manifest.Row row : rows.rows()) {
            String name = row.get(Manifest.TEMPLATE);
            if (name.isEmpty() || templates.containsKey(name)) continue;
            Path path = file(rows, row, Manifest.TEMPLATE, folder);
            if (path == null || !Files.isRegularFile(path)) continue;
            templates.put(name, Template.parse(name, Utf8.decode(name, Inputs.read(path))));
        }
        return templates;
    }

    private static BaseImages images(Manifest rows, Path folder, Path image2711, Path image2712) throws IOException {
        Map<Soc, EepromImage> bySoc = new EnumMap<>(Soc.class);
        if (image2711 != null) bySoc.put(Soc.BCM2711, ImageFiles.read(image2711));
        if (image2712 != null) bySoc.put(Soc.BCM2712, ImageFiles.read(image2712));
        for (Map.Entry<Soc, EepromImage> e : bySoc.entrySet()) if (e.getValue().soc() != e.getKey())
            throw EepromException.in(e.getValue().file(), "given as --image-%s, but it is a BCM%s image",
                    e.getKey().id(), e.getValue().soc().id());
        Map<String, EepromImage> byName = new HashMap<>();
        for (Manifest.Row row : rows.rows()) {
            String name = row.get(Manifest.IMAGE);
            if (name.isEmpty() || byName.containsKey(name)) continue;
            Path path = file(rows, row, Manifest.IMAGE, folder);
            if (path == null || !Files.isRegularFile(path)) continue;
            byName.put(name, EepromImage.parse(name, ImageFiles.readImageBytes(path)));
        }
        return new BaseImages(bySoc, byName);
    }

    /**
     * The file a row's {@code template} or {@code image} column names, beside the manifest, or null for a name no
     * file can have (a NUL). A folder there stops the batch, as a file that cannot be read does; a name that does
     * not exist is the plan's bad row.
     */
    private static Path file(Manifest rows, Manifest.Row row, String column, Path folder) {
        String name = row.get(column);
        Path path;
        try {
            path = folder.resolve(name);
        } catch (InvalidPathException noSuchFile) {
            return null;
        }
        if (Files.isDirectory(path)) throw EepromException.atLine(rows.file(), row.line(), "%s %s %s", column,
                EepromException.printable(name), ImageFiles.IS_A_FOLDER);
        return path;
    }
}
