package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Finding;
import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Converters;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The {@code --set}, {@code --unset} and {@code --section} options of {@code edit} and {@code apply}, as given. */
record ConfigEdits(List<String> sets, List<String> unsets, String section) {
    static final Arg<String> SET = Arg.option(Converters.STRING, "KEY=VALUE", "--set").repeatable()
            .help("Set a property: its line is rewritten, or added at the end of the section.");
    static final Arg<String> UNSET = Arg.option(Converters.STRING, "KEY", "--unset").repeatable()
            .help("Remove every line of a property in the section.");
    static final Arg<String> SECTION = Arg.option(Converters.STRING, "FILTER", "--section")
            .defaultValue(BootConfig.ALL).help("The section to edit, as in its [FILTER] line (default: all).");
    static final List<Arg<?>> OPTIONS = List.of(SET, UNSET, SECTION);

    static ConfigEdits of(Args args) {
        return new ConfigEdits(args.all(SET), args.all(UNSET), args.get(SECTION));
    }

    boolean isEmpty() {
        return sets.isEmpty() && unsets.isEmpty();
    }

    /** Applies the edits; every other line keeps its bytes. Notes unsetting a key that is not there on {@code err}. */
    BootConfig applyTo(BootConfig config, PrintWriter err) {
        BootConfig out = config;
        for (Map.Entry<String, String> set : KeyValues.parse("--set", "KEY", sets).entrySet())
            out = out.with(section, set.getKey(), set.getValue());
        for (String key : unsets) {
            if (!out.has(section, key)) err.printf("eeprom: note: %s is not set in [%s]%n", key, section);
            out = out.without(section, key);
        }
        return out;
    }

    /** Refuses an edited config with errors: they are printed on {@code err}, and nothing is written. */
    static void requireValid(BootConfig edited, List<Finding> findings, PrintWriter err) {
        List<Finding> errors = findings.stream().filter(Finding::isError).toList();
        errors.forEach(f -> err.println(Findings.text(new Findings.InFile(edited.file(), f))));
        if (!errors.isEmpty()) throw EepromException.in(edited.file(), "the edited config has %d error%s; nothing written",
                errors.size(), errors.size() == 1 ? "" : "s");
    }
}
