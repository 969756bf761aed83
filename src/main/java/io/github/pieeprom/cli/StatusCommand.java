package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Json;
import io.github.pieeprom.Soc;
import io.github.pieeprom.image.BuildInfo;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.release.Release;
import io.github.pieeprom.release.ReleaseIndex;
import io.github.pieeprom.release.Standing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

final class StatusCommand implements Command {
    static final String IMAGES = "IMAGE";
    static final String RELEASES = "--releases";
    static final String CHANNEL = "--channel";
    static final String JSON = "--json";
    /** Not 1: a script must tell an image that needs updating from one that could not be read. */
    static final int EXIT_BEHIND = 3;
    /** The channel folders of raspberrypi/rpi-eeprom, which completion offers. */
    private static final List<String> CHANNELS = List.of("default", "latest", "beta", "stable", "critical", "old");

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "status",
                "Say which bootloader release each image is on, and whether a newer one exists.",
                    "IMAGE may be a file or a folder (searched for images, e.g. a batch output). RELEASES is a "
                            + "checkout of raspberrypi/rpi-eeprom, one of its firmware-27xx folders, or any folder of "
                            + "pieeprom-*.bin; its channel folders (default, latest, old/...) are understood and a "
                            + "release found twice (beta, stable and critical are symlinks) counts once.");
        spec.addPositional(Specs.pathParameters("IMAGE").index("0..*").required(true).build());
        spec.addOption(Specs.path("DIR", "--releases")
                .description("Folder of releases to compare with.").required(true).build());
        spec.addOption(Specs.choice(CHANNELS, "NAME", "--channel")
                .description("Compare only with this channel (default, latest, ...).").build());
        spec.addOption(Specs.flag("--json")
                .description("Print the result as JSON.").build());
        Specs.footer(spec,
                "Examples:", "  eeprom status pieeprom.bin --releases rpi-eeprom/",
                    "  eeprom status fleet-out/ --releases rpi-eeprom/firmware-2712 --channel default --json");
        spec.usageMessage().exitCodeList(Specs.exitCodes("0", "Every image is on the newest release of its channel.",
                "1", "Bad input: a file cannot be read, or is not an image.", "2", "Usage error.",
                String.valueOf(EXIT_BEHIND), "An image is behind: a newer release exists."));
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path releasesDir = args.get(RELEASES);
        String channel = args.get(CHANNEL);
        Inputs.readOnce(args.<Path>all(IMAGES).toArray(new Path[0]));
        ReleaseIndex index = ReleaseIndex.scan(releasesDir);
        if (channel != null && !index.channels().contains(channel))         // a typo must not look like "up to date"
            throw EepromException.in(releasesDir.toString(), "no release in a channel %s (channels here: %s)",
                    EepromException.printable(channel), index.channels().isEmpty() ? "none"
                            : String.join(", ", index.channels().stream().map(c -> c.isEmpty() ? "(top)" : c).toList()));
        List<Map<String, Object>> rows = new ArrayList<>();
        int behind = 0;
        for (Path image : images(args.all(IMAGES))) {
            EepromImage source = Inputs.image(image);
            Standing standing = index.standing(source, channel);
            if (standing.state() == Standing.State.BEHIND) behind++;
            rows.add(row(source, standing));
        }
        PrintWriter out = console.out();
        if (args.flag(JSON)) out.print(Json.write(rows));
        else printText(rows, behind, releasesDir, channel, out);
        out.flush();
        return behind > 0 ? EXIT_BEHIND : 0;
    }

    private static List<Path> images(List<Path> inputs) throws IOException {
        List<Path> images = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                images.add(input);
                continue;
            }
            // a batch output stores each image once under images/ and links it per board under devices/: one row a board
            Path devices = input.resolve("devices");
            if (Files.isRegularFile(input.resolve("manifest.json")) && Files.isDirectory(devices)) input = devices;
            try (Stream<Path> walk = Files.walk(input)) {
                images.addAll(walk.filter(p -> p.getFileName().toString().endsWith(".bin") && Files.isRegularFile(p))
                        .filter(StatusCommand::hasImageSize).sorted().toList());
            }
        }
        if (images.isEmpty()) throw io.github.pieeprom.EepromException.in(inputs.get(0).toString(),
                "no images (*.bin of 512 KiB or 2 MiB) found");
        return images;
    }

    private static boolean hasImageSize(Path p) {
        try {
            return Soc.ofImageSize(Files.size(p)).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, Object> row(EepromImage image, Standing standing) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", image.file());
        row.put("soc", image.soc().id());
        long ts = image.build().timestamp().getAsLong();
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("timestamp", ts);
        build.put("date", BuildInfo.dateOf(ts).toString());
        build.put("version", image.build().version().orElse(""));
        row.put("build", build);
        row.put("status", standing.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        row.put("behind", standing.behind());
        row.put("newest", standing.newest().map(StatusCommand::release).orElse(null));
        return row;
    }

    private static Map<String, Object> release(Release r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", r.date());
        m.put("version", r.version());
        m.put("channel", r.channel());
        m.put("file", r.path().toString());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void printText(List<Map<String, Object>> rows, int behind, Path releasesDir, String channel,
            PrintWriter out) {
        for (Map<String, Object> row : rows) {
            Map<String, Object> build = (Map<String, Object>) row.get("build");
            Map<String, Object> newest = (Map<String, Object>) row.get("newest");
            String where = newest == null ? "" : newest.get("date") + (newest.get("channel").toString().isEmpty()
                    ? "" : " in " + newest.get("channel"));
            String standing = switch (row.get("status").toString()) {
                case "current" -> "up to date";
                case "behind" -> row.get("behind") + (row.get("behind").equals(1) ? " release" : " releases")
                        + " behind (newest " + where + ")";
                case "newer" -> "newer than any release in " + releasesDir + " (newest there " + where + ")";
                default -> "no " + row.get("soc") + " releases in " + releasesDir
                        + (channel == null ? "" : " channel " + channel);
            };
            out.printf("%s  %s  %s (%s)  %s%n", row.get("file"), row.get("soc"), build.get("date"), build.get("version"),
                    standing);
        }
        out.printf("%d image%s, %d behind%n", rows.size(), rows.size() == 1 ? "" : "s", behind);
    }
}
