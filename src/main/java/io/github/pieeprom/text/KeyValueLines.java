package io.github.pieeprom.text;

import io.github.pieeprom.EepromException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The line format of the state files kept beside a TFTP root (the boot server's board inventory, the profiles'
 * history and pending one-shot boots): a header line, then one record per line as tab-separated {@code key=value}
 * fields, values percent-encoded where they hold {@code %}, a tab or a line break. Pure.
 */
public final class KeyValueLines {
    /** The key under which {@link #parseEscaped} keeps a record's line number. */
    public static final String LINE = "";
    private static final String ALWAYS_ESCAPED = "%\t\n\r";

    private KeyValueLines() {
    }

    /** One record's line, its values escaped. */
    public static String line(Map<String, String> fields) {
        Map<String, String> escaped = new LinkedHashMap<>();
        fields.forEach((key, value) -> escaped.put(key, escape(value, "")));
        return lineOfEscaped(escaped);
    }

    /** One record's line from values the caller escaped ({@link #escape}): values with a syntax of their own. */
    public static String lineOfEscaped(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : fields.entrySet())
            out.append(out.isEmpty() ? "" : "\t").append(e.getKey()).append('=').append(e.getValue());
        return out.append('\n').toString();
    }

    /** The records of {@code text} after its {@code header} line, unescaped; each has every key of {@code keys}. */
    public static List<Map<String, String>> parse(String file, String header, List<String> keys, String text) {
        List<Map<String, String>> records = parseEscaped(file, header, keys, text);
        for (Map<String, String> record : records) {
            int line = Integer.parseInt(record.remove(LINE));
            record.replaceAll((key, value) -> unescape(file, line, value));
        }
        return records;
    }

    /**
     * The same with the values as written, for the caller to split and {@link #unescape}; each record also holds
     * its line number under the key {@code ""}.
     */
    public static List<Map<String, String>> parseEscaped(String file, String header, List<String> keys, String text) {
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(header)) throw EepromException.atLine(file, 1, "expected \"%s\", found \"%s\"", header,
                EepromException.printable(lines[0]));
        List<Map<String, String>> records = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) continue;
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(LINE, Integer.toString(i + 1));
            for (String field : lines[i].split("\t")) {
                int eq = field.indexOf('=');
                if (eq < 1) throw EepromException.atLine(file, i + 1, "expected key=value, found \"%s\"",
                        EepromException.printable(field));
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
            for (String key : keys) if (!fields.containsKey(key))
                throw EepromException.atLine(file, i + 1, "no %s= field", key);
            records.add(fields);
        }
        return records;
    }

    /** {@code value} with {@code %}, tabs, line breaks and every character of {@code also} as {@code %XX}. */
    public static String escape(String value, String also) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (ALWAYS_ESCAPED.indexOf(c) >= 0 || also.indexOf(c) >= 0) out.append("%%%02X".formatted((int) c));
            else out.append(c);
        }
        return out.toString();
    }

    /** The value {@link #escape} wrote; a bad {@code %XX} is an error naming {@code file} and {@code line}. */
    public static String unescape(String file, int line, String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= value.length() || !value.substring(i + 1, i + 3).matches("[0-9A-Fa-f]{2}"))
                throw EepromException.atLine(file, line, "expected %%XX, found \"%s\"",
                        EepromException.printable(value.substring(i, Math.min(i + 3, value.length()))));
            out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
            i += 2;
        }
        return out.toString();
    }
}
