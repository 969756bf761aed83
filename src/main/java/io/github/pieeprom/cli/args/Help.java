package io.github.pieeprom.cli.args;

import java.util.ArrayList;
import java.util.List;

/** A command's help text, from its {@link Definition}: usage line, description, arguments, subcommands, footer. */
public final class Help {
    static final int WIDTH = 80;
    private static final int MAX_NAME_COLUMN = 30;

    private Help() {
    }

    /** The help of {@code command}, invoked as {@code path} ({@code eeprom tftp serve}). */
    public static String of(Command command, String path) {
        Definition d = command.definition();
        StringBuilder text = new StringBuilder();
        wrap(text, "Usage: " + path + " ", usage(d), "        ");
        for (String paragraph : d.description()) wrap(text, "", paragraph, "");
        List<String[]> rows = new ArrayList<>();
        for (Arg<?> arg : d.allArgs()) rows.add(new String[] {column(arg), arg.description()});
        table(text, rows);
        if (!d.subcommands().isEmpty()) {
            text.append("Commands:\n");
            List<String[]> subs = new ArrayList<>();
            for (String name : d.subcommands()) subs.add(new String[] {"  " + name, command.subcommand(name)
                    .definition().summary()});
            table(text, subs);
        }
        if (!d.footer().isEmpty()) {
            text.append('\n');
            for (String line : d.footer()) text.append(line).append('\n');
        }
        return text.toString();
    }

    /** {@code --out=OUT}, {@code --all} or {@code IMAGE}: an argument as messages name it. */
    public static String synopsis(Arg<?> arg) {
        if (arg.isPositional()) return arg.label();
        return arg.displayName() + (arg.isFlag() ? "" : "=" + arg.label());
    }

    /** The words after the command's name in the usage line. */
    static List<String> usage(Definition d) {
        List<String> words = new ArrayList<>();
        words.add("[-hV]");
        for (Arg<?> arg : d.args()) {
            if (arg.isPositional() || d.exactlyOne().stream().anyMatch(g -> g.contains(arg))) continue;
            String shape = arg.names().get(0) + (arg.isFlag() ? "" : "=" + arg.label()) + (arg.isGreedy() ? "..." : "");
            words.add(arg.isRequired() ? shape : "[" + shape + "]" + (arg.isRepeatable() && !arg.isGreedy() ? "..." : ""));
        }
        for (List<Arg<?>> group : d.exactlyOne()) {
            List<String> shapes = group.stream().map(a -> a.names().get(0) + (a.isFlag() ? "" : "=" + a.label())
                    + (a.isGreedy() ? "..." : "")).toList();
            words.add("(" + String.join(" | ", shapes) + ")");
        }
        for (Arg<?> arg : d.args()) {
            if (!arg.isPositional()) continue;
            String shape = arg.label() + (arg.isRepeatable() ? "..." : "");
            words.add(arg.isRequired() ? shape : "[" + shape + "]");
        }
        if (!d.subcommands().isEmpty()) words.add("COMMAND");
        return words;
    }

    private static String column(Arg<?> arg) {
        if (arg.isPositional()) return "      " + arg.label() + (arg.isRepeatable() ? "..." : "");
        String value = arg.isFlag() ? "" : "=" + arg.label() + (arg.isGreedy() ? "..." : "");
        String first = arg.names().get(0);
        if (first.length() == 2 && !first.startsWith("--")) {
            return arg.names().size() == 1 ? "  " + first + value : "  " + first + ", "
                    + String.join(", ", arg.names().subList(1, arg.names().size())) + value;
        }
        return "      " + String.join(", ", arg.names()) + value;
    }

    private static void table(StringBuilder text, List<String[]> rows) {
        int width = 0;
        for (String[] row : rows) if (row[0].length() <= MAX_NAME_COLUMN) width = Math.max(width, row[0].length());
        String indent = " ".repeat(width + 2);
        for (String[] row : rows) {
            if (row[1].isEmpty()) {
                text.append(row[0]).append('\n');
            } else if (row[0].length() > width) {
                text.append(row[0]).append('\n');
                wrap(text, indent, List.of(row[1].split(" ")), indent);
            } else {
                wrap(text, row[0] + " ".repeat(width + 2 - row[0].length()), List.of(row[1].split(" ")), indent);
            }
        }
    }

    private static void wrap(StringBuilder text, String first, String paragraph, String indent) {
        wrap(text, first, List.of(paragraph.split(" ")), indent);
    }

    /** Words filled into lines of at most {@link #WIDTH} columns (a longer word gets a line of its own). */
    private static void wrap(StringBuilder text, String first, List<String> words, String indent) {
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : words) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                text.append(line).append('\n');
                line = new StringBuilder(indent);
                empty = true;
            }
            if (!empty) line.append(' ');
            line.append(word);
            empty = false;
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
