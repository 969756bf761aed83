package io.github.pieeprom.batch;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.text.Csv;
import io.github.pieeprom.text.Csv.Record;
import io.github.pieeprom.text.Utf8;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A device manifest, as {@link BatchInputs#read} reads it: CSV (RFC 4180: quoted fields, {@code ""} for a quote, LF
 * or CRLF) with a header naming the columns. {@code name} or {@code serial} and {@code soc} are required;
 * {@code image}, {@code template} and {@code set:KEY} columns have a meaning; any other column is a template variable.
 *
 * @param file    the name used in messages
 * @param columns the header, in order
 * @param rows    the data rows; blank lines are skipped
 */
public record Manifest(String file, List<String> columns, List<Row> rows) {
    static final String NAME = "name", SERIAL = "serial", SOC = "soc", IMAGE = "image", TEMPLATE = "template",
            SET = "set:";

    /**
     * One device's row.
     *
     * @param line   the line of the file it starts on (the header is line 1)
     * @param values column name to value (whitespace stripped), in header order
     */
    public record Row(int line, Map<String, String> values) {
        public Row {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** The value of a column, or "" when the manifest has no such column. */
        String get(String column) {
            return values.getOrDefault(column, "");
        }

        /** The device's name: its {@code name}, else its {@code serial}. */
        String device() {
            String name = get(NAME);
            return name.isEmpty() ? get(SERIAL) : name;
        }
    }

    public Manifest {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** Parses the CSV; a malformed header, quote or field count is an error naming the line. */
    static Manifest parse(String file, byte[] bytes) {
        List<Record> records = Csv.records(file, Utf8.decode(file, bytes), false);
        if (records.isEmpty()) throw EepromException.in(file, "empty manifest: expected a header line");
        List<String> columns = header(file, records.get(0));
        List<Row> rows = new ArrayList<>();
        for (Record record : records.subList(1, records.size())) {
            if (record.fields().size() != columns.size()) throw EepromException.atLine(file, record.line(),
                    "expected %d fields as in the header, found %d", columns.size(), record.fields().size());
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) values.put(columns.get(i), record.fields().get(i).strip());
            rows.add(new Row(record.line(), values));
        }
        return new Manifest(file, columns, rows);
    }

    private static List<String> header(String file, Record header) {
        List<String> columns = header.fields().stream().map(String::strip).toList();
        String shown = EepromException.printable(columns.toString());
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (column.isEmpty()) throw EepromException.atLine(file, 1, "a column of the header has no name");
            if (!seen.add(column)) throw EepromException.atLine(file, 1, "column %s appears twice",
                    EepromException.printable(column));
            if (column.startsWith(SET) && !column.substring(SET.length()).matches("[A-Za-z0-9_]+"))
                throw EepromException.atLine(file, 1, "expected set:KEY with a property name, found \"%s\"",
                        EepromException.printable(column));
        }
        if (!seen.contains(NAME) && !seen.contains(SERIAL))
            throw EepromException.atLine(file, 1, "expected a name or serial column, found %s", shown);
        if (!seen.contains(SOC)) throw EepromException.atLine(file, 1, "expected a soc column, found %s", shown);
        return columns;
    }

    /** Whether a column is a template variable rather than one with its own meaning. */
    static boolean isVariable(String column) {
        return !(column.equals(NAME) || column.equals(SERIAL) || column.equals(SOC) || column.equals(IMAGE)
                || column.equals(TEMPLATE) || column.startsWith(SET));
    }
}
