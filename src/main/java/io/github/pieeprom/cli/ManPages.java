package io.github.pieeprom.cli;

import io.github.pieeprom.image.BuildInfo;
import io.github.pieeprom.image.ImageFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A man page (troff, section 1) per command ({@code eeprom.1}, {@code eeprom-tftp-serve.1}, ...), from the same
 * picocli models the parser and the help use: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, COMMANDS, the footer's sections
 * (EXAMPLES, ...), EXIT STATUS from the model's exit codes, ENVIRONMENT from the options whose default is a
 * {@code ${env:NAME}} (and {@code EEPROM_DEBUG} and the launcher's {@code JAVA_HOME}), SEE ALSO. Run by the build
 * (picocli's own generator writes AsciiDoc, which would need Asciidoctor to become a man page).
 */
public final class ManPages {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern ENV_IN_TEXT = Pattern.compile("\\$([A-Z][A-Z0-9_]{2,})");

    private ManPages() {
    }

    /**
     * {@code args[0]}: the folder to write into; {@code args[1]}, if given: the pages' date, as the build's
     * {@code project.build.outputTimestamp} (an ISO-8601 instant or seconds since 1970), so that a rebuild of the
     * same commit writes the same pages.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        LocalDate date = args.length > 1 ? buildDate(args[1]) : date(System.getenv("SOURCE_DATE_EPOCH"));
        for (Map.Entry<String, String> page : pages(date).entrySet())
            ImageFiles.write(dir.resolve(page.getKey()), page.getValue().getBytes(StandardCharsets.UTF_8));
    }

    /** Every page by its file name, {@code date} on each: the build gives it, so that the pages are reproducible. */
    static Map<String, String> pages(LocalDate date) {
        CommandLine root = new CommandLine(EepromCli.model(new EepromCli(), List.of()));
        List<CommandSpec> all = new ArrayList<>();
        collect(root.getCommandSpec(), all);
        String version = EepromCli.version().lines().findFirst().orElseThrow();
        Map<String, String> pages = new LinkedHashMap<>();
        for (CommandSpec spec : all) pages.put(title(spec) + ".1", page(spec, all, version, date));
        return pages;
    }

    /** The pages' date: {@code SOURCE_DATE_EPOCH}'s, as reproducible builds set it, else today (UTC). */
    static LocalDate date(String sourceDateEpoch) {
        return sourceDateEpoch == null || sourceDateEpoch.isBlank() ? LocalDate.now(ZoneOffset.UTC)
                : BuildInfo.dateOf(Long.parseLong(sourceDateEpoch.strip()));
    }

    /** A {@code project.build.outputTimestamp}'s date (UTC). */
    static LocalDate buildDate(String outputTimestamp) {
        return outputTimestamp.matches("[0-9]+") ? BuildInfo.dateOf(Long.parseLong(outputTimestamp))
                : LocalDate.ofInstant(Instant.parse(outputTimestamp), ZoneOffset.UTC);
    }

    private static void collect(CommandSpec spec, List<CommandSpec> all) {
        all.add(spec);
        for (CommandLine sub : spec.subcommands().values()) collect(sub.getCommandSpec(), all);
    }

    /** {@code eeprom-tftp-serve}. */
    static String title(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    static String page(CommandSpec spec, List<CommandSpec> all, String version, LocalDate date) {
        String[] description = spec.usageMessage().description();
        StringBuilder s = new StringBuilder();
        s.append(".TH \"").append(title(spec).toUpperCase()).append("\" 1 \"").append(date).append("\" \"")
                .append(escape(version)).append("\" \"User Commands\"\n.ad l\n.nh\n");
        s.append(".SH NAME\n").append(escape(title(spec))).append(" \\- ")
                .append(escape(description.length == 0 ? "" : text(description[0]))).append('\n');
        String synopsis = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).strip();
        s.append(".SH SYNOPSIS\n.nf\n").append(escape(synopsis)).append("\n.fi\n");
        if (description.length > 0) {
            s.append(".SH DESCRIPTION\n");
            for (String paragraph : description)
                if (!paragraph.isEmpty()) s.append(".PP\n").append(escape(text(paragraph))).append('\n');
        }
        s.append(".SH OPTIONS\n");
        for (PositionalParamSpec p : spec.positionalParameters())
            item(s, p.paramLabel() + (p.isMultiValue() ? "..." : ""), p);
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) continue;
            String value = o.arity().max() == 0 ? "" : "=" + o.paramLabel() + (o.arity().max() > 1 ? "..." : "");
            item(s, String.join(", ", o.names()) + value, o);
        }
        if (!spec.subcommands().isEmpty()) {
            s.append(".SH COMMANDS\n");
            for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
                CommandSpec subSpec = sub.getValue().getCommandSpec();
                String[] subDescription = subSpec.usageMessage().description();
                s.append(".TP\n.B ").append(escape(sub.getKey())).append('\n')
                        .append(escape(subDescription.length == 0 ? "" : text(subDescription[0])))
                        .append("\nSee \\fB").append(escape(title(subSpec))).append("\\fR(1).\n");
            }
        }
        footer(s, spec.usageMessage().footer());
        s.append(".SH EXIT STATUS\n");
        for (Map.Entry<String, String> code : spec.usageMessage().exitCodeList().entrySet())
            s.append(".TP\n.B ").append(escape(code.getKey().strip())).append('\n').append(escape(code.getValue()))
                    .append('\n');
        s.append(".SH ENVIRONMENT\n");
        for (Map.Entry<String, String> variable : environment(spec).entrySet())
            s.append(".TP\n.B ").append(escape(variable.getKey())).append('\n').append(escape(variable.getValue()))
                    .append('\n');
        s.append(".SH SEE ALSO\n").append(seeAlso(spec, all)).append('\n');
        return s.toString();
    }

    private static void item(StringBuilder s, String names, ArgSpec arg) {
        s.append(".TP\n.B ").append(escape(names)).append('\n')
                .append(escape(text(String.join(" ", arg.description())))).append('\n');
    }

    /**
     * The variables the command reads: those its options default to ({@code ${env:NAME}}), those its help names
     * ({@code $NAME}), {@code EEPROM_DEBUG}, which every run reads, and {@code JAVA_HOME}, which the launcher reads.
     */
    static Map<String, String> environment(CommandSpec spec) {
        Map<String, String> variables = new LinkedHashMap<>();
        Map<OptionSpec, String> written = new LinkedHashMap<>();
        spec.interpolateVariables(false);                        // the defaults as written: ${env:NAME}
        for (OptionSpec o : spec.options()) written.put(o, o.defaultValue());
        spec.interpolateVariables(true);
        for (OptionSpec o : spec.options()) {
            String raw = written.get(o);
            Matcher m = ENV.matcher(raw == null ? "" : raw);
            if (m.find()) variables.put(m.group(1), "The default of " + o.longestName() + ": "
                    + text(String.join(" ", o.description())));
        }
        StringBuilder help = new StringBuilder();
        for (String line : spec.usageMessage().description()) help.append(line).append(' ');
        for (OptionSpec o : spec.options()) help.append(String.join(" ", o.description())).append(' ');
        Matcher named = ENV_IN_TEXT.matcher(help);
        while (named.find()) variables.putIfAbsent(named.group(1), "Read as the help above says.");
        variables.put(EepromCli.DEBUG_VARIABLE, "Set to anything but 0, as --debug: an error also prints its stack "
                + "trace.");
        variables.put("JAVA_HOME", "The Java runtime eeprom runs on (17 or later); without it, the java on the PATH "
                + "(a source checkout's ./eeprom: the newest JDK on the PATH and in the usual places).");
        return variables;
    }

    private static String seeAlso(CommandSpec spec, List<CommandSpec> all) {
        TreeSet<String> related = new TreeSet<>();
        for (CommandSpec other : all) {
            boolean family = other == spec.parent() || other.parent() == spec || other.parent() == spec.parent();
            if (other != spec && family) related.add(title(other));
        }
        related.add("eeprom");
        related.remove(title(spec));
        List<String> refs = new ArrayList<>();
        for (String name : related) refs.add("\\fB" + escape(name) + "\\fR(1)");
        refs.add("\\fBrpi-eeprom-config\\fR(1)");
        return String.join(", ", refs);
    }

    /** Footer lines: a line without indent ending in {@code :} starts a section; other lines are kept as they are. */
    private static void footer(StringBuilder s, String[] lines) {
        boolean literal = false;
        for (String raw : lines) {
            String line = text(raw);
            if (line.isBlank()) continue;
            if (!line.startsWith(" ") && line.endsWith(":")) {
                if (literal) s.append(".fi\n");
                s.append(".SH ").append(escape(line.substring(0, line.length() - 1).toUpperCase())).append("\n.nf\n");
                literal = true;
            } else {
                if (!literal) s.append(".SH NOTES\n.nf\n");
                literal = true;
                s.append(escape(line)).append('\n');
            }
        }
        if (literal) s.append(".fi\n");
    }

    /** A help text as picocli prints it: {@code %n} a line break, {@code %%} a percent sign. */
    private static String text(String format) {
        return format.replace("%n", "\n").replace("%%", "%");
    }

    private static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (out.length() > 0) out.append('\n');
            out.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
        }
        return out.toString();
    }
}
