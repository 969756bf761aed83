package io.github.pieeprom.cli.args;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Parses a command line against a {@link Definition}: {@code --name value}, {@code --name=value}, {@code -n value},
 * {@code -nvalue}, clustered flags ({@code -hV}), {@code --} before positional parameters that start with a dash,
 * and {@code -} as a positional parameter (standard input or output). Pure: no I/O.
 */
final class ArgParser {
    private final Definition definition;
    private final String command;
    private final List<String> argv;
    private final int offset;
    private final IdentityHashMap<Arg<?>, List<Object>> values = new IdentityHashMap<>();

    private ArgParser(Definition definition, String command, List<String> argv, int offset) {
        this.definition = definition;
        this.command = command;
        this.argv = argv;
        this.offset = offset;
    }

    /**
     * The values of {@code argv} from index {@code offset} on (the words before it named the command). When help or
     * version is asked for, the other arguments are not checked for completeness.
     */
    static Args parse(Definition definition, String command, List<String> argv, int offset) {
        return new ArgParser(definition, command, argv, offset).parse();
    }

    private Args parse() {
        List<Arg<?>> positionals = new ArrayList<>();
        for (Arg<?> arg : definition.args()) if (arg.isPositional()) positionals.add(arg);
        int position = 0;
        boolean optionsEnded = false;
        for (int i = offset; i < argv.size(); i++) {
            String word = argv.get(i);
            if (!optionsEnded && word.equals("--")) {
                optionsEnded = true;
            } else if (!optionsEnded && word.startsWith("-") && word.length() > 1) {
                i = option(i);
            } else {
                if (position >= positionals.size()) throw error("Unmatched argument at index %d: '%s'", i, word);
                Arg<?> arg = positionals.get(position);
                add(arg, word);
                if (!arg.isRepeatable()) position++;
            }
        }
        Args args = new Args(values);
        if (!args.get(Definition.HELP) && !args.get(Definition.VERSION)) checkComplete(positionals);
        return args;
    }

    /** Takes the option at {@code i} and its value; returns the index of the last word it used. */
    private int option(int i) {
        String word = argv.get(i);
        Arg<?> arg = named(word);
        String value = null;
        if (arg == null && word.startsWith("--") && word.indexOf('=') > 0) {
            arg = named(word.substring(0, word.indexOf('=')));
            value = word.substring(word.indexOf('=') + 1);
            if (arg != null && arg.isFlag()) throw error("option '%s' takes no value", arg.displayName());
        } else if (arg == null && !word.startsWith("--")) {
            arg = named(word.substring(0, 2));
            if (arg != null && arg.isFlag()) return cluster(i);
            if (arg != null) value = word.startsWith("=", 2) ? word.substring(3) : word.substring(2);
        }
        if (arg == null) throw error("Unknown option: '%s'", word);
        if (arg.isFlag()) {                                          // a flag given twice is still on
            valuesOf(arg).add(Boolean.TRUE);
            return i;
        }
        if (value != null) {
            add(arg, value);
            return i;
        }
        int last = i;
        while (last + 1 < argv.size() && !isOption(argv.get(last + 1))) {
            add(arg, argv.get(++last));
            if (!arg.isGreedy()) return last;
        }
        if (last > i) return last;
        if (last + 1 < argv.size())
            throw error("Expected parameter for option '%s' but found '%s'", arg.displayName(), argv.get(last + 1));
        throw error("Missing required parameter for option '%s' (%s)", arg.displayName(), arg.label());
    }

    /** {@code -hV}: flags in one word; the last may take a value, in the rest of the word or the next one. */
    private int cluster(int i) {
        String word = argv.get(i);
        for (int k = 1; k < word.length(); k++) {
            Arg<?> arg = named("-" + word.charAt(k));
            if (arg == null) throw error("Unknown option: '%s'", word);
            if (arg.isFlag()) {
                valuesOf(arg).add(Boolean.TRUE);
                continue;
            }
            String rest = word.substring(k + 1);
            if (!rest.isEmpty()) {
                add(arg, rest.startsWith("=") ? rest.substring(1) : rest);
                return i;
            }
            if (i + 1 < argv.size() && !isOption(argv.get(i + 1))) {
                add(arg, argv.get(i + 1));
                return i + 1;
            }
            throw error("Missing required parameter for option '%s' (%s)", arg.displayName(), arg.label());
        }
        return i;
    }

    private void add(Arg<?> arg, String text) {
        if (!arg.isPositional()) once(arg);
        List<Object> list = valuesOf(arg);
        for (String part : arg.split() == null ? new String[] {text} : text.split(arg.split(), -1)) {
            try {
                list.add(arg.converter().convert(part));
            } catch (IllegalArgumentException e) {
                throw error("Invalid value for %s: %s", arg.isPositional() ? "parameter '" + arg.label() + "'"
                        : "option '" + arg.displayName() + "'", e.getMessage());
            }
        }
    }

    /** No lambdas on the parser's path: see EepromImage. */
    private List<Object> valuesOf(Arg<?> arg) {
        List<Object> list = values.get(arg);
        if (list == null) values.put(arg, list = new ArrayList<>());
        return list;
    }

    private void once(Arg<?> arg) {
        if (!arg.isRepeatable() && values.containsKey(arg) && !arg.isFlag())
            throw error("option '%s' (%s) should be specified only once", arg.displayName(), arg.label());
    }

    private void checkComplete(List<Arg<?>> positionals) {
        for (Arg<?> arg : definition.args())
            if (arg.isRequired() && !arg.isPositional() && !values.containsKey(arg))
                throw error("Missing required option: '%s'", Help.synopsis(arg));
        List<String> missing = new ArrayList<>();
        for (Arg<?> arg : positionals)
            if (arg.isRequired() && !values.containsKey(arg)) missing.add("'" + arg.label() + "'");
        if (missing.size() == 1) throw error("Missing required parameter: %s", missing.get(0));
        if (!missing.isEmpty()) throw error("Missing required parameters: %s", String.join(", ", missing));
        for (List<Arg<?>> group : definition.exactlyOne()) {
            List<Arg<?>> given = group.stream().filter(values::containsKey).toList();
            if (given.isEmpty()) throw error("Missing required argument (specify one of these): (%s)",
                    group.stream().map(Help::synopsis).collect(Collectors.joining(" | ")));
            if (given.size() > 1) throw error("%s are mutually exclusive (specify only one)",
                    given.stream().map(Help::synopsis).collect(Collectors.joining(", ")));
        }
    }

    private Arg<?> named(String name) {
        if (Definition.HELP.names().contains(name)) return Definition.HELP;
        if (Definition.VERSION.names().contains(name)) return Definition.VERSION;
        for (Arg<?> arg : definition.args()) if (arg.names().contains(name)) return arg;
        return null;
    }

    /** A word that starts the next option, as opposed to a value that happens to start with a dash. */
    private boolean isOption(String word) {
        if (word.equals("--")) return true;
        if (!word.startsWith("-") || word.length() < 2) return false;
        if (named(word) != null) return true;
        if (word.startsWith("--")) return word.indexOf('=') < 0 || named(word.substring(0, word.indexOf('='))) != null;
        return named(word.substring(0, 2)) != null;
    }

    private ArgumentException error(String format, Object... args) {
        return new ArgumentException(command, String.format(format, args));
    }
}
