package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.cli.args.Group;

final class KeyCommand implements Group {
    static final Definition DEFINITION = Definition.of("key").describe("RSA keys for signed boot.")
            .subcommands("convert").footer("Examples:", "  eeprom key convert public.pem pubkey.bin");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public Command subcommand(String name) {
        return switch (name) {
            case "convert" -> new KeyConvertCommand();
            default -> null;
        };
    }
}
