package io.github.pieeprom;

import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for command output and the files the tools write: maps (in insertion order), lists,
 * strings, numbers, booleans, null.
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.append('\n').toString();
    }

    /** The same value on one line, without spaces: for logs with one object per line. */
    public static String line(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, null);
        return out.toString();
    }

    /** {@code indent} null: compact, on one line. */
    private static void write(StringBuilder out, Object value, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) { out.append("{}"); return; }
            boolean compact = indent == null;
            out.append(compact ? "{" : "{\n");
            String inner = compact ? null : indent + "  ";
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!compact) out.append(inner);
                string(out, String.valueOf(e.getKey()));
                out.append(compact ? ":" : ": ");
                write(out, e.getValue(), inner);
                out.append(++i < map.size() ? "," : "").append(compact ? "" : "\n");
            }
            out.append(compact ? "" : indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) { out.append("[]"); return; }
            boolean compact = indent == null;
            out.append(compact ? "[" : "[\n");
            String inner = compact ? null : indent + "  ";
            for (int i = 0; i < list.size(); i++) {
                if (!compact) out.append(inner);
                write(out, list.get(i), inner);
                out.append(i + 1 < list.size() ? "," : "").append(compact ? "" : "\n");
            }
            out.append(compact ? "" : indent).append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    /** {@code s} as a JSON string: quotes, backslashes and control characters escaped. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        string(out, s);
        return out.toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append("\\u00").append(Character.forDigit(c >> 4, 16))
                            .append(Character.forDigit(c & 15, 16));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
