package io.github.pieeprom.batch;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.batch.Manifest.Row;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Finding;
import io.github.pieeprom.bootconf.PropertyTable;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * What a batch makes, worked out before anything is written: every row resolved to a base image and a config
 * (template substituted, {@code set:} columns applied, validated), and the distinct images to build. Pure: the
 * same inputs give the same plan. Each row's {@link RowOutcome} is a device or a rejection naming its line.
 * Rows are resolved, and distinct configs validated, in parallel on the common fork-join pool.
 * <pre>
 * BatchPlan plan = BatchInputs.read(Path.of("devices.csv"), Map.of(Soc.BCM2711, Path.of("pi4.bin"))).plan(ts);
 * if (plan.rejected().isEmpty()) BatchWriter.write(plan, Path.of("fleet.tar.gz"), 4, n -> { });
 * </pre>
 */
public final class BatchPlan {
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final int MAX_NAME = 255;                            // NAME_MAX of Linux, macOS and Windows

    /** A device: its row, and the image it gets (shared with every device of the same {@link Build}). */
    public record Device(String name, Soc soc, Build build, Row row) {
    }

    /** One distinct image: a base image with a config, and the config's SHA-256. */
    public record Build(EepromImage base, BootConfig config, String configSha256) {
    }

    /**
     * What makes two devices share one image: the same base (equal images given twice are one: {@code base} is
     * the first of them) and the same config bytes. The signature's {@code ts:} is the batch's.
     */
    private record BuildKey(EepromImage base, byte[] config) {
        @Override
        public boolean equals(Object o) {
            return o instanceof BuildKey k && k.base == base && Arrays.equals(k.config, config);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(base) + Arrays.hashCode(config);
        }
    }

    /** A row on its own, before it is compared with the others (names used twice, shared configs). */
    private sealed interface Resolved permits Candidate, Problem {
        Row row();
    }

    /** A row with a base and a config: a device unless its name is taken or its config does not fit or validate. */
    private record Candidate(Row row, Soc soc, EepromImage base, BootConfig config, BuildKey key) implements Resolved {
    }

    /** What is wrong with a row; a problem {@code inName} is told before the name's being used twice. */
    private record Problem(Row row, String message, boolean inName) implements Resolved {
    }

    /**
     * A distinct base and config, checked once for every row that has it: the validator's errors ("" if none), the
     * room in the base's slot, and the config's SHA-256. A row's message names its own template and image.
     */
    private record Checked(String errors, int capacity, String configSha256) {
        Optional<String> problem(Candidate c) {
            if (!errors.isEmpty()) return Optional.of(c.config().file() + " is not valid: " + errors);
            return c.config().size() > capacity ? Optional.of("the config is " + c.config().size() + " bytes; image "
                    + c.base().file() + " holds at most " + capacity) : Optional.empty();
        }
    }

    private final Manifest manifest;
    private final long ts;
    private final List<RowOutcome> outcomes;
    private final List<Device> devices = new ArrayList<>();
    private final List<RowOutcome.Rejected> rejected = new ArrayList<>();
    private final List<Build> builds;

    private BatchPlan(Manifest manifest, long ts, List<RowOutcome> outcomes, List<Build> builds) {
        this.manifest = manifest;
        this.ts = ts;
        this.outcomes = List.copyOf(outcomes);
        this.builds = List.copyOf(builds);
        for (RowOutcome o : outcomes) {
            if (o instanceof RowOutcome.Built built) devices.add(built.device());
            else rejected.add((RowOutcome.Rejected) o);
        }
    }

    /**
     * Plans a batch. {@code templates} maps the {@code template} column's values to parsed templates; a value
     * missing from it (or from {@code images}) rejects the row. {@code ts} is the {@code ts:} of every
     * {@code pieeprom.sig} and the time of every archive entry.
     */
    static BatchPlan of(Manifest manifest, Map<String, Template> templates, BaseImages images, long ts) {
        Map<EepromImage, EepromImage> firstEqual = distinctBases(images);
        List<Resolved> rows = manifest.rows().parallelStream()
                .map(row -> resolve(row, templates, images, firstEqual)).toList();
        Map<BuildKey, Candidate> firstOfKey = new LinkedHashMap<>();
        for (Resolved r : rows) if (r instanceof Candidate c) firstOfKey.putIfAbsent(c.key(), c);
        List<Candidate> distinct = new ArrayList<>(firstOfKey.values());
        List<Checked> checks = distinct.parallelStream().map(BatchPlan::check).toList();
        Map<BuildKey, Checked> checked = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) checked.put(distinct.get(i).key(), checks.get(i));

