package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** main builds only the named subcommand; a user must not be able to tell. */
class SubcommandOnlyTest {
    @Test
    void everySubcommandHelpsAndRejectsAsItDoesInTheWholeTree() {
        var names = EepromCli.commandLine(new ByteArrayOutputStream()).getSubcommands().keySet();
        assertThat(names).contains("info", "extract", "apply", "config", "completion");
        for (String name : names) {
            for (String[] args : new String[][] {{name, "--help"}, {name, "--no-such-option"}}) {
                assertThat(run(EepromCli.commandLine(new ByteArrayOutputStream(), args), args))
                        .as(String.join(" ", args))
                        .isEqualTo(run(EepromCli.commandLine(new ByteArrayOutputStream()), args));
            }
        }
    }

    @Test
    void buildsOnlyTheNamedSubcommand() {
        CommandLine cli = EepromCli.commandLine(new ByteArrayOutputStream(), "extract", "x.bin");
        assertThat(cli.getSubcommands().keySet()).containsExactly("extract");
        assertThat(cli.getCommandSpec().qualifiedName()).isEqualTo("eeprom");
    }

    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args) + "\n" + out;
    }
}
