package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.signing.VerificationException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code eeprom} command: one subcommand per task, each a thin layer over the library. */
@Command(name = "eeprom", mixinStandardHelpOptions = true, versionProvider = EepromCli.Version.class,
        description = "Raspberry Pi 4/5 bootloader EEPROM images: read, rewrite, check.",
        subcommands = {InfoCommand.class, ExtractCommand.class, ApplyCommand.class, ConfigCommand.class,
                ValidateCommand.class, EditCommand.class, DiffCommand.class, ExplainCommand.class,
                DigestCommand.class, VerifyCommand.class, SignCommand.class, KeyCommand.class, NetbootCommand.class,
                StageUpdateCommand.class, TftpCommand.class, BatchCommand.class, MigrateCommand.class,
                StatusCommand.class, CompletionCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  bad input: an image, config, key or file that cannot be used",
                "  2  usage error: unknown option, missing argument",
                "", "Example:", "  eeprom info pieeprom.bin",
                "  eeprom apply pieeprom.bin --config boot.conf -o pieeprom-new.bin"})
public final class EepromCli {
    static final int EXIT_BAD_INPUT = 1;
    static final int EXIT_USAGE = 2;

    private final OutputStream stdout;

    /** For tools that build the command tree reflectively (the man page generator). */
    public EepromCli() {
        this(System.out);
    }

    EepromCli(OutputStream stdout) {
        this.stdout = stdout;
    }

    /** Raw bytes for commands whose output is a file's content (a config, an image). */
    OutputStream stdout() {
        return stdout;
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        int code = commandLine(out, args).execute(args);
        out.flush();
        System.exit(code);
    }

    /**
     * The command line as {@code main} runs it for these arguments; tests pass their own stream for raw output.
     * When the first argument names a subcommand, only that subcommand's model is built: picocli reflects over
     * every option of every command it is given, and that, not the work, is most of a run's time
     * (docs/performance.md).
     */
    public static CommandLine commandLine(OutputStream stdout, String... args) {
        Optional<Class<?>> named = args.length == 0 ? Optional.empty() : subcommandNamed(args[0]);
        if (named.isEmpty()) return commandLine(stdout);
        CommandLine cli = new CommandLine(CommandSpec.wrapWithoutInspection(new EepromCli(stdout)).name("eeprom"));
        cli.addSubcommand(new CommandLine(named.get()));
        return withErrorHandlers(cli);
    }

    /** Every command: for {@code --help}, completion scripts and man pages. */
    public static CommandLine commandLine(OutputStream stdout) {
        return withErrorHandlers(new CommandLine(new EepromCli(stdout)));
    }

    private static Optional<Class<?>> subcommandNamed(String name) {
        for (Class<?> sub : EepromCli.class.getAnnotation(Command.class).subcommands()) {
            Command command = sub.getAnnotation(Command.class);
            if (command.name().equals(name) || Arrays.asList(command.aliases()).contains(name))
                return Optional.of(sub);
        }
        return Optional.empty();
    }

    private static CommandLine withErrorHandlers(CommandLine cli) {
        cli.setExpandAtFiles(false);                                 // @FILE is ours: tftp stage --cmdline @FILE
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String message = userMessage(ex);
            if (message == null) throw ex;                           // a bug: keep the stack trace
            cmd.getErr().println("eeprom: error: " + message);
            return ex instanceof UsageException ? EXIT_USAGE : EXIT_BAD_INPUT;
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().printf("eeprom: error: %s (see '%s --help')%n", ex.getMessage(),
                    cmd.getCommandSpec().qualifiedName());
            return EXIT_USAGE;
        });
        return cli;
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
            String reason = fs.getReason() != null ? fs.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
                    : e.getClass().getSimpleName();
            return fs.getFile() + ": " + reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EepromCli.class.getPackage().getImplementationVersion();
            return new String[] {"eeprom (pieeprom) " + (version == null ? "development build" : version),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
