package io.github.pieeprom.cli.args;

import java.util.Arrays;
import java.util.List;

/**
 * Finds the command a command line names (walking subcommands), parses the rest against its definition, and
 * answers {@code --help} (also as {@code help COMMAND} and {@code --help COMMAND}) and {@code --version}; otherwise runs
 * the command. Parse errors are printed as one line,
 * exit code 2; what the command throws is left to the caller.
 */
public final class Runner {
    public static final int EXIT_USAGE = 2;

    private Runner() {
    }

    /** {@code version}: the text {@code --version} prints. */
    public static int run(Command root, String version, Console console, String... argv) throws Exception {
        List<String> words = Arrays.asList(argv);
        Command command = root;
        String path = root.definition().name();
        int i = 0;
        while (i < words.size() && !command.definition().subcommands().isEmpty()) {
            Command sub = command.subcommand(words.get(i));
            if (sub == null) break;
            command = sub;
            path += " " + sub.definition().name();
            i++;
        }
        try {
            Definition d = command.definition();
            if (!d.subcommands().isEmpty() && i < words.size() && asksHelpOn(words, i)) {
                for (String name : words.subList(i + 1, words.size())) {
                    if (name.startsWith("-")) break;                        // help extract --all: extract's help
                    Command sub = command.subcommand(name);
                    if (sub == null) throw new ArgumentException(path, "Unknown command: '" + name + "'");
                    command = sub;
                    path += " " + sub.definition().name();
                }
                console.out().print(Help.of(command, path));
                console.out().flush();
                return 0;
            }
            if (!d.subcommands().isEmpty() && i < words.size() && !words.get(i).startsWith("-"))
                throw new ArgumentException(path, "Unknown command: '" + words.get(i) + "'");
            Args args = ArgParser.parse(d, path, words, i);
            if (args.get(Definition.HELP)) {
                console.out().print(Help.of(command, path));
                console.out().flush();
                return 0;
            }
            if (args.get(Definition.VERSION)) {
                console.out().print(version);
                console.out().flush();
                return 0;
            }
            if (!d.subcommands().isEmpty())
                throw new ArgumentException(path, "Missing required subcommand: one of " + d.subcommands());
            return command.run(args, console);
        } catch (ArgumentException e) {
            console.err().printf("%s: error: %s (see '%s --help')%n", root.definition().name(), e.getMessage(),
                    e.command());
            console.err().flush();
            return EXIT_USAGE;
        }
    }

    /**
     * {@code help [COMMAND...]} or {@code --help COMMAND...} after a group's name: the help of the command named (as
     * {@code git help log} and {@code git --help log} give it), the group's own for a bare {@code help}.
     */
    private static boolean asksHelpOn(List<String> words, int i) {
        String word = words.get(i);
        return word.equals("help") || Definition.HELP.names().contains(word) && i + 1 < words.size()
                && !words.get(i + 1).startsWith("-");
    }
}
