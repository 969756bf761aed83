package io.github.pieeprom.template;

import io.github.pieeprom.EepromException;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as fleets write it (RFC 4180: quoted fields, {@code ""} for a quote, LF or CRLF, an optional byte-order mark):
 * the records and the line each starts on. Blank lines are skipped, and so are {@code #} lines when asked.
 * <pre>
 * List&lt;Csv.Record&gt; records = Csv.records("devices.csv", text, true);
 * </pre>
 */
public final class Csv {
    /** One record: the fields as written (not trimmed), and the 1-based line it starts on. */
    public record Record(int line, List<String> fields) {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    private final String file, text;
    private int at, line = 1;

    private Csv(String file, String text) {
        this.file = file;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Every non-blank record; a quoted field left open is an error naming the line it opened on. */
    public static List<Record> records(String file, String text, boolean comments) {
        return new Csv(file, text).all(comments);
    }

    private List<Record> all(boolean comments) {
        List<Record> records = new ArrayList<>();
        while (at < text.length()) {
            int start = line;
            if (comments && text.charAt(at) == '#') {
                skipLine();
                continue;
            }
            List<String> fields = record();
            if (!(fields.size() == 1 && fields.get(0).isBlank())) records.add(new Record(start, fields));
        }
        return records;
    }

    private void skipLine() {
        int end = text.indexOf('\n', at);
        at = end < 0 ? text.length() : end + 1;
        line++;
    }

    private List<String> record() {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted(field);
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                line++;
                break;
            } else if (c != '\r' || at < text.length() && text.charAt(at) != '\n') {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** A quoted field's content, after its opening quote, up to the closing one. */
    private void quoted(StringBuilder field) {
        int opened = line;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"' && at < text.length() && text.charAt(at) == '"') {
                field.append('"');
                at++;
            } else if (c == '"') {
                return;
            } else {
                if (c == '\n') line++;
                field.append(c);
            }
        }
        throw EepromException.atLine(file, opened, "a quoted field is not closed");
    }
}
