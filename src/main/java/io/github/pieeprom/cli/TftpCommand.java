package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.cli.args.Group;

/** {@code eeprom tftp ...}: network-boot tools over TFTP. */
final class TftpCommand implements Group {
    static final Definition DEFINITION = Definition.of("tftp")
            .describe("Serve and check network-boot trees over TFTP.")
            .subcommands("serve", "stage", "check");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public Command subcommand(String name) {
        return switch (name) {
            case "serve" -> new TftpServeCommand();
            case "stage" -> new TftpStageCommand();
            case "check" -> new TftpCheckCommand();
            default -> null;
        };
    }
}
