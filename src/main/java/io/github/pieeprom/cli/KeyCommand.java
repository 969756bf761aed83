package io.github.pieeprom.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

final class KeyCommand implements Group {
    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "key",
                "RSA keys for signed boot.");
        Specs.footer(spec,
                "Examples:", "  eeprom key convert public.pem pubkey.bin");
        return spec;
    }

    @Override
    public List<String> names() {
        return List.of("convert");
    }

    @Override
    public Command subcommand(String name) {
        return switch (name) {
            case "convert" -> new KeyConvertCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }
}
