package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.PropertyEdits;
import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Converters;
import java.util.List;

/** The {@code --set}, {@code --unset} and {@code --section} options of {@code edit} and {@code apply}. */
final class ConfigEdits {
    static final Arg<String> SET = Arg.option(Converters.STRING, "KEY=VALUE", "--set").repeatable()
            .help("Set a property: its line is rewritten, or added at the end of the section.");
    static final Arg<String> UNSET = Arg.option(Converters.STRING, "KEY", "--unset").repeatable()
            .help("Remove every line of a property in the section.");
    static final Arg<String> SECTION = Arg.option(Converters.STRING, "FILTER", "--section")
            .defaultValue(BootConfig.ALL).help("The section to edit, as in its [FILTER] line (default: all).");
    static final List<Arg<?>> OPTIONS = List.of(SET, UNSET, SECTION);

    private ConfigEdits() {
    }

    /** The options as edits; a {@code --set} without {@code =} is a usage error. */
    static PropertyEdits of(Args args) {
        return new PropertyEdits(KeyValues.parse("--set", "KEY", args.all(SET)), args.all(UNSET), args.get(SECTION));
    }
}
