package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.batch.BaseImages;
import io.github.pieeprom.batch.BatchPlan;
import io.github.pieeprom.batch.BatchWriter;
import io.github.pieeprom.batch.Manifest;
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
import picocli.CommandLine.Model.CommandSpec;

final class BatchCommand implements Command {
    static final String MANIFEST = "MANIFEST";
    static final String OUT = "--out";
    static final String IMAGE_2711 = "--image-2711";
    static final String IMAGE_2712 = "--image-2712";
    static final String JOBS = "--jobs";
    static final String TS = "--ts";
    static final String KEEP_GOING = "--keep-going";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "batch",
                "Make the firmware for a fleet from a CSV device manifest: one image per distinct config, "
                            + "a folder (or archive entry) per device, and manifest.json. Every row is checked before "
                            + "anything is written.",
                    "Columns: name or serial, soc, optional image and template (paths relative to the manifest), "
                            + "set:KEY (sets KEY), any other column is a $${column} of the template.");
        spec.addPositional(Specs.pathParameter("MANIFEST")
                .description("The device manifest (CSV with a header).").index("0").required(true).build());
        spec.addOption(Specs.path("OUT", "-o", "--out")
                .description("A new folder, or an archive: .tar, .tar.gz, .zip.").required(true).build());
        spec.addOption(Specs.path("FILE", "--image-2711")
                .description("Base image for soc 2711 rows without an image.").build());
        spec.addOption(Specs.path("FILE", "--image-2712")
                .description("Base image for soc 2712 rows without an image.").build());
        spec.addOption(Specs.integer("N", "-j", "--jobs")
                .description("Images built at once (default: the CPU count).").build());
        spec.addOption(Specs.timestamp("ts: of every pieeprom.sig and time of archive entries (default: "
                + "$SOURCE_DATE_EPOCH, else now).").build());
        spec.addOption(Specs.flag("--keep-going")
                .description("Skip bad rows (listed, and in manifest.json) instead of failing.").build());
        Specs.footer(spec,
                "Examples:", "  eeprom batch devices.csv --image-2711 pieeprom-2711.bin -o fleet/",
                    "  eeprom batch devices.csv --image-2711 pi4.bin --image-2712 pi5.bin --ts 1700000000 "
                            + "-o fleet.tar.gz",
                    "", "devices.csv:", "  name,soc,template,ip,set:BOOT_ORDER",
                    "  rack1-01,2711,rack.conf,10.0.1.1,0xf21");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Integer jobs = args.get(JOBS);
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1) throw new UsageException("--jobs expects 1 or more, found " + threads);
        long timestamp = Timestamps.sigTimestamp(args, TS, Clock.systemUTC());
        Path manifest = args.get(MANIFEST);
        Path out = args.get(OUT);
        boolean keepGoing = args.flag(KEEP_GOING);
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
