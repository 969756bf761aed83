package io.github.pieeprom.bootconf;

import io.github.pieeprom.Soc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which bootloader releases read each property, per SoC: the first and the last release whose boot code names it
 * ({@link PropertyTable}), over every release of raspberrypi/rpi-eeprom. The facts are the resource
 * {@code property-history.tsv}, which {@code tools/property-history.sh} writes from the firmware (docs/bootconf.md).
 * A release between the two may still lack the name (2711 2022-02-08, a stable-branch build, has no {@code DNS_IP});
 * an image's own {@link PropertyTable} is exact.
 * <pre>
 * PropertyHistory.since("DNS_IP", Soc.BCM2711)   // Optional[2022-02-04]
 * </pre>
 */
public final class PropertyHistory {
    /** The first and the last release of one SoC that read a property. */
    public record Range(LocalDate first, LocalDate last) {
    }

    private PropertyHistory() {
    }

    /** The resource, read on first use: a run that validates only documented names of its own SoC never needs it. */
    private static final class Loaded {
        static final Map<String, Map<Soc, Range>> RANGES = load();
        static final Map<Soc, LocalDate> NEWEST = newest(RANGES);
    }

    /** The releases of {@code soc} that read the property, if any does. */
    public static Optional<Range> range(String name, Soc soc) {
        Map<Soc, Range> bySoc = Loaded.RANGES.get(name);
        return bySoc == null ? Optional.empty() : Optional.ofNullable(bySoc.get(soc));
    }

    /** The first release of {@code soc} that reads the property. */
    public static Optional<LocalDate> since(String name, Soc soc) {
        Optional<Range> range = range(name, soc);
        return range.isPresent() ? Optional.of(range.get().first()) : Optional.empty();
    }

    /** Whether the newest known release of {@code soc} reads the property. */
    public static boolean isCurrent(String name, Soc soc) {
        Optional<Range> range = range(name, soc);
        return range.isPresent() && range.get().last().equals(newest(soc));
    }

    /** The newest release of {@code soc} in the history. */
    public static LocalDate newest(Soc soc) {
        return Loaded.NEWEST.get(soc);
    }

    /** Every name some release reads. */
    public static Set<String> names() {
        return Loaded.RANGES.keySet();
    }

    /**
     * Who reads a name, in words: "BCM2711 releases since 2022-02-04 and BCM2712 releases since 2023-09-13",
     * "BCM2711 releases 2019-09-22 to 2020-04-16", "the BCM2711 release 2020-05-15"; empty if none of {@code socs}
     * has a release that does.
     */
    static String readers(String name, Collection<Soc> socs) {
        List<String> parts = new ArrayList<>();
        for (Soc soc : socs) {
            Optional<Range> r = range(name, soc);
            if (r.isEmpty()) continue;
            String family = "BCM" + soc.id();
            parts.add(isCurrent(name, soc) ? family + " releases since " + r.get().first()
                    : r.get().first().equals(r.get().last()) ? "the " + family + " release " + r.get().first()
                    : family + " releases " + r.get().first() + " to " + r.get().last());
        }
        return String.join(" and ", parts);
    }

    private static Map<String, Map<Soc, Range>> load() {
        Map<String, Map<Soc, Range>> ranges = new HashMap<>();
        try (InputStream in = PropertyHistory.class.getResourceAsStream("property-history.tsv")) {
            if (in == null) throw new IllegalStateException("property-history.tsv is missing from the class path");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) continue;
                if (header) {                                    // name soc first last
                    header = false;
                    continue;
                }
                String[] f = line.split("\t");
                Optional<Soc> soc = Soc.parse(f[1]);
                if (f.length != 4 || soc.isEmpty()) throw new IllegalStateException("property-history.tsv: " + line);
                ranges.computeIfAbsent(f[0], n -> new EnumMap<>(Soc.class))
                        .put(soc.get(), new Range(date(f[2]), date(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(ranges);
    }

    /** {@code YYYY-MM-DD}, without {@code LocalDate.parse}: its formatter costs a cold run several milliseconds. */
    private static LocalDate date(String text) {
        return LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)),
                Integer.parseInt(text.substring(8, 10)));
    }

    private static Map<Soc, LocalDate> newest(Map<String, Map<Soc, Range>> ranges) {
        Map<Soc, LocalDate> newest = new EnumMap<>(Soc.class);
        for (Map<Soc, Range> bySoc : ranges.values())
            for (Map.Entry<Soc, Range> e : bySoc.entrySet())
                newest.merge(e.getKey(), e.getValue().last(), (a, b) -> a.isAfter(b) ? a : b);
        return newest;
    }
}
