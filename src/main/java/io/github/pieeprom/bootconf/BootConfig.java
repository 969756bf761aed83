package io.github.pieeprom.bootconf;

import io.github.pieeprom.EepromException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code bootconf.txt} kept exactly as written: {@code BootConfig.parse(f, b).toBytes()} equals {@code b} for any
 * bytes (CRLF, no final newline, trailing blanks, text that is not UTF-8). Edits return a new config that changes
 * only the lines concerned; {@link PropertyEdits} also removes properties.
 * <pre>
 * BootConfig config = BootConfig.parse("boot.conf", Files.readAllBytes(path));
 * BootConfig netboot = config.with("BOOT_ORDER", "0xf21").with("NET_BOOT_MAX_RETRIES", "5");
 * List&lt;Finding&gt; findings = Validator.check(netboot, Optional.of(Soc.BCM2711));
 * Files.write(path, netboot.toBytes());
 * </pre>
 */
public final class BootConfig {
    /** The section {@link #with(String, String)} and {@link #without(String)} edit. */
    public static final String ALL = "all";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+");

    private final String file;
    private final List<Line> lines;
    private final List<byte[]> raw;              // each line's bytes, line ending included; never handed out
    private final List<Condition> conditions;    // the condition in force at each line
    private final List<String> sections;         // the filter of the [section] line each line is under; null before
    private final int size;

    private BootConfig(String file, List<Line> lines, List<byte[]> raw) {
        this.file = file;
        this.lines = List.copyOf(lines);
        this.raw = raw;
        List<Condition> in = new ArrayList<>(lines.size());
        List<String> under = new ArrayList<>(lines.size());
        Condition condition = Condition.ALL;
        String section = null;
        for (Line line : lines) {
            if (line.kind() == Line.Kind.SECTION) {
                condition = condition.then(Filter.parse(line.value()));
                section = line.value();
            }
            in.add(condition);
            under.add(section);
        }
        this.conditions = List.copyOf(in);
        this.sections = under;                   // not List.copyOf, which takes no nulls; never handed out
        int bytes = 0;
        for (byte[] r : raw) bytes += r.length;
        this.size = bytes;
    }

    /** Splits {@code bytes} into lines at {@code \n}; a {@code \r} before it belongs to the line ending. */
    public static BootConfig parse(String file, byte[] bytes) {
        List<byte[]> raw = new ArrayList<>();
        for (int start = 0; start < bytes.length; ) {
            int end = start;
            while (end < bytes.length && bytes[end++] != '\n') { }
            raw.add(Arrays.copyOfRange(bytes, start, end));
            start = end;
        }
        return new BootConfig(file, reparse(raw), raw);
    }

    private static String decode(byte[] bytes, int offset, int length) {
        boolean ascii = true;
        for (int i = offset; i < offset + length && ascii; i++) ascii = bytes[i] >= 0;
        if (ascii) return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
    }

    /** The exact bytes: those parsed, with edited lines replaced. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (byte[] line : raw) out.writeBytes(line);
        return out.toByteArray();
    }

    /** The name used in messages, such as {@code boot.conf} or {@code pieeprom.bin}. */
    public String file() {
        return file;
    }

    /** The size in bytes, as stored in an image. */
    public int size() {
        return size;
    }

    public List<Line> lines() {
        return lines;
    }

    /** The filters in force at a line of this config. */
    public Condition conditionOf(Line line) {
        return conditions.get(line.number() - 1);
    }

    /** The value a key has in {@code [all]} (the last assignment wins), if it is set there. */
    Optional<String> get(String key) {
        String value = null;
        for (Line line : lines)
            if (line.kind() == Line.Kind.PROPERTY && line.key().equals(key) && conditionOf(line).filters().isEmpty())
                value = line.value();
        return Optional.ofNullable(value);
    }

    /** The property lines that take effect on a board, by key (the last one wins); run-time filters excluded. */
    Map<String, Line> settings(Board board) {
        Map<String, Line> settings = new LinkedHashMap<>();
        for (Line line : lines)
            if (line.kind() == Line.Kind.PROPERTY && conditionOf(line).on(board) == Filter.Match.APPLIES) {
                settings.remove(line.key());
                settings.put(line.key(), line);
            }
        return settings;
    }

    /** Sets {@code key=value} in {@code [all]}; see {@link #with(String, String, String)}. */
    public BootConfig with(String key, String value) {
        return with(ALL, key, value);
    }

