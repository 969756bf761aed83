package io.github.pieeprom.cli.args;

import java.time.LocalDate;
import java.util.List;

/** A man page (troff, section 1) for one command of a tree: name, synopsis, description, options, footer. */
public final class ManPage {
    private ManPage() {
    }

    /** {@code date}: the page's date, given so that a build is reproducible. */
    public static String of(Tree entry, String version, LocalDate date) {
        Definition d = entry.command().definition();
        String title = entry.path().replace(' ', '-');
        StringBuilder s = new StringBuilder();
        s.append(".TH \"").append(title.toUpperCase()).append("\" 1 \"").append(date).append("\" \"")
                .append(escape(version)).append("\"\n.ad l\n.nh\n");
        s.append(".SH NAME\n").append(escape(title)).append(" \\- ").append(escape(d.summary())).append('\n');
        s.append(".SH SYNOPSIS\n.B ").append(escape(entry.path())).append("\n").append(escape(String.join(" ",
                Help.usage(d)))).append('\n');
        if (!d.description().isEmpty()) {
            s.append(".SH DESCRIPTION\n");
            for (String paragraph : d.description()) s.append(".PP\n").append(escape(paragraph)).append('\n');
        }
        s.append(".SH OPTIONS\n");
        for (Arg<?> arg : d.allArgs()) {
            String names = arg.isPositional() ? arg.label() : String.join(", ", arg.names())
                    + (arg.isFlag() ? "" : "=" + arg.label());
            s.append(".TP\n.B ").append(escape(names)).append('\n').append(escape(arg.description())).append('\n');
        }
        if (!d.subcommands().isEmpty()) {
            s.append(".SH COMMANDS\n");
            for (String name : d.subcommands()) {
                s.append(".TP\n.B ").append(escape(name)).append('\n')
                        .append(escape(entry.command().subcommand(name).definition().summary())).append('\n');
                s.append("See \\fB").append(escape(title + "-" + name)).append("\\fR(1).\n");
            }
        }
        if (!d.footer().isEmpty()) footer(s, d.footer());
        return s.toString();
    }

    /** Footer lines: a line without indent starts a section; indented lines are kept as they are. */
    private static void footer(StringBuilder s, List<String> lines) {
        boolean literal = false;
        for (String line : lines) {
            if (line.isEmpty()) continue;
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

    private static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
