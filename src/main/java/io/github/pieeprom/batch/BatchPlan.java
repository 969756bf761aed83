package io.github.pieeprom.batch;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.batch.Manifest.Row;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Finding;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.Soc;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.template.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a batch makes, worked out before anything is written: every row resolved to a base image and a config
 * (template substituted, {@code set:} columns applied, validated), and the distinct images to build. Pure: the
 * same inputs give the same plan. Bad rows are not devices but {@link #rejected()} entries naming their line.
 * <pre>
 * BatchPlan plan = BatchPlan.of(manifest, Map.of("rack.conf", template), new BaseImages(Map.of(BCM2711, pi4), Map.of()), ts);
 * if (plan.rejected().isEmpty()) BatchWriter.write(plan, Path.of("fleet.tar.gz"), 4, n -> { });
 * </pre>
 */
public final class BatchPlan {
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    /** A device: its row, and the index of its image in {@link #builds()}. */
    public record Device(String name, Soc soc, int build, Row row) {
    }

    /** One distinct image: a base image with a config, and the config's SHA-256. */
    public record Build(EepromImage base, BootConfig config, String configSha256) {
    }

    /** A bad row: its line and the message, which names the manifest, the line and the device. */
    public record Rejection(int line, String message) {
    }

    private final Manifest manifest;
    private final long ts;
    private final List<Device> devices = new ArrayList<>();
    private final List<Build> builds = new ArrayList<>();
    private final List<Rejection> rejected = new ArrayList<>();
    private final Map<String, Integer> buildIndex = new HashMap<>();       // base SHA-256 + config SHA-256
    private final Map<EepromImage, String> baseSha256 = new IdentityHashMap<>();
    private final Map<String, Integer> nameLines = new HashMap<>();

    private BatchPlan(Manifest manifest, long ts) {
        this.manifest = manifest;
        this.ts = ts;
    }

    /**
     * Plans a batch. {@code templates} maps the {@code template} column's values to parsed templates; a value
     * missing from it (or from {@code images}) rejects the row. {@code ts} is the {@code ts:} of every
     * {@code pieeprom.sig} and the time of every archive entry.
     */
    public static BatchPlan of(Manifest manifest, Map<String, Template> templates, BaseImages images, long ts) {
        BatchPlan plan = new BatchPlan(manifest, ts);
        for (Row row : manifest.rows()) {
            try {
                plan.devices.add(plan.device(row, templates, images));
            } catch (EepromException e) {
                plan.rejected.add(new Rejection(row.line(), EepromException.atLine(manifest.file(), row.line(),
                        "%s%s", row.device().isEmpty() ? "" : row.device() + ": ", e.getMessage()).getMessage()));
            }
        }
        return plan;
    }

    public Manifest manifest() {
        return manifest;
    }

    public long ts() {
        return ts;
    }

    public List<Device> devices() {
        return List.copyOf(devices);
    }

    /** The distinct images, in the order their first device appears in the manifest. */
    public List<Build> builds() {
        return List.copyOf(builds);
    }

    public List<Rejection> rejected() {
        return List.copyOf(rejected);
    }

    private Device device(Row row, Map<String, Template> templates, BaseImages images) {
        String name = row.device();
        if (name.isEmpty()) throw problem("no name or serial");
        if (!DEVICE_NAME.matcher(name).matches()) throw problem(
                "expected a name of letters, digits, ., _ and - (it names a folder), found \"%s\"", name);
        Integer earlier = nameLines.get(name);
        if (earlier != null) throw problem("the name is also on line %d", earlier);
        Soc soc = Soc.parse(row.get(Manifest.SOC)).orElseThrow(
                () -> problem("soc: expected 2711 or 2712, found \"%s\"", row.get(Manifest.SOC)));
        EepromImage base = base(row, soc, images);
        BootConfig config = config(row, base, templates);
        for (Map.Entry<String, String> e : row.values().entrySet())
            if (e.getKey().startsWith(Manifest.SET) && !e.getValue().isEmpty())
                config = config.with(e.getKey().substring(Manifest.SET.length()), e.getValue());
        String key = baseSha256.computeIfAbsent(base, b -> SigFile.sha256Hex(b.toByteArray()))
                + SigFile.sha256Hex(config.toBytes());
        Integer build = buildIndex.get(key);
        if (build == null) {                                     // a config seen before on this base is valid
            requireValid(config, base, soc);
            build = builds.size();
            builds.add(new Build(base, config, key.substring(64)));
            buildIndex.put(key, build);
        }
        nameLines.put(name, row.line());
        return new Device(name, soc, build, row);
    }

    private EepromImage base(Row row, Soc soc, BaseImages images) {
        String named = row.get(Manifest.IMAGE);
        EepromImage base = named.isEmpty() ? images.bySoc().get(soc) : images.byName().get(named);
        if (base == null) throw named.isEmpty()
                ? problem("no base image for %s: give --image-%s or an image column", soc.id(), soc.id())
                : problem("no such image %s", named);
        if (base.soc() != soc) throw problem("image %s is a BCM%s image; the row's soc is %s", base.file(),
                base.soc().id(), soc.id());
        return base;
    }

    /** The template filled in with the row's columns, or the base image's own config. */
    private BootConfig config(Row row, EepromImage base, Map<String, Template> templates) {
        String name = row.get(Manifest.TEMPLATE);
        Set<String> used = Set.of();
        BootConfig config;
        if (name.isEmpty()) {
            config = BootConfig.parse(base.file() + " (bootconf.txt)", base.bootConfig());
        } else {
            Template template = templates.get(name);
            if (template == null) throw problem("no such template %s", name);
            used = template.placeholders();
            for (String placeholder : used) {
                if (!row.values().containsKey(placeholder))
                    throw problem("template %s uses ${%s}, which is not a column", name, placeholder);
                if (row.get(placeholder).isEmpty()) throw problem("${%s} is empty (template %s)", placeholder, name);
            }
            config = BootConfig.parse(name, template.substitute(row.values()).getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, String> e : row.values().entrySet())
            if (Manifest.isVariable(e.getKey()) && !e.getValue().isEmpty() && !used.contains(e.getKey()))
                throw problem(name.isEmpty() ? "column %s is not used: the row has no template"
                        : "column %s is not used by template %s", e.getKey(), name);
        return config;
    }

    private void requireValid(BootConfig config, EepromImage base, Soc soc) {
        List<Finding> errors = Validator.checkInImage(config, soc).stream().filter(Finding::isError).toList();
        if (!errors.isEmpty()) throw problem("%s is not valid: %s", config.file(), errors.stream()
                .map(f -> f.line() == 0 ? f.message() : "line " + f.line() + ": " + f.message())
                .collect(Collectors.joining("; ")));
        int capacity = base.capacity(EepromImage.BOOTCONF_TXT);
        if (config.size() > capacity) throw problem("the config is %d bytes; image %s holds at most %d",
                config.size(), base.file(), capacity);
    }

    private static EepromException problem(String format, Object... args) {
        return EepromException.in("", format, args);
    }
}