    /**
     * Sets {@code key=value} in a section ({@code "all"}, {@code "pi4"}, {@code "gpio8=0"}: the text of its
     * {@code [filter]} line). The last assignment of the key in that section is rewritten; if there is none the
     * line is added after the section's last non-blank line, and a missing section is added at the end of the file.
     * Every other line keeps its bytes.
     */
    public BootConfig with(String section, String key, String value) {
        requireKey(key);
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)
            throw EepromException.in(file, "the value of %s must be one line", key);
        List<byte[]> out = new ArrayList<>(raw);
        byte[] text = (key + "=" + value).getBytes(StandardCharsets.UTF_8);
        int last = -1;
        for (Line line : lines) if (isIn(line, section) && isKey(line, key)) last = line.number() - 1;
        if (last >= 0) {
            out.set(last, concat(text, ending(raw.get(last))));
            return new BootConfig(file, reparse(out), out);
        }
        int after = -1;
        for (Line line : lines) if (isIn(line, section) && line.kind() != Line.Kind.BLANK) after = line.number() - 1;
        if (after < 0) {
            after = configTxtStart() - 1;
            out = insertAfter(out, after, ("[" + section + "]").getBytes(StandardCharsets.UTF_8));
            after++;
        }
        out = insertAfter(out, after, text);
        return new BootConfig(file, reparse(out), out);
    }

    /** Removes {@code key} from {@code [all]}; see {@link #without(String, String)}. */
    BootConfig without(String key) {
        return without(ALL, key);
    }

    /** Removes every assignment of {@code key} in a section; the same config when there is none. */
    BootConfig without(String section, String key) {
        requireKey(key);
        List<byte[]> out = new ArrayList<>();
        for (Line line : lines) if (!(isIn(line, section) && isKey(line, key))) out.add(raw.get(line.number() - 1));
        return out.size() == raw.size() ? this : new BootConfig(file, reparse(out), out);
    }

    /** Whether {@code key} is assigned in a section. */
    boolean has(String section, String key) {
        return lines.stream().anyMatch(line -> isIn(line, section) && isKey(line, key));
    }

    private void requireKey(String key) {
        if (!KEY.matcher(key).matches())
            throw EepromException.in(file, "expected a property name of letters, digits and _, found \"%s\"", key);
    }

    private static boolean isKey(Line line, String key) {
        return line.kind() == Line.Kind.PROPERTY && line.key().equals(key);
    }

    /** The index of the {@code [config.txt]} line, or the line count: from there on, nothing is the bootloader's. */
    private int configTxtStart() {
        for (Line line : lines) if (conditionOf(line).isConfigTxt()) return line.number() - 1;
        return lines.size();
    }

    /**
     * Whether a line belongs to the block of a {@code [section]} line (the lines before the first one are "all");
     * lines from {@code [config.txt]} to the end of the file belong to none, even after a later {@code [all]}.
     */
    private boolean isIn(Line line, String section) {
        if (conditionOf(line).isConfigTxt()) return false;
        String under = sections.get(line.number() - 1);     // looked up, not searched for: edits stay linear
        return under != null ? under.equals(section) : section.equals(ALL) && line.kind() != Line.Kind.BLANK;
    }

    private List<byte[]> insertAfter(List<byte[]> lines, int index, byte[] text) {
        byte[] newline = lines.isEmpty() ? "\n".getBytes(StandardCharsets.US_ASCII) : firstEnding(lines);
        List<byte[]> out = new ArrayList<>(lines);
        if (index >= 0 && ending(out.get(index)).length == 0) {    // the last line had no newline; keep that style
            out.set(index, concat(out.get(index), newline));
            out.add(index + 1, text);
        } else {
            out.add(index + 1, concat(text, newline));
        }
        return out;
    }

    private static byte[] firstEnding(List<byte[]> lines) {
        for (byte[] line : lines) if (ending(line).length > 0) return ending(line);
        return new byte[] {'\n'};
    }

    private static byte[] ending(byte[] line) {
        int n = line.length;
        if (n == 0 || line[n - 1] != '\n') return new byte[0];
        return n >= 2 && line[n - 2] == '\r' ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<Line> reparse(List<byte[]> raw) {
        List<Line> lines = new ArrayList<>(raw.size());
        for (byte[] line : raw) lines.add(Line.of(lines.size() + 1,
                decode(line, 0, line.length - ending(line).length)));
        return lines;
    }
}
