package io.github.pieeprom.cli;

import io.github.pieeprom.Soc;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Builders of picocli models with this tool's conventions: options in the order they are declared, help on
 * {@code -h}/{@code --help}, exit codes in the help, converters whose messages say what was expected. Help texts go
 * through picocli's variable interpolation: a literal {@code ${x}} is written {@code $${x}}.
 */
final class Specs {
    // Classes, not lambdas: every command loads these, and a run's first lambda costs several milliseconds on JDK 17.
    static final ITypeConverter<Path> PATH = new ITypeConverter<>() {
        @Override
        public Path convert(String text) {
            return pathOf(text);
        }
    };
    static final ITypeConverter<Integer> INT = new ITypeConverter<>() {
        @Override
        public Integer convert(String text) {
            // ASCII digits only: Integer.valueOf takes any script's (a port of "１６９６９" was accepted)
            if (!text.matches("[+-]?[0-9]+")) throw new TypeConversionException("expected a whole number, found '"
                    + text + "'");
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is out of range (" + Integer.MIN_VALUE + " to "
                        + Integer.MAX_VALUE + ")");
            }
        }
    };
    /** {@code --soc 2711|2712} (also bcm2711, pi4, ...), as {@code rpi-eeprom-digest -c} names the SoC. */
    static final ITypeConverter<Soc> SOC = new ITypeConverter<>() {
        @Override
        public Soc convert(String text) {
            return Soc.parse(text).orElseThrow(() -> new TypeConversionException(
                    "expected 2711 or 2712, found '" + text + "'"));
        }
    };
    static final List<String> SOCS = List.of("2711", "2712");
    /** Asked only for {@code --version}. */
    private static final IVersionProvider VERSION = new IVersionProvider() {
        @Override
        public String[] getVersion() {
            return EepromCli.version().split("\n");
        }
    };

    /** The exit codes every command has; a command with more lists its own. */
    static final Map<String, String> EXIT_CODES = exitCodes(
            "0", "Success.",
            "1", "Bad input: an image, config, key or file that cannot be used (one line on standard error).",
            "2", "Usage error: an unknown command or option, a missing or bad argument.");

    private Specs() {
    }

    /** A path argument: {@link TypeConversionException} when the text cannot name a file. */
    static Path pathOf(String text) {
        if (text.isEmpty()) throw new TypeConversionException("an empty path; give a file or folder name (. for here)");
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("not a path: '" + text + "' (" + e.getReason() + ")");
        }
    }

    /**
     * A command's model. The first sentence of {@code description} is the summary its parent's help lists; the
     * rest, and each further line, a paragraph. The user object is {@code command}, so that the runner finds what to
     * run.
     */
    static CommandSpec command(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(paragraphs(description)).sortOptions(false).sortSynopsis(false).width(80)
                .abbreviateSynopsis(false).exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        spec.versionProvider(VERSION);
        return spec;
    }

    /**
     * {@code -h}/{@code --help}, {@code -V}/{@code --version} and {@code --debug}, after a command's own options.
     * {@code --debug} is read from the words before parsing ({@link EepromCli#debug}): an error in the parse itself
     * shows its trace too.
     */
    static void addHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        if (!spec.optionsMap().containsKey(EepromCli.DEBUG))          // config has one, as rpi-eeprom-config
            spec.addOption(OptionSpec.builder(EepromCli.DEBUG)
                    .description("On an error, also print its stack trace (as EEPROM_DEBUG=1 does).").build());
    }

    /** The summary (up to the first ": ", "; " or ". "), then the rest and each further line, blank lines between. */
    static String[] paragraphs(String... description) {
        List<String> lines = new ArrayList<>();
        if (description.length > 0) {
            String first = description[0];
            int end = first.length();
            for (String stop : new String[] {": ", "; ", ". "}) {
                int at = first.indexOf(stop);
                if (at > 0 && at < end) end = at;
            }
            lines.add(end < first.length() ? first.substring(0, end) + "." : first);
            String rest = end < first.length() ? first.substring(end + 2) : "";
            if (!rest.isEmpty()) {
                lines.add("");
                lines.add(Character.toUpperCase(rest.charAt(0)) + rest.substring(1));
            }
        }
        for (int i = 1; i < description.length; i++) {
            lines.add("");
            lines.add(description[i]);
        }
        return lines.toArray(new String[0]);
    }

    /** {@code code, text, code, text...} in that order. */
    static Map<String, String> exitCodes(String... codesAndTexts) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (int i = 0; i < codesAndTexts.length; i += 2) codes.put(codesAndTexts[i], codesAndTexts[i + 1]);
        return codes;
    }

    /** The lines after the options: {@code "Examples:"} and indented examples, other sections likewise. */
    static void footer(CommandSpec spec, String... lines) {
        String[] withBreak = new String[lines.length + 1];
        withBreak[0] = "";
        System.arraycopy(lines, 0, withBreak, 1, lines.length);
        spec.usageMessage().footer(withBreak);
    }

    /**
     * {@code --ts N}, the {@code ts:} of the .sig files a command writes; its default is {@code $SOURCE_DATE_EPOCH}
     * (reproducible builds), and {@link Timestamps#sigTimestamp} takes the time now when both are unset.
     */
    static OptionSpec.Builder timestamp(String description) {
        return string("N", "--ts").defaultValue("${env:SOURCE_DATE_EPOCH}").preprocessor(Checks.TIMESTAMP)
                .description(description);
    }

    /** {@code --soc 2711|2712}: completion offers those two words. */
    static OptionSpec.Builder soc(String... names) {
        return OptionSpec.builder(names).paramLabel("2711|2712").type(Soc.class).converters(SOC)
                .completionCandidates(SOCS);
    }

    static OptionSpec.Builder flag(String... names) {
        return OptionSpec.builder(names);
    }

    static OptionSpec.Builder path(String label, String... names) {
        return OptionSpec.builder(names).paramLabel(label).type(Path.class).converters(PATH);
    }

    static OptionSpec.Builder string(String label, String... names) {
        return OptionSpec.builder(names).paramLabel(label).type(String.class);
    }

    static OptionSpec.Builder integer(String label, String... names) {
        return OptionSpec.builder(names).paramLabel(label).type(Integer.class).converters(INT);
    }

    /** A string option that takes one of {@code choices}: they are what completion offers. */
    static OptionSpec.Builder choice(List<String> choices, String label, String... names) {
        return string(label, names).completionCandidates(choices);
    }

    /** An option given any number of times: {@code --set A=1 --set B=2}. */
    static OptionSpec.Builder repeated(String label, String... names) {
        return OptionSpec.builder(names).paramLabel(label).type(List.class).auxiliaryTypes(String.class);
    }

    /** {@code --serial A B C}: one name takes the values up to the next option. */
    static OptionSpec.Builder greedy(String label, String... names) {
        return repeated(label, names).arity("1..*");
    }

    static PositionalParamSpec.Builder pathParameter(String label) {
        return PositionalParamSpec.builder().paramLabel(label).type(Path.class).converters(PATH);
    }

    /** Every remaining argument: {@code PATH...}. */
    static PositionalParamSpec.Builder pathParameters(String label) {
        return PositionalParamSpec.builder().paramLabel(label).type(List.class).auxiliaryTypes(Path.class)
                .converters(PATH).arity("1..*");
    }

}
