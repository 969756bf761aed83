package io.github.pieeprom.bootconf;

/**
 * One line of a {@code bootconf.txt}, without its line ending. {@code text} is the line decoded as UTF-8, or as
 * ISO-8859-1 when it is not valid UTF-8; {@link BootConfig} keeps the raw bytes, so printing never re-encodes.
 *
 * @param number 1-based line number
 * @param kind   what the line is
 * @param text   the whole line
 * @param key    for a {@link Kind#PROPERTY}: the text before the first {@code =}; otherwise empty
 * @param value  for a {@link Kind#PROPERTY}: the text after the first {@code =}, trailing blanks removed (the
 *               bootloader ignores them); for a {@link Kind#SECTION}: the filter between the brackets
 */
public record Line(int number, Kind kind, String text, String key, String value) {
    /** The grammar of one line: blank, {@code # comment}, {@code [filter]}, {@code KEY=value}, or none of these. */
    public enum Kind { BLANK, COMMENT, SECTION, PROPERTY, INVALID }

    static Line of(int number, String text) {
        if (text.isBlank()) return new Line(number, Kind.BLANK, text, "", "");
        if (text.charAt(0) == '#') return new Line(number, Kind.COMMENT, text, "", "");
        String trimmed = text.stripTrailing();
        if (trimmed.charAt(0) == '[' && trimmed.endsWith("]"))
            return new Line(number, Kind.SECTION, text, "", trimmed.substring(1, trimmed.length() - 1));
        int eq = text.indexOf('=');
        if (eq > 0) return new Line(number, Kind.PROPERTY, text, text.substring(0, eq),
                text.substring(eq + 1).stripTrailing());
        return new Line(number, Kind.INVALID, text, "", "");
    }

    /** The 1-based column where the value starts (property lines). */
    int valueColumn() {
        return key.length() + 2;
    }
}
