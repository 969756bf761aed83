package io.github.pieeprom.netboot;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.text.Csv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The boards to stage, from {@code --serial} values or a devices CSV: a header row naming the columns (at least
 * {@code serial} or {@code mac}; any others, such as {@code hostname}, become template variables), then one row
 * per board. Blank lines and lines starting with {@code #} are skipped; fields are trimmed; quoted fields may hold commas
 * ({@link Csv}).
 */
public final class Devices {
    private Devices() {
    }

    public static List<Device> ofSerials(List<String> serials) {
        List<Device> devices = new ArrayList<>();
        for (String s : serials) {
            String serial = serial("--serial", s);                    // "--serial: expected 8 hex digits ..."
            devices.add(new Device("--serial " + s, Optional.of(serial), Optional.empty(), Map.of("serial", serial)));
        }
        return devices;
    }

    public static List<Device> parseCsv(String file, String text) {
        List<String> header = null;
        List<Device> devices = new ArrayList<>();
        for (Csv.Record record : Csv.records(file, text, true)) {
            List<String> fields = record.fields().stream().map(String::strip).toList();
            if (header == null) {
                header = fields;
                if (!header.contains("serial") && !header.contains("mac")) throw EepromException.atLine(file,
                        record.line(), "expected a header row with a serial or mac column, found \"%s\"",
                        EepromException.printable(String.join(",", record.fields())));
                for (int c = 0; c < header.size(); c++) if (!header.get(c).isEmpty()
                        && header.indexOf(header.get(c)) != c) throw EepromException.atLine(file, record.line(),
                        "column %1$s appears twice: which one a board's ${%1$s} means is not clear",
                        EepromException.printable(header.get(c)));
                continue;
            }
            if (fields.size() != header.size()) throw EepromException.atLine(file, record.line(),
                    "expected %d fields as in the header, found %d", header.size(), fields.size());
            devices.add(device(file + ":" + record.line(), header, fields));
        }
        if (devices.isEmpty()) throw EepromException.in(file, "no boards: expected a header row and one row per board");
        return devices;
    }

    private static Device device(String origin, List<String> header, List<String> fields) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) columns.put(header.get(c), fields.get(c));
        Optional<String> serial = Optional.ofNullable(columns.get("serial")).filter(s -> !s.isEmpty())
                .map(s -> serial(origin + ": serial", s));
        Optional<String> mac = Optional.ofNullable(columns.get("mac")).filter(s -> !s.isEmpty()).map(m -> mac(origin + ": mac", m));
        serial.ifPresent(s -> columns.put("serial", s));
        mac.ifPresent(m -> columns.put("mac", m));
        return new Device(origin, serial, mac, columns);
    }

    /**
     * 8 hex digits in either case, or the 16 of {@code /proc/cpuinfo}'s {@code Serial} ({@code 100000001234abcd}),
     * of which the bootloader names the folder by the last 8; returned lower case as the bootloader asks for them.
     */
    static String serial(String origin, String text) {
        if (!text.matches("[0-9A-Fa-f]{8}|[0-9A-Fa-f]{16}")) throw EepromException.in(origin,
                "expected 8 hex digits (or the 16 of /proc/cpuinfo's Serial), found \"%s\"",
                EepromException.printable(text));
        return text.substring(text.length() - 8).toLowerCase(Locale.ROOT);
    }

    /** Six hex pairs separated by {@code :} or {@code -}, returned lower case with {@code :}. */
    static String mac(String origin, String text) {
        if (!text.matches("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}")) throw EepromException.in(origin,
                "expected six hex pairs such as dc:a6:32:01:36:c2, found \"%s\"",
                EepromException.printable(text));
        return text.toLowerCase(Locale.ROOT).replace('-', ':');
    }
}
