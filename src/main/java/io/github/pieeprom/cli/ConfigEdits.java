package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Finding;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code --set}, {@code --unset} and {@code --section} options of {@code edit} and {@code apply}, as given. */
record ConfigEdits(List<String> sets, List<String> unsets, String section) {
    static final String SET = "--set";
    static final String UNSET = "--unset";
    static final String SECTION = "--section";

    /** Adds {@code --set}, {@code --unset} and {@code --section} to a command; completion offers property names. */
    static void addOptions(CommandSpec spec) {
        spec.addOption(Specs.repeated("KEY=VALUE", SET).completionCandidates(PropertyNames.WITH_EQUALS)
                .description("Set a property: its line is rewritten, or added at the end of the section.").build());
        spec.addOption(Specs.repeated("KEY", UNSET).completionCandidates(PropertyNames.PLAIN)
                .description("Remove every line of a property in the section.").build());
        spec.addOption(Specs.string("FILTER", SECTION).defaultValue(BootConfig.ALL)
                .description("The section to edit, as in its [FILTER] line (default: all).").build());
    }

    static ConfigEdits of(Parsed args) {
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
