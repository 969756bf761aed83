package io.github.pieeprom;

/**
 * Bad input: a malformed or unsuitable image, config, key or {@code .sig} file. The message says where
 * (file and byte offset, or file and line), what was expected and what was found.
 */
public final class EepromException extends RuntimeException {
    private final String where;

    private EepromException(String where, String detail) {
        super(where.isEmpty() ? detail : where + ": " + detail);
        this.where = where;
    }

    /** A problem at a byte offset of a file, shown as {@code file@0x01f000}. */
    public static EepromException at(String file, long offset, String format, Object... args) {
        return new EepromException("%s@0x%06x".formatted(file, offset), format.formatted(args));
    }

    /** A problem on a line of a text file, shown as {@code file:7}. */
    public static EepromException atLine(String file, int line, String format, Object... args) {
        return new EepromException(file + ":" + line, format.formatted(args));
    }

    /** A problem with a whole file (its size, its kind), shown as {@code file}. */
    public static EepromException in(String file, String format, Object... args) {
        return new EepromException(file, format.formatted(args));
    }

    /**
     * Text from the input (a CSV field, a name in an image) as a message shows it: control characters as
     * {@code \xNN}, so that the message stays one line and the terminal shows what the file holds.
     */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) out.append(Character.isISOControl(c) ? "\\x%02x".formatted((int) c) : c);
        return out.toString();
    }

    /** Where the problem is: {@code file@0xOFFSET}, {@code file:LINE}, {@code file}, or empty. */
    public String where() {
        return where;
    }
}
