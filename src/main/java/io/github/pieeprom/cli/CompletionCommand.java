package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Completion;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;

final class CompletionCommand implements Command {
    enum Shell { bash, zsh }

    static final Arg<Shell> SHELL = Arg.positional(Converters.enumOf(Shell.class), "SHELL").help("bash or zsh");
    static final Definition DEFINITION = Definition.of("completion", SHELL)
            .describe("Print a shell completion script for eeprom.")
            .footer("Examples:", "  source <(eeprom completion bash)",
                    "  source <(eeprom completion zsh)     (zsh; add the line to ~/.zshrc to keep it)");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) {
        String script = Completion.bash(new EepromCli());
        if (args.get(SHELL) == Shell.zsh) script = "autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n" + script;
        console.out().print(script);
        console.out().flush();
        return 0;
    }
}
