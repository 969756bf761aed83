package io.github.pieeprom.template;

import io.github.pieeprom.EepromException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Text with {@code ${name}} placeholders, parsed once and filled in many times. Every {@code ${} starts a
 * placeholder; a name is letters, digits, {@code _}, {@code .} and {@code -}.
 * <pre>
 * Template template = Template.parse("rack.conf", "[all]\nCLIENT_IP=${ip}\nTFTP_PREFIX_STR=${name}/\n");
 * template.placeholders();                                        // [ip, name]
 * String config = template.substitute(Map.of("ip", "10.0.0.7", "name", "node-7"));
 * </pre>
 */
public final class Template {
    private final String source;
    private final List<String> literals;            // one more than the placeholders: text before, between, after
    private final List<Placeholder> placeholders;

    /** One {@code ${name}} and the line it is on. */
    private record Placeholder(String name, int line) {
    }

    private Template(String source, List<String> literals, List<Placeholder> placeholders) {
        this.source = source;
        this.literals = List.copyOf(literals);
        this.placeholders = List.copyOf(placeholders);
    }

    /** Parses {@code text}; {@code source} names it in errors, which give the line of a bad placeholder. */
    public static Template parse(String source, String text) {
        List<String> literals = new ArrayList<>();
        List<Placeholder> placeholders = new ArrayList<>();
        int line = 1, from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') line++;
            if (c != '$' || i + 1 >= text.length() || text.charAt(i + 1) != '{') continue;
            int close = i + 2;
            while (close < text.length() && text.charAt(close) != '}' && text.charAt(close) != '\n') close++;
            if (close == text.length() || text.charAt(close) != '}')
                throw EepromException.atLine(source, line, "\"${\" without a closing \"}\" on its line");
            String name = text.substring(i + 2, close);
            if (!isName(name)) throw EepromException.atLine(source, line,
                    "expected a placeholder name of letters, digits, _, . and -, found \"${%s}\"",
                    EepromException.printable(name));
            literals.add(text.substring(from, i));
            placeholders.add(new Placeholder(name, line));
            from = close + 1;
            i = close;
        }
        literals.add(text.substring(from));
        return new Template(source, literals, placeholders);
    }

    private static boolean isName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c)
                || c == '_' || c == '.' || c == '-');
    }

    /** The name given to {@link #parse}. */
    public String source() {
        return source;
    }

    /** The placeholder names in the order they first appear. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (Placeholder p : placeholders) names.add(p.name());
        return names;
    }

    /**
     * The text with every placeholder replaced. A name {@code values} lacks, or a value with a line break (configs and
     * {@code cmdline.txt} are line by line: it would add lines no one wrote), is an error naming it and its line.
     */
    public String substitute(Map<String, String> values) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < placeholders.size(); i++) {
            Placeholder p = placeholders.get(i);
            String value = values.get(p.name());
            if (value == null) throw EepromException.atLine(source, p.line(), "unknown variable ${%s} (known: %s)",
                    p.name(), EepromException.printable(String.join(", ", new TreeSet<>(values.keySet()))));
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) throw EepromException.atLine(source, p.line(),
                    "${%s} is \"%s\": a value with a line break would add lines to the text", p.name(),
                    EepromException.printable(value));
            out.append(value).append(literals.get(i + 1));
        }
        return out.toString();
    }
}
