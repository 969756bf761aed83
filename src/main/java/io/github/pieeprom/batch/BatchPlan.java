package io.github.pieeprom.batch;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.batch.Manifest.Row;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Finding;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.template.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * What a batch makes, worked out before anything is written: every row resolved to a base image and a config
 * (template substituted, {@code set:} columns applied, validated), and the distinct images to build. Pure: the
 * same inputs give the same plan. Bad rows are not devices but {@link #rejected()} entries naming their line.
 * Rows are resolved, and distinct configs validated, in parallel on the common fork-join pool.
 * <pre>
 * BatchPlan plan = BatchPlan.of(manifest, Map.of("rack.conf", template), new BaseImages(Map.of(BCM2711, pi4), Map.of()), ts);
 * if (plan.rejected().isEmpty()) BatchWriter.write(plan, Path.of("fleet.tar.gz"), 4, n -> { });
 * </pre>
 */
public final class BatchPlan {
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final int MAX_NAME = 255;                            // NAME_MAX of Linux, macOS and Windows

    /** A device: its row, and the index of its image in {@link #builds()}. */
    public record Device(String name, Soc soc, int build, Row row) {
    }

    /** One distinct image: a base image with a config, and the config's SHA-256. */
    public record Build(EepromImage base, BootConfig config, String configSha256) {
    }

    /** A bad row: its line and the message, which names the manifest, the line and the device. */
    public record Rejection(int line, String message) {
    }

    /**
     * A row on its own: its problem, or its base and config. {@code nameProblem} tells whether the problem is in the
     * name, which is reported before a name used twice; any other problem comes after it.
     */
    private record Resolved(Row row, Soc soc, EepromImage base, BootConfig config, String problem,
                            boolean nameProblem) {
    }

    /**
     * A distinct base and config, checked once for every row that has it: the validator's errors ("" if none), the
     * room in the base's slot, and the config's SHA-256. A row's message names its own template and image.
     */
    private record Checked(String errors, int capacity, String configSha256) {
        String problem(Resolved r) {
            if (!errors.isEmpty()) return r.config().file() + " is not valid: " + errors;
            return r.config().size() > capacity ? "the config is " + r.config().size() + " bytes; image "
                    + r.base().file() + " holds at most " + capacity : null;
        }
    }

    private final Manifest manifest;
    private final long ts;
    // filled by of() only; read-only views after it (not copies: manifest.json reads builds() once per device)
    private final List<Device> devices = new ArrayList<>();
    private final List<Build> builds = new ArrayList<>();
    private final List<Rejection> rejected = new ArrayList<>();

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
        List<Resolved> rows = manifest.rows().parallelStream().map(row -> resolve(row, templates, images)).toList();
        Map<EepromImage, Integer> baseIndex = distinctBases(images);
        List<Resolved> candidates = new ArrayList<>();                   // the first row of each distinct image
        Map<String, Integer> candidateOf = new HashMap<>();              // by base index and config text
        int[] candidate = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Resolved r = rows.get(i);
            if (r.problem() != null) continue;
            String key = baseIndex.get(r.base()) + ":" + new String(r.config().toBytes(), StandardCharsets.ISO_8859_1);
            Integer known = candidateOf.putIfAbsent(key, candidates.size());
            if (known == null) candidates.add(r);
            candidate[i] = known == null ? candidates.size() - 1 : known;
        }
        List<Checked> checked = candidates.parallelStream().map(BatchPlan::check).toList();
        int[] buildOf = new int[candidates.size()];
        Arrays.fill(buildOf, -1);
        Map<String, Integer> nameLines = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Resolved r = rows.get(i);
            Row row = r.row();
            Integer earlier = r.nameProblem() ? null : nameLines.get(row.device());
            String problem = r.nameProblem() ? r.problem() : earlier != null ? "the name is also on line " + earlier
                    : r.problem() != null ? r.problem() : checked.get(candidate[i]).problem(r);
            if (problem != null) {
                plan.rejected.add(new Rejection(row.line(), EepromException.atLine(manifest.file(), row.line(),
                        "%s", EepromException.printable((row.device().isEmpty() ? "" : row.device() + ": ")
                                + problem)).getMessage()));        // the row's values, control characters escaped
                continue;
            }
            int c = candidate[i];
            if (buildOf[c] < 0) {
                buildOf[c] = plan.builds.size();
                plan.builds.add(new Build(r.base(), r.config(), checked.get(c).configSha256()));
            }
            nameLines.put(row.device(), row.line());
            plan.devices.add(new Device(row.device(), r.soc(), buildOf[c], row));
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
        return Collections.unmodifiableList(devices);
    }

    /** The distinct images, in the order their first device appears in the manifest. */
    public List<Build> builds() {
        return Collections.unmodifiableList(builds);
    }

    public List<Rejection> rejected() {
        return Collections.unmodifiableList(rejected);
    }

    /** Equal images given twice (under two names, or as a name and a SoC's image) count as one base. */
    private static Map<EepromImage, Integer> distinctBases(BaseImages images) {
        List<byte[]> distinct = new ArrayList<>();
        Map<EepromImage, Integer> index = new IdentityHashMap<>();
        List<EepromImage> all = new ArrayList<>(images.bySoc().values());
        all.addAll(images.byName().values());
        for (EepromImage image : all) {
            if (index.containsKey(image)) continue;
            byte[] bytes = image.toByteArray();
            int i = 0;
            while (i < distinct.size() && !Arrays.equals(distinct.get(i), bytes)) i++;
            if (i == distinct.size()) distinct.add(bytes);
            index.put(image, i);
        }
        return index;
    }

    private static Resolved resolve(Row row, Map<String, Template> templates, BaseImages images) {
        String name = row.device();
        if (name.isEmpty()) return new Resolved(row, null, null, null, "no name or serial", true);
        if (!DEVICE_NAME.matcher(name).matches()) return new Resolved(row, null, null, null,
                "expected a name of letters, digits, ., _ and - (it names a folder), found \"" + name + "\"", true);
        if (name.length() > MAX_NAME) return new Resolved(row, null, null, null, "a name of " + name.length()
                + " characters is longer than a folder's name can be (" + MAX_NAME + ")", true);
        try {
            Soc soc = Soc.parse(row.get(Manifest.SOC)).orElseThrow(
                    () -> problem("soc: expected 2711 or 2712, found \"%s\"", row.get(Manifest.SOC)));
            EepromImage base = base(row, soc, images);
            BootConfig config = config(row, base, templates);
            for (Map.Entry<String, String> e : row.values().entrySet())
                if (e.getKey().startsWith(Manifest.SET) && !e.getValue().isEmpty())
                    config = config.with(e.getKey().substring(Manifest.SET.length()), e.getValue());
            return new Resolved(row, soc, base, config, null, false);
        } catch (EepromException e) {
            return new Resolved(row, null, null, null, e.getMessage(), false);
        }
    }

    private static EepromImage base(Row row, Soc soc, BaseImages images) {
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
    private static BootConfig config(Row row, EepromImage base, Map<String, Template> templates) {
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

    private static Checked check(Resolved r) {
        StringJoiner errors = new StringJoiner("; ");
        for (Finding f : Validator.checkInImage(r.config(), r.base().soc()))
            if (f.isError()) errors.add(f.line() == 0 ? f.message() : "line " + f.line() + ": " + f.message());
        return new Checked(errors.toString(), r.base().capacity(EepromImage.BOOTCONF_TXT),
                SigFile.sha256Hex(r.config().toBytes()));
    }

    private static EepromException problem(String format, Object... args) {
        return EepromException.in("", format, args);
    }
}
