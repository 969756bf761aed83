package io.github.pieeprom.netboot.boot;

import io.github.pieeprom.EepromException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state file's text (docs/boot.md): a header line, then one board per line as tab-separated {@code key=value}
 * fields; values are percent-encoded where they hold {@code %}, a tab, a line break or (in {@code files}) a comma.
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
            List<String> values = List.of(b.mac(), b.serial(), b.revision(), b.fourcc(), b.ip(),
                    b.firstSeen().toString(), b.lastSeen().toString(), Integer.toString(b.dhcp()), flag(b.offered()),
                    Integer.toString(b.tftp()), String.join(",", b.files().stream().map(f -> escape(f, true)).toList()),
                    flag(b.fellBack()), flag(b.configWithoutOptions()), escape(b.lastError(), false),
                    escape(b.log(), false));
            for (int i = 0; i < KEYS.size(); i++) {
                out.append(i == 0 ? "" : "\t").append(KEYS.get(i)).append('=');
                out.append(i == 10 || i >= 13 ? values.get(i) : escape(values.get(i), false));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Reads a state file's text; {@code file} names it in messages. */
    public static List<Board> read(String file, String text) {
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(HEADER)) throw EepromException.atLine(file, 1, "expected \"%s\", found \"%s\"", HEADER,
                EepromException.printable(lines[0]));
        List<Board> boards = new ArrayList<>();
        for (int n = 1; n < lines.length; n++) {
            if (lines[n].isEmpty()) continue;
            Map<String, String> f = new LinkedHashMap<>();
            for (String field : lines[n].split("\t")) {
                int eq = field.indexOf('=');
                if (eq < 1) throw EepromException.atLine(file, n + 1, "expected key=value, found \"%s\"",
                        EepromException.printable(field));
                f.put(field.substring(0, eq), field.substring(eq + 1));
            }
            if (!f.keySet().containsAll(KEYS)) throw EepromException.atLine(file, n + 1, "expected the fields %s",
                    String.join(", ", KEYS));
            try {
                List<String> files = f.get("files").isEmpty() ? List.of()
                        : Arrays.stream(f.get("files").split(",")).map(BootState::unescape).toList();
                boards.add(new Board(unescape(f.get("mac")), unescape(f.get("serial")), unescape(f.get("revision")),
                        unescape(f.get("fourcc")), unescape(f.get("ip")), Instant.parse(f.get("first")),
                        Instant.parse(f.get("last")), Integer.parseInt(f.get("dhcp")), f.get("offered").equals("1"),
                        Integer.parseInt(f.get("tftp")), files, f.get("fell-back").equals("1"),
                        f.get("config-without-options").equals("1"), unescape(f.get("error")),
                        unescape(f.get("log"))));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw EepromException.atLine(file, n + 1, "a time, count or escape does not parse: %s",
                        EepromException.printable(String.valueOf(e.getMessage())));
            }
        }
        return boards;
    }

    private static String flag(boolean b) {
        return b ? "1" : "0";
    }

    private static String escape(String s, boolean comma) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '%' || c == '\t' || c == '\n' || c == '\r' || c == '+' || comma && c == ',')
                out.append("%%%02X".formatted((int) c));
            else out.append(c);
        }
        return out.toString();
    }

    private static String unescape(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
