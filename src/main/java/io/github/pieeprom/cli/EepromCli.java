package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.signing.VerificationException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code eeprom} command: one subcommand per task, each a thin layer over the library, parsed by picocli. A run
 * models only the command it names (picocli's models cost about a millisecond each before the JIT has run);
 * help, completion, man pages and a mistyped name model them all.
 */
public final class EepromCli implements Group {
    private static final String CONVERTERS_EXCLUDES = "picocli.converters.excludes";
    private static final String DISABLE_CLOSURES = "picocli.disable.closures";
    static final int EXIT_BAD_INPUT = 1;
    static final int EXIT_USAGE = 2;
    static final List<String> NAMES = List.of("info", "extract", "apply", "config", "validate", "edit", "diff",
            "explain", "digest", "verify", "sign", "key", "netboot", "stage-update", "tftp", "boot", "batch", "migrate",
            "status", "completion");

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        Charset charset = Charset.defaultCharset();
        Console console = new Console(stdout, new PrintWriter(new OutputStreamWriter(stdout, charset)),
                new PrintWriter(new OutputStreamWriter(System.err, charset)));
        int code = run(console, args);
        console.out().flush();
        console.err().flush();
        // Success returns: System.exit logs the exit through System.Logger since JDK 21, whose set-up looks for a
        // logging service on the class path: 30 ms, as much as the rest of a short run. Every thread of ours has
        // ended by now, and shutdown hooks (a JFR recording, for one) still run.
        if (code != 0) System.exit(code);
    }

    /** Runs a command line as {@code main} does, writing to {@code console}; returns the exit code. */
    public static int run(Console console, String... args) {
        try {
            return parseAndRun(console, helpAsOption(Arrays.asList(args)));
        } catch (Exception ex) {
            String message = userMessage(ex);
            if (message == null) {                                   // a bug: keep the stack trace
                ex.printStackTrace(console.err());
                console.err().flush();
                return EXIT_BAD_INPUT;
            }
            console.out().flush();
            console.err().println("eeprom: error: " + message);
            console.err().flush();
            return ex instanceof UsageException ? EXIT_USAGE : EXIT_BAD_INPUT;
        }
    }

    private static int parseAndRun(Console console, List<String> words) throws Exception {
        // picocli's own knob: without it, each CommandLine looks up java.sql, java.time and java.nio.file types by
        // reflection to register converters for them; the options here have converters of their own.
        if (System.getProperty(CONVERTERS_EXCLUDES) == null) System.setProperty(CONVERTERS_EXCLUDES, "java\\..*");
        // and without this one, picocli's first CommandSpec looks for groovy.lang.Closure, a class no archive holds:
        // the class loader opens the jar and reads its 12 MiB index, 5-8 ms of every run.
        if (System.getProperty(DISABLE_CLOSURES) == null) System.setProperty(DISABLE_CLOSURES, "true");
        // A command line that names a command is parsed by that command's model alone, named by its words ("eeprom
        // tftp serve"): each picocli CommandLine costs a run milliseconds. Other lines (help, --version, a mistyped
        // name) are parsed from the root with every command, which help lists and picocli suggests from.
        Command named = new EepromCli();
        String path = "eeprom";
        int i = 0;
        while (named instanceof Group group && i < words.size() && group.names().contains(words.get(i))) {
            path += " " + words.get(i);
            named = group.subcommand(words.get(i++));
        }
        CommandSpec spec;
        if (named instanceof Group) {
            spec = model(new EepromCli(), words);
            i = 0;
        } else {
            spec = named.spec().name(path);
            Specs.addHelpOptions(spec);
        }
        CommandLine line = new CommandLine(spec);
        line.setOut(console.out()).setErr(console.err());
        ParseResult parsed;
        try {
            parsed = line.parseArgs(words.subList(i, words.size()).toArray(new String[0]));
        } catch (ParameterException e) {
            console.out().flush();
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            console.err().println("eeprom: error: " + e.getMessage() + " (see '" + command + " --help')");
            UnmatchedArgumentException.printSuggestions(e, console.err());
            console.err().flush();
            return EXIT_USAGE;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            console.out().flush();
            return 0;
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) leaf = leaf.subcommand();
        Command command = (Command) leaf.commandSpec().userObject();
        if (command instanceof Group group) throw new UsageException("Missing required subcommand: one of "
                + group.names() + " (see '" + leaf.commandSpec().qualifiedName() + " --help')");
        return command.run(new Parsed(leaf), console);
    }

    /**
     * {@code command}'s model with the subcommands {@code words} can reach: the one they name, or every one when
     * they name none (help lists them all, and picocli suggests a mistyped name from them).
     */
    static CommandSpec model(Command command, List<String> words) {
        CommandSpec spec = command.spec();
        Specs.addHelpOptions(spec);
        if (command instanceof Group group) {
            String next = words.isEmpty() ? "" : words.get(0);
            boolean named = group.names().contains(next);
            for (String name : group.names()) {
                if (named && !name.equals(next)) continue;
                spec.addSubcommand(name, model(group.subcommand(name), named ? words.subList(1, words.size())
                        : List.of()));
            }
        }
        return spec;
    }

    /**
     * {@code help [COMMAND...]} and {@code --help COMMAND...} after a group's words become {@code COMMAND... --help}
     * (as {@code git help log} and {@code git --help log} work); a bare {@code help} is the group's {@code --help}.
     */
    static List<String> helpAsOption(List<String> words) {
        Command command = new EepromCli();
        int i = 0;
        while (i < words.size() && command instanceof Group group && group.names().contains(words.get(i)))
            command = group.subcommand(words.get(i++));
        if (i == words.size() || !(command instanceof Group)) return words;
        String word = words.get(i);
        boolean help = word.equals("help") || (word.equals("--help") || word.equals("-h")) && i + 1 < words.size()
                && !words.get(i + 1).startsWith("-");
        if (!help) return words;
        List<String> rewritten = new ArrayList<>(words.subList(0, i));
        for (int end = i + 1; end < words.size() && !words.get(end).startsWith("-"); end++) {
            String name = words.get(end);
            rewritten.add(name);
            if (!(command instanceof Group group) || !group.names().contains(name))
                return rewritten;                                      // unknown: picocli says so, and suggests
            command = group.subcommand(name);
        }
        rewritten.add("--help");                                       // help extract --all: extract's help
        return rewritten;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "eeprom", "Raspberry Pi 4/5 bootloader EEPROM images: read, rewrite, "
                + "check, sign, and network-boot Pis.");
        Specs.footer(spec, "Examples:", "  eeprom info pieeprom.bin",
                "  eeprom apply pieeprom.bin --config boot.conf -o pieeprom-new.bin", "",
                "A command's help: eeprom help COMMAND, or eeprom COMMAND --help.",
                "Arguments may be read from a file: eeprom @args.txt (one or more per line, # starts a comment).");
        return spec;
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public Command subcommand(String name) {
        return switch (name) {
            case "info" -> new InfoCommand();
            case "extract" -> new ExtractCommand();
            case "apply" -> new ApplyCommand();
            case "config" -> new ConfigCommand();
            case "validate" -> new ValidateCommand();
            case "edit" -> new EditCommand();
            case "diff" -> new DiffCommand();
            case "explain" -> new ExplainCommand();
            case "digest" -> new DigestCommand();
            case "verify" -> new VerifyCommand();
            case "sign" -> new SignCommand();
            case "key" -> new KeyCommand();
            case "netboot" -> new NetbootCommand();
            case "stage-update" -> new StageUpdateCommand();
            case "tftp" -> new TftpCommand();
            case "boot" -> new BootCommand();
            case "batch" -> new BatchCommand();
            case "migrate" -> new MigrateCommand();
            case "status" -> new StatusCommand();
            case "completion" -> new CompletionCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** One line for the user, or null when the exception is a bug. */
    static String userMessage(Exception ex) {
        if (ex instanceof EepromException || ex instanceof UsageException || ex instanceof VerificationException)
            return ex.getMessage();
        if (ex instanceof UncheckedIOException u) return ioMessage(u.getCause());
        if (ex instanceof IOException io) return ioMessage(io);
        return null;
    }

    static String ioMessage(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            String reason = "Is a directory".equals(fs.getReason()) ? ImageFiles.IS_A_FOLDER   // the JDK's EISDIR
                    : fs.getReason() != null ? fs.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
                    : e.getClass().getSimpleName();
            return fs.getFile() + ": " + reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    static String version() {
        String version = EepromCli.class.getPackage().getImplementationVersion();
        return "eeprom (pieeprom) " + (version == null ? "development build" : version) + "\nJava "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }
}
