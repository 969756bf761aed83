package io.github.pieeprom.cli.args;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command accepts and how its help reads: the one place a command is defined. The parser, the help, the
 * completion scripts and the man pages all read it. Every command also takes {@link #HELP} and {@link #VERSION}.
 *
 * @param exactlyOne groups of options of which exactly one must be given
 * @param subcommands the names of the subcommands, in the order help lists them; empty for a leaf command
 * @param footer lines printed after the options, as they are
 */
public record Definition(String name, List<String> description, List<Arg<?>> args,
        List<List<Arg<?>>> exactlyOne, List<String> subcommands, List<String> footer) {
    public static final Arg<Boolean> HELP = Arg.flag("-h", "--help").help("Show this help message and exit.");
    public static final Arg<Boolean> VERSION = Arg.flag("-V", "--version").help("Print version information and exit.");

    public static Definition of(String name, Arg<?>... args) {
        return new Definition(name, List.of(), List.of(args), List.of(), List.of(), List.of());
    }

    /** The first line is the summary that the parent's help lists; each line is a paragraph. */
    public Definition describe(String... lines) {
        return new Definition(name, List.of(lines), args, exactlyOne, subcommands, footer);
    }

    /** More arguments, after those given so far (a set shared by several commands). */
    public Definition with(List<Arg<?>> more) {
        List<Arg<?>> all = new ArrayList<>(args);
        all.addAll(more);
        return new Definition(name, description, List.copyOf(all), exactlyOne, subcommands, footer);
    }

    /** Options of which exactly one must be given; they are added to the arguments. */
    public Definition exactlyOneOf(Arg<?>... group) {
        List<List<Arg<?>>> groups = new ArrayList<>(exactlyOne);
        groups.add(List.of(group));
        return new Definition(name, description, args, List.copyOf(groups), subcommands, footer)
                .with(List.of(group));
    }

    public Definition subcommands(String... names) {
        return new Definition(name, description, args, exactlyOne, List.of(names), footer);
    }

    public Definition footer(String... lines) {
        return new Definition(name, description, args, exactlyOne, subcommands, List.of(lines));
    }

    /** The arguments help lists: the command's own, then help and version. */
    public List<Arg<?>> allArgs() {
        List<Arg<?>> all = new ArrayList<>(args);
        all.add(HELP);
        all.add(VERSION);
        return all;
    }

    /** The first description line up to its first ": ", "; " or ". ": what the parent's help and man pages list. */
    public String summary() {
        if (description.isEmpty()) return "";
        String first = description.get(0);
        int end = first.length();
        for (String stop : new String[] {": ", "; ", ". "}) {
            int at = first.indexOf(stop);
            if (at > 0 && at < end) end = at;
        }
        return end < first.length() ? first.substring(0, end) + "." : first;
    }

}
