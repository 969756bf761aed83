package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.PropertyEdits;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code --set}, {@code --unset} and {@code --section} options of {@code edit} and {@code apply}. */
final class ConfigEdits {
    static final String SET = "--set";
    static final String UNSET = "--unset";
    static final String SECTION = "--section";

    private ConfigEdits() {
    }

    /** Adds {@code --set}, {@code --unset} and {@code --section} to a command; completion offers property names. */
    static void addOptions(CommandSpec spec) {
        spec.addOption(Specs.repeated("KEY=VALUE", SET).completionCandidates(PropertyNames.WITH_EQUALS)
                .description("Set a property: its line is rewritten, or added at the end of the section.").build());
        spec.addOption(Specs.repeated("KEY", UNSET).completionCandidates(PropertyNames.PLAIN)
                .description("Remove every line of a property in the section.").build());
        spec.addOption(Specs.string("FILTER", SECTION).defaultValue(BootConfig.ALL)
                .description("The section to edit, as in its [FILTER] line (default: all).").build());
    }

    /** The options as edits; a {@code --set} without {@code =} is a usage error. */
    static PropertyEdits of(Parsed args) {
        return new PropertyEdits(KeyValues.parse("--set", "KEY", args.all(SET)), args.all(UNSET), args.get(SECTION));
    }
}
