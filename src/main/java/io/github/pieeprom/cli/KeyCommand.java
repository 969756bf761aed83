package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Definition;

final class KeyCommand implements Command {
    static final Definition DEFINITION = Definition.of("key").describe("RSA keys for signed boot.")
            .subcommands("convert").footer("Examples:", "  eeprom key convert public.pem pubkey.bin");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) {
        throw new IllegalStateException("the runner dispatches to a subcommand");
    }

    @Override
    public Command subcommand(String name) {
        return switch (name) {
            case "convert" -> new KeyConvertCommand();
            default -> null;
        };
    }
}
