package io.github.pieeprom.netboot.boot;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.text.KeyValueLines;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The state file's text (docs/boot.md), in the format of {@link KeyValueLines}: a header line, then one board per
 * line as tab-separated {@code key=value} fields; values are percent-encoded where they hold {@code %}, a tab, a line
 * break or (in {@code files}, the names joined by commas) a comma.
 * Pure: {@link BootStateFiles} reads and writes it.
 * <pre>
 * # eeprom boot state 1
 * mac=dc:a6:32:2e:f8:ed	serial=5b154510	revision=a03111	fourcc=RPi4	ip=10.0.0.50	first=2026-12-07T19:00:00Z	...
 * </pre>
 */
public final class BootState {
    static final String HEADER = "# eeprom boot state 1";
    private static final List<String> KEYS = List.of("mac", "serial", "revision", "fourcc", "ip", "first", "last",
            "dhcp", "offered", "tftp", "files", "fell-back", "config-without-options", "error", "log");

    private BootState() {
    }

    public static String write(List<Board> boards) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Board b : boards) {
            List<String> values = List.of(escape(b.mac()), escape(b.serial()), escape(b.revision()),
                    escape(b.fourcc()), escape(b.ip()), b.firstSeen().toString(), b.lastSeen().toString(),
                    Integer.toString(b.dhcp()), flag(b.offered()), Integer.toString(b.tftp()),
                    String.join(",", b.files().stream().map(f -> KeyValueLines.escape(f, "+,")).toList()),
                    flag(b.fellBack()), flag(b.configWithoutOptions()), escape(b.lastError()), escape(b.log()));
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < KEYS.size(); i++) fields.put(KEYS.get(i), values.get(i));
            out.append(KeyValueLines.lineOfEscaped(fields));
        }
        return out.toString();
    }

    /** Reads a state file's text; {@code file} names it in messages. */
    public static List<Board> read(String file, String text) {
        List<Board> boards = new ArrayList<>();
        for (Map<String, String> f : KeyValueLines.parseEscaped(file, HEADER, KEYS, text)) {
            int n = Integer.parseInt(f.get(KeyValueLines.LINE));
            UnaryOperator<String> plain = value -> KeyValueLines.unescape(file, n, value);
            try {
                List<String> files = f.get("files").isEmpty() ? List.of()
                        : Arrays.stream(f.get("files").split(",")).map(plain).toList();
                boards.add(new Board(plain.apply(f.get("mac")), plain.apply(f.get("serial")),
                        plain.apply(f.get("revision")), plain.apply(f.get("fourcc")), plain.apply(f.get("ip")),
                        Instant.parse(f.get("first")), Instant.parse(f.get("last")), Integer.parseInt(f.get("dhcp")),
                        f.get("offered").equals("1"), Integer.parseInt(f.get("tftp")), files,
                        f.get("fell-back").equals("1"), f.get("config-without-options").equals("1"),
                        plain.apply(f.get("error")), plain.apply(f.get("log"))));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw EepromException.atLine(file, n, "a time, count or escape does not parse: %s",
                        EepromException.printable(String.valueOf(e.getMessage())));
            }
        }
        return boards;
    }

    private static String flag(boolean b) {
        return b ? "1" : "0";
    }

    /** A value as the line holds it; {@code +} is escaped too, as state files written before have it. */
    private static String escape(String s) {
        return KeyValueLines.escape(s, "+");
    }
}
