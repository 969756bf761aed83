package io.github.pieeprom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "key", mixinStandardHelpOptions = true, subcommands = KeyConvertCommand.class,
        description = "RSA keys for signed boot.",
        footerHeading = "%nExamples:%n", footer = "  eeprom key convert public.pem pubkey.bin")
final class KeyCommand implements Callable<Integer> {
    @ParentCommand EepromCli root;

    @Override
    public Integer call() {
        throw new UsageException("give a subcommand: eeprom key convert IN OUT");
    }
}
