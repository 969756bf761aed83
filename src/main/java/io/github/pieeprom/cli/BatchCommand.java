package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.batch.BatchInputs;
import io.github.pieeprom.batch.BatchPlan;
import io.github.pieeprom.batch.BatchWriter;
import io.github.pieeprom.batch.Output;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.TypeConversionException;

final class BatchCommand implements Command {
    static final String MANIFEST = "MANIFEST";
    static final String OUT = "--out";
    static final String IMAGE_2711 = "--image-2711";
    static final String IMAGE_2712 = "--image-2712";
    static final String JOBS = "--jobs";
    static final String TS = "--ts";
    static final String KEEP_GOING = "--keep-going";
    /** {@code -o}: a name whose archive suffix the batch cannot write is a usage error, before anything is read. */
    private static final ITypeConverter<Path> OUT_NAME = new ITypeConverter<>() {
        @Override
        public Path convert(String text) {
            Path out = Specs.pathOf(text);
            try {
                Output.of(out);
            } catch (EepromException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return out;
        }
    };

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
        spec.addOption(Specs.path("OUT", "-o", "--out").converters(OUT_NAME)
                .description("A new folder, or an archive: .tar, .tar.gz, .tar.bz2, .tar.xz, .zip.").required(true)
                .build());
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
        StoredConfig.addOption(spec);
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
        Map<Soc, Path> bases = new EnumMap<>(Soc.class);
        if (args.has(IMAGE_2711)) bases.put(Soc.BCM2711, args.get(IMAGE_2711));
        if (args.has(IMAGE_2712)) bases.put(Soc.BCM2712, args.get(IMAGE_2712));
        Outputs.notStandardOutput(out, "a batch writes a folder or an archive");
        BatchInputs inputs = BatchInputs.read(manifest, bases);
        for (Path input : inputs.files()) Outputs.notAnInput(out, input, "an input of the batch");
        BatchPlan plan = inputs.plan(timestamp);
        PrintWriter err = console.err();
        plan.rejected().forEach(r -> err.println((keepGoing ? "eeprom: skipped: " : "eeprom: error: ") + r.message()));
        int bad = plan.rejected().size();
        if (bad > 0 && !keepGoing) throw EepromException.in(manifest.toString(), "%s; nothing written "
                + "(--keep-going skips them)", Text.count(bad, "bad row"));
        if (plan.devices().isEmpty()) throw EepromException.in(manifest.toString(), "no devices; nothing written");
        StoredConfig.check(plan, args, err);
        ProgressBar bar = Terminal.isStandardError() ? new ProgressBar(err, plan.devices().size(), System::nanoTime)
                : null;
        BatchWriter.write(plan, out, threads, bar == null ? devices -> { } : bar::advance);
        if (bar != null) bar.finish();
        err.printf("wrote %s: %s, %s%s%n", out, Text.count(plan.devices().size(), "device"),
                Text.count(plan.builds().size(), "image"), bad == 0 ? "" : ", " + Text.count(bad, "row") + " skipped");
        return 0;
    }
}
