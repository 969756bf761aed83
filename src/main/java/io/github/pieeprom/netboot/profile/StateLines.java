package io.github.pieeprom.netboot.profile;

import io.github.pieeprom.EepromException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The line format of the files this package keeps under the root: a header line, then one record per line as
 * tab-separated {@code key=value} fields, values percent-encoded where they hold {@code %}, a tab or a line break.
 * Pure.
 */
final class StateLines {
    private StateLines() {
    }

    static String line(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : fields.entrySet())
            out.append(out.isEmpty() ? "" : "\t").append(e.getKey()).append('=').append(escape(e.getValue()));
        return out.append('\n').toString();
    }

    /** The records of {@code text} after its {@code header} line; each must have every key of {@code keys}. */
    static List<Map<String, String>> parse(String file, String header, List<String> keys, String text) {
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(header)) throw EepromException.atLine(file, 1, "expected \"%s\", found \"%s\"", header,
                EepromException.printable(lines[0]));
        List<Map<String, String>> records = new java.util.ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) continue;
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : lines[i].split("\t")) {
                int eq = field.indexOf('=');
                if (eq < 1) throw EepromException.atLine(file, i + 1, "expected key=value, found \"%s\"",
                        EepromException.printable(field));
                fields.put(field.substring(0, eq), unescape(file, i + 1, field.substring(eq + 1)));
            }
            for (String key : keys) if (!fields.containsKey(key))
                throw EepromException.atLine(file, i + 1, "no %s= field", key);
            records.add(fields);
        }
        return records;
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '%' || c == '\t' || c == '\n' || c == '\r') out.append("%%%02X".formatted((int) c));
            else out.append(c);
        }
        return out.toString();
    }

    private static String unescape(String file, int line, String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') { out.append(c); continue; }
            if (i + 2 >= value.length() || !value.substring(i + 1, i + 3).matches("[0-9A-Fa-f]{2}"))
                throw EepromException.atLine(file, line, "expected %%XX, found \"%s\"",
                        EepromException.printable(value.substring(i, Math.min(i + 3, value.length()))));
            out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
            i += 2;
        }
        return out.toString();
    }
}
