package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.cli.args.Group;
import io.github.pieeprom.cli.args.Runner;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.signing.VerificationException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.FileSystemException;

/**
 * The {@code eeprom} command: one subcommand per task, each a thin layer over the library. A run builds only the
 * command it names (docs/performance.md).
 */
public final class EepromCli implements Group {
    static final int EXIT_BAD_INPUT = 1;
    static final int EXIT_USAGE = Runner.EXIT_USAGE;

    static final Definition DEFINITION = Definition.of("eeprom")
            .describe("Raspberry Pi 4/5 bootloader EEPROM images: read, rewrite, check.")
            .subcommands("info", "extract", "apply", "config", "validate", "edit", "diff", "explain", "digest",
                    "verify", "sign", "key", "netboot", "stage-update", "tftp", "batch", "migrate", "status",
                    "completion")
            .footer("Exit codes:", "  0  success", "  1  bad input: an image, config, key or file that cannot be used",
                    "  2  usage error: unknown option, missing argument", "", "Example:", "  eeprom info pieeprom.bin",
                    "  eeprom apply pieeprom.bin --config boot.conf -o pieeprom-new.bin", "",
                    "A command's help: eeprom help COMMAND, or eeprom COMMAND --help.");

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
            return Runner.run(new EepromCli(), version(), console, args);
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

    @Override
    public Definition definition() {
        return DEFINITION;
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
            case "batch" -> new BatchCommand();
            case "migrate" -> new MigrateCommand();
            case "status" -> new StatusCommand();
            case "completion" -> new CompletionCommand();
            default -> null;
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
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")\n";
    }
}