        List<RowOutcome> outcomes = new ArrayList<>();
        Map<BuildKey, Build> builds = new LinkedHashMap<>();              // in the order of their first device
        Map<String, Integer> nameLines = new HashMap<>();
        for (Resolved r : rows) {
            Row row = r.row();
            Optional<String> problem;
            if (r instanceof Problem p && p.inName()) problem = Optional.of(p.message());
            else if (nameLines.containsKey(row.device()))
                problem = Optional.of("the name is also on line " + nameLines.get(row.device()));
            else if (r instanceof Problem p) problem = Optional.of(p.message());
            else problem = checked.get(((Candidate) r).key()).problem((Candidate) r);
            if (problem.isPresent()) {
                outcomes.add(new RowOutcome.Rejected(row, manifest.file() + ":" + row.line() + ": "
                        + EepromException.printable((row.device().isEmpty() ? "" : row.device() + ": ")
                        + problem.get())));                                // the row's values, control characters escaped
                continue;
            }
            Candidate c = (Candidate) r;
            Build build = builds.get(c.key());
            if (build == null) {
                build = new Build(c.base(), c.config(), checked.get(c.key()).configSha256());
                builds.put(c.key(), build);
            }
            nameLines.put(row.device(), row.line());
            outcomes.add(new RowOutcome.Built(new Device(row.device(), c.soc(), build, row)));
        }
        return new BatchPlan(manifest, ts, outcomes, new ArrayList<>(builds.values()));
    }

    Manifest manifest() {
        return manifest;
    }

    long ts() {
        return ts;
    }

    /** Every row's outcome, in manifest order. */
    List<RowOutcome> outcomes() {
        return outcomes;
    }

    /** The rows that are devices, in manifest order. */
    public List<Device> devices() {
        return Collections.unmodifiableList(devices);
    }

    /** The distinct images, in the order their first device appears in the manifest. */
    public List<Build> builds() {
        return builds;
    }

    /** The rows that are no device, in manifest order. */
    public List<RowOutcome.Rejected> rejected() {
        return Collections.unmodifiableList(rejected);
    }

    /**
     * Every distinct config checked against its base image's own bootloader ({@link PropertyTable}, read once per
     * base, not per config), as {@code apply} checks the one config it writes: a name that bootloader does not read,
     * a value it would ignore. Each finding once, in the order of the images, with the number of images it is in. The
     * plan's rows are already free of the SoC's errors; these are what {@code --strict} refuses.
     */
    public List<FleetFinding> findings() {
        Map<EepromImage, PropertyTable> tables = new IdentityHashMap<>();
        Map<FleetFinding, Integer> counts = new LinkedHashMap<>();
        for (Build build : builds) {
            PropertyTable table = tables.computeIfAbsent(build.base(), PropertyTable::of);
            for (Finding f : Validator.checkInImage(build.config(), table))
                counts.merge(new FleetFinding(build.config().file(), f, 0), 1, Integer::sum);
        }
        List<FleetFinding> findings = new ArrayList<>();
        counts.forEach((f, n) -> findings.add(new FleetFinding(f.file(), f.finding(), n)));
        return findings;
    }

    /** Each base image mapped to the first one given with the same bytes (under two names, or as a SoC's image). */
    private static Map<EepromImage, EepromImage> distinctBases(BaseImages images) {
        List<EepromImage> all = new ArrayList<>(images.bySoc().values());
        all.addAll(images.byName().values());
        List<EepromImage> distinct = new ArrayList<>();
        List<byte[]> distinctBytes = new ArrayList<>();
        Map<EepromImage, EepromImage> first = new IdentityHashMap<>();
        for (EepromImage image : all) {
            if (first.containsKey(image)) continue;
            byte[] bytes = image.toByteArray();
            int i = 0;
            while (i < distinct.size() && !Arrays.equals(distinctBytes.get(i), bytes)) i++;
            if (i == distinct.size()) {
                distinct.add(image);
                distinctBytes.add(bytes);
            }
            first.put(image, distinct.get(i));
        }
        return first;
    }

    private static Resolved resolve(Row row, Map<String, Template> templates, BaseImages images,
            Map<EepromImage, EepromImage> firstEqual) {
        String name = row.device();
        if (name.isEmpty()) return new Problem(row, "no name or serial", true);
        if (!DEVICE_NAME.matcher(name).matches()) return new Problem(row,
                "expected a name of letters, digits, ., _ and - (it names a folder), found \"" + name + "\"", true);
        if (name.length() > MAX_NAME) return new Problem(row, "a name of " + name.length()
                + " characters is longer than a folder's name can be (" + MAX_NAME + ")", true);
        Optional<Soc> soc = Soc.parse(row.get(Manifest.SOC));
        if (soc.isEmpty()) return problem(row, "soc: expected 2711 or 2712, found \"%s\"", row.get(Manifest.SOC));
        String named = row.get(Manifest.IMAGE);
        EepromImage base = named.isEmpty() ? images.bySoc().get(soc.get()) : images.byName().get(named);
        if (base == null) return named.isEmpty()
                ? problem(row, "no base image for %s: give --image-%s or an image column", soc.get().id(), soc.get().id())
                : problem(row, "no such image %s", named);
        if (base.soc() != soc.get()) return problem(row, "image %s is a BCM%s image; the row's soc is %s", base.file(),
                base.soc().id(), soc.get().id());
        String template = row.get(Manifest.TEMPLATE);
        Set<String> used = Set.of();
        BootConfig config;
        try {
            if (template.isEmpty()) {
                config = BootConfig.parse(base.file() + " (bootconf.txt)", base.bootConfig());
            } else {
                Template t = templates.get(template);
                if (t == null) return problem(row, "no such template %s", template);
                used = t.placeholders();
                for (String placeholder : used) {
                    if (!row.values().containsKey(placeholder))
                        return problem(row, "template %s uses ${%s}, which is not a column", template, placeholder);
                    if (row.get(placeholder).isEmpty())
                        return problem(row, "${%s} is empty (template %s)", placeholder, template);
                }
                config = BootConfig.parse(template, t.substitute(row.values()).getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, String> e : row.values().entrySet())
                if (Manifest.isVariable(e.getKey()) && !e.getValue().isEmpty() && !used.contains(e.getKey()))
                    return problem(row, template.isEmpty() ? "column %s is not used: the row has no template"
                            : "column %s is not used by template %s", e.getKey(), template);
            for (Map.Entry<String, String> e : row.values().entrySet())
                if (e.getKey().startsWith(Manifest.SET) && !e.getValue().isEmpty())
                    config = config.with(e.getKey().substring(Manifest.SET.length()), e.getValue());
        } catch (EepromException e) {          // a value the template or config cannot take, in its own words
            return new Problem(row, e.getMessage(), false);
        }
        return new Candidate(row, soc.get(), base, config, new BuildKey(firstEqual.get(base), config.toBytes()));
    }

    /** A row's line names this many of its config's errors: a wrong file (/etc/passwd) is not echoed whole. */
    private static final int SHOWN_ERRORS = 3;

    private static Checked check(Candidate c) {
        StringJoiner errors = new StringJoiner("; ");
        int count = 0;
        for (Finding f : Validator.checkInImage(c.config(), c.base().soc())) {
            if (!f.isError()) continue;
            if (++count <= SHOWN_ERRORS) errors.add(f.line() == 0 ? f.message() : "line " + f.line() + ": " + f.message());
        }
        if (count > SHOWN_ERRORS) errors.add("and " + (count - SHOWN_ERRORS) + " more errors ('eeprom validate' lists "
                + "them)");
        return new Checked(errors.toString(), c.base().capacity(EepromImage.BOOTCONF_TXT),
                SigFile.sha256Hex(c.config().toBytes()));
    }

    private static Problem problem(Row row, String format, Object... args) {
        return new Problem(row, format.formatted(args), false);
    }
}
