package io.github.pieeprom.cli;

import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code eeprom completion bash|zsh}: picocli's completion script for the whole command tree. Options with a fixed
 * set of values complete those values, {@code --set} and {@code --unset} the catalogue's property names, file
 * options file names. The script is the same for both shells: under zsh it loads {@code bashcompinit} itself.
 */
final class CompletionCommand implements Command {
    enum Shell { bash, zsh }

    static final String SHELL = "SHELL";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "completion", "Print a shell completion script for eeprom.");
        spec.addPositional(PositionalParamSpec.builder().paramLabel("SHELL").type(Shell.class)
                .description("bash or zsh").index("0").required(true).build());
        Specs.footer(spec, "Examples:", "  source <(eeprom completion bash)",
                "  source <(eeprom completion zsh)     (zsh; add the line to ~/.zshrc to keep it)");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) {
        console.out().print(AutoComplete.bash("eeprom", new CommandLine(EepromCli.model(new EepromCli(), List.of()))));
        console.out().flush();
        return 0;
    }
}
