package io.github.pieeprom.cli;

import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script for eeprom.",
        footerHeading = "%nExamples:%n",
        footer = {"  source <(eeprom completion bash)", "  eeprom completion zsh > ~/.zfunc/_eeprom"})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh") Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("eeprom", EepromCli.commandLine(OutputStream.nullOutputStream()));
        if (shell == Shell.zsh) script = "autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n" + script;
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
