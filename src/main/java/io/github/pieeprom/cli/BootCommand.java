package io.github.pieeprom.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code eeprom boot ...}: which profile each network-booting board boots. */
final class BootCommand implements Group {
    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "boot", "Switch network-booting boards between boot profiles.");
        Specs.footer(spec, "Examples:", "  eeprom boot set --root /srv/tftp 1234abcd installer",
                "  eeprom boot list --root /srv/tftp");
        return spec;
    }

    @Override
    public List<String> names() {
        return List.of("set", "list");
    }

    @Override
    public Command subcommand(String name) {
        return switch (name) {
            case "set" -> new BootSetCommand();
            case "list" -> new BootListCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }
}
