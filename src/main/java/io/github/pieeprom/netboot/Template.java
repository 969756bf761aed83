package io.github.pieeprom.netboot;

import io.github.pieeprom.EepromException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Text with {@code ${name}} placeholders (letters, digits, {@code _}, {@code -}), filled in per board. A
 * {@code $} not followed by {@code {} is kept as it is. Errors name the template's source, line and variable.
 * <pre>
 * Template t = Template.parse("--cmdline", "root=/dev/nfs nfsroot=${server}:/srv/nfs/${serial},vers=4");
 * String line = t.render(Map.of("server", "10.0.0.1", "serial", "1234abcd"));
 * </pre>
 */
public final class Template {
    private final String source;
    private final String text;
    private final List<Placeholder> placeholders;

    /** A {@code ${name}} at {@code [start, end)} of the text, on a 1-based line. */
    private record Placeholder(String name, int start, int end, int line) {
    }

    private Template(String source, String text, List<Placeholder> placeholders) {
        this.source = source;
        this.text = text;
        this.placeholders = List.copyOf(placeholders);
    }

    /** Parses the placeholders; {@code source} ({@code cmdline.template}, {@code --cmdline}) names it in errors. */
    public static Template parse(String source, String text) {
        List<Placeholder> found = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') line++;
            if (c != '$' || i + 1 >= text.length() || text.charAt(i + 1) != '{') continue;
            int close = text.indexOf('}', i + 2);
            int newline = text.indexOf('\n', i + 2);
            if (close < 0 || newline >= 0 && newline < close) throw EepromException.atLine(source, line,
                    "\"${\" without a closing \"}\"");
            String name = text.substring(i + 2, close);
            if (!name.matches("[A-Za-z0-9_-]+")) throw EepromException.atLine(source, line,
                    "expected a variable name of letters, digits, _ and - in ${...}, found \"${%s}\"", name);
            found.add(new Placeholder(name, i, close + 1, line));
            i = close;
        }
        return new Template(source, text, found);
    }

    public String source() {
        return source;
    }

    /** The variable names used, in order of first use. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        placeholders.forEach(p -> names.add(p.name()));
        return names;
    }

    /** The text with every placeholder replaced; a name missing from {@code values} is an error naming it. */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (Placeholder p : placeholders) {
            String value = values.get(p.name());
            if (value == null) throw EepromException.atLine(source, p.line(), "unknown variable ${%s} (known: %s)",
                    p.name(), String.join(", ", new TreeSet<>(values.keySet())));
            out.append(text, from, p.start()).append(value);
            from = p.end();
        }
        return out.append(text, from, text.length()).toString();
    }
}
