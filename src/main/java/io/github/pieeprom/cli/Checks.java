package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.netboot.Cmdline;
import io.github.pieeprom.netboot.Dnsmasq;
import io.github.pieeprom.netboot.Prefix;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked as the command line is parsed, by the library's own rules: a bad one is a usage error
 * (exit 2, one line naming the option) in every command that has the option, before anything is read or written
 * (a {@code --dry-run} too). The value stays the text given; the command reads it as before.
 *
 * <p>A converter, except for {@code --ts}, whose default is {@code $SOURCE_DATE_EPOCH}: picocli converts (and
 * preprocesses) a default on every run, before the command line, so there a preprocessor checks the value given and
 * lets the variable's through, a bad one of which stays bad input of its own, named when it is read
 * ({@link Timestamps#sigTimestamp}).
 */
enum Checks implements ITypeConverter<String>, IParameterPreprocessor {
    /** Seconds since 1970, 0..2^32-1, as Python's {@code int()} reads them ({@link Timestamps#parse}). */
    TIMESTAMP,
    /** 8 hex digits, or the 16 of {@code /proc/cpuinfo}'s Serial. */
    SERIAL,
    /** Six hex pairs separated by {@code :} or {@code -}. */
    MAC,
    /** A {@code TFTP_PREFIX_STR}: a relative folder ending in {@code /}, at most 32 characters. */
    PREFIX_STRING,
    /** The LAN's IPv4 network address for a dnsmasq proxy-DHCP range. */
    NETWORK,
    /** {@code SERVER:/PATH} of an NFS root. */
    NFS_ROOT;

    private static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    @Override
    public String convert(String text) {
        try {
            check(text);
            return text;
        } catch (EepromException e) {                          // the library's message, without its "--option: "
            throw new TypeConversionException(detail(e));
        }
    }

    /** What the library says, after where it says it (an option's name that picocli names too). */
    private static String detail(EepromException e) {
        return e.where().isEmpty() ? e.getMessage() : e.getMessage().substring(e.where().length() + 2);
    }

    /** The library's check, its message not naming a source: picocli names the option. */
    private void check(String text) {
        switch (this) {
            case TIMESTAMP -> Timestamps.parse(text, "");
            case SERIAL -> Prefix.SERIAL.requestPrefix("", text);
            case MAC -> Prefix.MAC.requestPrefix("", text);
            case PREFIX_STRING -> Prefix.STRING.requestPrefix("", text);
            case NETWORK -> Dnsmasq.requireNetwork("", text);
            case NFS_ROOT -> Cmdline.withNfsRoot("", text);
        }
    }

    /**
     * The value given on the command line, as {@link #convert} would check it; picocli reports a missing one. The
     * default, {@code $SOURCE_DATE_EPOCH}, comes alone on a stack of its own: not checked here. (A value given that is
     * the variable's too is checked when the command reads it: {@link Timestamps#sigTimestamp}.)
     */
    @Override
    public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec arg, Map<String, Object> info) {
        if (args.isEmpty() || command.optionsMap().containsKey(args.peek())) return false;
        String value = args.peek();
        if (args.size() == 1 && value.equals(System.getenv(SOURCE_DATE_EPOCH))) return false;
        try {
            check(value);
        } catch (EepromException e) {
            throw new ParameterException(command.commandLine(), "Invalid value for option '"
                    + ((OptionSpec) arg).longestName() + "': " + detail(e), arg, value);
        }
        return false;
    }
}
