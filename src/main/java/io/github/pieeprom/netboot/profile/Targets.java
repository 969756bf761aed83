package io.github.pieeprom.netboot.profile;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.netboot.Device;
import io.github.pieeprom.netboot.Prefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The boards a switch names: one board by its serial, MAC or name (a devices file's {@code name} or
 * {@code hostname} column), every board of a devices file, or those whose {@code rack} column holds a value.
 * Pure.
 * <pre>
 * Target t = Targets.one("rack1-node2", "devices.csv", Optional.of(Devices.parseCsv("devices.csv", text)), Prefix.SERIAL);
 * </pre>
 */
public final class Targets {
    /** The devices-file column {@code --all-in RACK} selects by. */
    public static final String RACK = "rack";
    private static final String SERIAL = "[0-9A-Fa-f]{8}|[0-9A-Fa-f]{16}";
    private static final String MAC = "[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}";

    private Targets() {
    }

    /**
     * The board {@code word} names: in {@code devices} (read from {@code file}) when given, whose row it must be
     * in; else a serial or a MAC by itself.
     */
    public static Target one(String word, String file, Optional<List<Device>> devices, Prefix prefix) {
        if (devices.isPresent()) {
            List<Device> matches = devices.get().stream().filter(d -> names(d, word)).toList();
            if (matches.isEmpty()) throw EepromException.in(file, "no board %s: not a serial, MAC, name or "
                    + "hostname in it", EepromException.printable(word));
            if (matches.size() > 1) throw EepromException.in(file, "%s names %d boards (%s and %s)",
                    EepromException.printable(word), matches.size(), matches.get(0).origin(), matches.get(1).origin());
            return target(matches.get(0), prefix);
        }
        String origin = "BOARD " + EepromException.printable(word);
        if (word.matches(SERIAL)) {
            String serial = Prefix.SERIAL.requestPrefix(origin, word).replace("/", "");
            return target(new Device(origin, Optional.of(serial), Optional.empty(), Map.of("serial", serial)), prefix);
        }
        if (word.matches(MAC)) {
            String mac = mac(word);
            return target(new Device(origin, Optional.empty(), Optional.of(mac), Map.of("mac", mac)), prefix);
        }
        throw EepromException.in(origin, "expected a serial (8 hex digits), a MAC (dc:a6:32:01:36:c2) or, with "
                + "--devices FILE, a board's name");
    }

    /** Every board of a devices file. */
    public static List<Target> all(List<Device> devices, Prefix prefix) {
        return devices.stream().map(d -> target(d, prefix)).toList();
    }

    /** The boards of a devices file whose {@value #RACK} column is {@code rack}. */
    public static List<Target> inRack(String file, List<Device> devices, String rack, Prefix prefix) {
        if (devices.stream().noneMatch(d -> d.columns().containsKey(RACK)))
            throw EepromException.in(file, "no %s column: --all-in selects boards by it", RACK);
        List<Target> targets = new ArrayList<>();
        for (Device d : devices) if (rack.equals(d.columns().get(RACK))) targets.add(target(d, prefix));
        if (targets.isEmpty()) throw EepromException.in(file, "no board has %s %s", RACK,
                EepromException.printable(rack));
        return targets;
    }

    private static boolean names(Device d, String word) {
        if (word.matches(SERIAL)) return d.serial().equals(Optional.of(word.substring(word.length() - 8)
                .toLowerCase(Locale.ROOT)));
        if (word.matches(MAC)) return d.mac().equals(Optional.of(mac(word)));
        return word.equals(d.columns().get("name")) || word.equals(d.columns().get("hostname"));
    }

    private static String mac(String word) {
        return word.toLowerCase(Locale.ROOT).replace('-', ':');
    }

    private static Target target(Device d, Prefix prefix) {
        String folder = switch (prefix) {
            case SERIAL -> d.serial().orElseThrow(() -> EepromException.in(d.origin(), "no serial for --prefix serial"
                    + " (a devices file with a serial column names it)"));
            case MAC -> Prefix.MAC.requestPrefix(d.origin(), d.mac().orElseThrow(() -> EepromException.in(d.origin(),
                    "no MAC for --prefix mac (a devices file with a mac column names it)"))).replace("/", "");
            case STRING -> throw EepromException.in("--prefix string", "every board reads the one TFTP_PREFIX_STR "
                    + "folder: there is no board's folder to switch");
        };
        Map<String, String> vars = new LinkedHashMap<>(d.columns());
        d.serial().ifPresent(s -> vars.put("serial", s));
        d.mac().ifPresent(m -> vars.put("mac", m));
        String name = d.columns().getOrDefault("name", d.columns().getOrDefault("hostname", ""));
        vars.put("name", name.isEmpty() ? folder : name);
        return new Target(folder, name.isEmpty() ? folder : name, vars);
    }
}
