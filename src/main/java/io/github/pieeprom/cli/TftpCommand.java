package io.github.pieeprom.cli;

import picocli.CommandLine.Command;

/** {@code eeprom tftp ...}: network-boot tools over TFTP. */
@Command(name = "tftp", mixinStandardHelpOptions = true, description = "Serve and check network-boot trees over TFTP.",
        subcommands = {TftpServeCommand.class, TftpStageCommand.class, TftpCheckCommand.class})
final class TftpCommand {
}
