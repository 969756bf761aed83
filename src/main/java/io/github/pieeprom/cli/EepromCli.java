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
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.InitializationException;
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
    static final String DEBUG = "--debug";
    static final String DEBUG_VARIABLE = "EEPROM_DEBUG";
    private static final String DEBUG_HINT = " (--debug or EEPROM_DEBUG=1 shows the stack trace)";
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
        List<String> words = Arrays.asList(args);
        boolean debug = debug(words, System.getenv(DEBUG_VARIABLE));
        try {
            return parseAndRun(console, helpAsOption(words), debug);
        } catch (Exception | Error e) {                              // before a command ran: the line names eeprom
            return failure(e, "eeprom", List.of(), EXIT_BAD_INPUT, debug, console);
        }
    }

    /** {@code --debug} (before any {@code --}) or {@code EEPROM_DEBUG} set to anything but {@code 0}. */
    static boolean debug(List<String> words, String variable) {
        int end = words.indexOf("--");
        return words.subList(0, end < 0 ? words.size() : end).contains(DEBUG)
                || variable != null && !variable.isEmpty() && !variable.equals("0");
    }

    /**
     * What a run that {@code e} ended prints and returns. Bad input or usage: one line, exit {@code badInput} or 2.
     * Anything else is a bug, or the JVM out of memory: one line naming the command and its inputs, exit
     * {@code badInput}. With {@code debug}, the stack trace follows the line.
     */
    static int failure(Throwable e, String command, List<String> inputs, int badInput, boolean debug,
            Console console) {
        console.out().flush();
        PrintWriter err = console.err();
        String message = e instanceof Exception ex ? userMessage(ex) : null;
        String where = String.join(" ", command, String.join(" ", inputs)).strip();
        if (message != null) err.println("eeprom: error: " + message);
        else if (e instanceof OutOfMemoryError) err.println("eeprom: error: " + where + ": out of memory ("
                + e.getMessage() + "); java -Xmx sets the limit" + (debug ? "" : DEBUG_HINT));
        else err.println("eeprom: error: " + where + ": unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                + "; this is a bug" + (debug ? "" : DEBUG_HINT));
        if (debug) e.printStackTrace(err);
        err.flush();
        return e instanceof UsageException ? EXIT_USAGE : badInput;
    }

    private static int parseAndRun(Console console, List<String> words, boolean debug) throws Exception {
        // picocli's own knob: without it, each CommandLine looks up java.sql, java.time and java.nio.file types by
        // reflection to register converters for them; the options here have converters of their own.
        if (System.getProperty(CONVERTERS_EXCLUDES) == null) System.setProperty(CONVERTERS_EXCLUDES, "java\\..*");
        // and without this one, picocli's first CommandSpec looks for groovy.lang.Closure, a class no archive holds:
        // the class loader opens the jar and reads its 12 MiB index, 5-8 ms of every run.
        if (System.getProperty(DISABLE_CLOSURES) == null) System.setProperty(DISABLE_CLOSURES, "true");
        // A command line that names a command is parsed by that command's model alone, named by its words ("eeprom
        // tftp serve"): each picocli CommandLine costs a run milliseconds. Other lines (help, --version, a mistyped
        // name) are parsed from the root with every command, which help lists and picocli suggests from.
        Named named = Named.by(words);
        int i = named.words();
        CommandSpec spec;
        if (named.command() instanceof Group) {
            spec = model(new EepromCli(), words);
            i = 0;
        } else {
            spec = named.command().spec().name(named.path());
            Specs.addHelpOptions(spec);
        }
        CommandLine line = new CommandLine(spec);
        line.setOut(console.out()).setErr(console.err());
        ParseResult parsed;
        ArgumentFiles.check(words);
        try {
            parsed = line.parseArgs(words.subList(i, words.size()).toArray(new String[0]));
        } catch (InitializationException e) {                       // an @FILE inside an @FILE that cannot be read
            UsageException usage = ArgumentFiles.failure(e);
            throw usage != null ? usage : e;
        } catch (ParameterException e) {
            console.out().flush();
            UsageException missing = e instanceof UnmatchedArgumentException u
                    ? ArgumentFiles.missing(u, new HashSet<>(words)) : null;
            if (missing != null) throw missing;                      // an @FILE that is not there: not a command
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
        try {
            return command.run(new Parsed(leaf), console);
        } catch (Exception | Error e) {
            List<String> inputs = new ArrayList<>();
            for (var p : leaf.matchedPositionals()) inputs.addAll(p.originalStringValues());
            return failure(e, leaf.commandSpec().qualifiedName(), inputs, command.badInputExit(), debug, console);
        }
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
        Named named = Named.by(words);
        Command command = named.command();
        int i = named.words();
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

    /**
     * The command that the first {@code words} name, as far as they name groups and commands: {@code tftp serve}
     * is {@code TftpServeCommand} with the path {@code eeprom tftp serve}; {@code tftp} alone, or none, is a group.
     */
    private record Named(Command command, String path, int words) {
        static Named by(List<String> words) {
            Command command = new EepromCli();
            String path = "eeprom";
            int i = 0;
            while (command instanceof Group group && i < words.size() && group.names().contains(words.get(i))) {
                path += " " + words.get(i);
                command = group.subcommand(words.get(i++));
            }
            return new Named(command, path, i);
        }
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

    /** Three lines: the version (the man pages' first line), the commit it was built from, the Java it runs on. */
    static String version() {
        return "eeprom (pieeprom) " + BuildVersion.VERSION + "\ncommit " + BuildVersion.COMMIT + "\nJava "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.home") + ")";
    }
}
