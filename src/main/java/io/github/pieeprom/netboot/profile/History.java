package io.github.pieeprom.netboot.profile;

import io.github.pieeprom.text.Utf8;
import io.github.pieeprom.text.KeyValueLines;
import io.github.pieeprom.EepromException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every switch of a board's profile, appended to {@code ROOT/.eeprom-boot/history.tsv} (never rewritten): a header
 * line, then one line per switch, tab-separated {@code key=value} fields ({@link KeyValueLines}).
 * <pre>
 * # eeprom boot history 1
 * time=2026-12-07T19:00:00Z	user=alice	board=1234abcd	name=rack1-node1	from=installer	to=installed	how=set
 * </pre>
 */
public final class History {
    static final String FILE = "history.tsv";
    static final String HEADER = "# eeprom boot history 1";
    private static final List<String> KEYS = List.of("time", "user", "board", "name", "from", "to", "how");

    /** How a switch came about. */
    public enum How {
        /** {@code eeprom boot set}. */
        SET,
        /** {@code eeprom boot set --once}: the one-shot profile, until the board has fetched its kernel. */
        ONCE,
        /** The boot server, once the board fetched the one-shot profile's kernel: back to the profile before. */
        BACK
    }

    /**
     * One switch.
     *
     * @param board the board's folder ({@code 1234abcd})
     * @param name  its name in messages ({@link Target#label()})
     * @param from  the profile before ("" for none), or the old link's text when it named no profile
     */
    public record Entry(Instant time, String user, String board, String name, String from, String to, How how) {
    }

    private History() {
    }

    static String line(Entry e) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("time", e.time().toString());
        fields.put("user", e.user());
        fields.put("board", e.board());
        fields.put("name", e.name());
        fields.put("from", e.from());
        fields.put("to", e.to());
        fields.put("how", e.how().name().toLowerCase(Locale.ROOT));
        return KeyValueLines.line(fields);
    }

    /** The entries of a history file's text, oldest first; {@code file} names it in messages. */
    public static List<Entry> parse(String file, String text) {
        List<Map<String, String>> records = KeyValueLines.parse(file, HEADER, KEYS, text);
        return records.stream().map(r -> {
            try {
                return new Entry(Instant.parse(r.get("time")), r.get("user"), r.get("board"), r.get("name"),
                        r.get("from"), r.get("to"), How.valueOf(r.get("how").toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw EepromException.in(file, "a line with a bad time or how: %s",
                        EepromException.printable(r.toString()));
            }
        }).toList();
    }

    /**
     * The switches of the boards under {@code root}, oldest first ({@code boot status BOARD} filters by
     * {@link Entry#board()}); empty when none was made.
     */
    public static List<Entry> read(Path root) throws IOException {
        Path file = Profiles.stateFolder(root).resolve(FILE);
        if (!Files.isRegularFile(file)) return List.of();
        return parse(file.toString(), Utf8.decode(file.toString(), Files.readAllBytes(file)));   // names the line
    }

    /** Appends one line (the header first, to a new file); called with the root's lock held. */
    static void append(Path root, Entry entry) throws IOException {
        Path file = Profiles.stateFolder(root).resolve(FILE);
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        String text = (fresh ? HEADER + "\n" : "") + line(entry);
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
