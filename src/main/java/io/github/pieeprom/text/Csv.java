package io.github.pieeprom.text;

import io.github.pieeprom.EepromException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV as fleets write it (RFC 4180: quoted fields, {@code ""} for a quote, LF or CRLF, an optional byte-order mark),
 * read with Apache Commons CSV: the records and the line each starts on. Blank lines are skipped, and so are
 * {@code #} lines when asked. Fields are trimmed; a quoted field keeps what is inside its quotes, line breaks
 * included.
 * <pre>
 * List&lt;Csv.Record&gt; records = Csv.records("devices.csv", text, true);
 * </pre>
 */
public final class Csv {
    /** As spreadsheets write it; spaces around a quoted field are allowed, text after its closing quote is kept. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true).setTrailingData(true).get();
    private static final CSVFormat WITH_COMMENTS = FORMAT.builder().setCommentMarker('#').get();
    /** Commons CSV names the line a quoted field that does not end opened on. */
    private static final Pattern START_LINE = Pattern.compile("\\(startline ([^)]*)\\)");

    private Csv() {
    }

    /** One record: its fields, and the 1-based line it starts on. */
    public record Record(int line, List<String> fields) {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** Every non-blank record; a quoted field left open is an error naming the line it opened on. */
    public static List<Record> records(String file, String text, boolean comments) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Record> records = new ArrayList<>();
        long lastLine = 0;                                           // where the record before ended
        try (CSVParser parser = CSVParser.parse(body, comments ? WITH_COMMENTS : FORMAT)) {
            for (CSVRecord record : parser) {
                int line = (int) lastLine + 1 + lines(record.getComment());   // its comment lines come first
                lastLine = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isBlank()) continue;
                records.add(new Record(line, record.toList()));
            }
        } catch (UncheckedIOException e) {
            throw malformed(file, e.getCause(), lastLine + 1);
        } catch (IOException e) {
            throw malformed(file, e, lastLine + 1);
        }
        return records;
    }

    private static int lines(String comment) {
        if (comment == null) return 0;
        int lines = 1;
        for (int i = 0; i < comment.length(); i++) if (comment.charAt(i) == '\n') lines++;
        return lines;
    }

    private static EepromException malformed(String file, IOException e, long next) {
        String message = String.valueOf(e.getMessage());
        Matcher at = START_LINE.matcher(message);
        String digits = at.find() ? at.group(1).replaceAll("\\D", "") : "";
        int line = digits.isEmpty() ? (int) next : Integer.parseInt(digits);
        if (message.contains("EOF reached before encapsulated token finished"))
            return EepromException.atLine(file, line, "a quoted field is not closed");
        return EepromException.atLine(file, line, "not CSV: %s", message);
    }
}
