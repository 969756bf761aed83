package io.github.pieeprom.bootconf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The properties added, removed and changed between two configs, per section; within a section the last
 * assignment of a key is the one compared. Comments, blank lines and order do not count.
 * <pre>
 * for (ConfigDiff.Change c : ConfigDiff.between(before, after)) System.out.println(c);
 * </pre>
 */
public final class ConfigDiff {
    /**
     * One property that differs.
     *
     * @param section {@code [all]} or the filters in force, such as {@code [pi4][gpio8=0]}
     * @param before  the value in the first config, or null if the key is not set there
     * @param after   the value in the second config, or null if the key is not set there
     */
    public record Change(String section, String key, String before, String after) {
        /** {@code + KEY=after}, {@code - KEY=before} or {@code ~ KEY: before -> after}. */
        @Override
        public String toString() {
            if (before == null) return "+ " + key + "=" + after;
            if (after == null) return "- " + key + "=" + before;
            return "~ " + key + ": " + before + " -> " + after;
        }
    }

    private ConfigDiff() {
    }

    public static List<Change> between(BootConfig a, BootConfig b) {
        Map<String, Map<String, String>> before = bySection(a), after = bySection(b);
        Set<String> sections = new LinkedHashSet<>(before.keySet());
        sections.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String section : sections) {
            Map<String, String> x = before.getOrDefault(section, Map.of()), y = after.getOrDefault(section, Map.of());
            Set<String> keys = new LinkedHashSet<>(x.keySet());
            keys.addAll(y.keySet());
            for (String key : keys)
                if (!Objects.equals(x.get(key), y.get(key))) changes.add(new Change(section, key, x.get(key), y.get(key)));
        }
        return changes;
    }

    private static Map<String, Map<String, String>> bySection(BootConfig config) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        for (Line line : config.lines())
            if (line.kind() == Line.Kind.PROPERTY)
                sections.computeIfAbsent(config.conditionOf(line).name(), s -> new LinkedHashMap<>())
                        .put(line.key(), line.value());
        return sections;
    }
}
