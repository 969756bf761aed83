package io.github.pieeprom.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code eeprom tftp ...}: network-boot tools over TFTP. */
final class TftpCommand implements Group {
    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "tftp",
                "Serve and check network-boot trees over TFTP.");
        Specs.footer(spec, "Examples:", "  eeprom tftp stage --boot boot/ --root /srv/tftp --serial 1234abcd",
                "  eeprom tftp check --root /srv/tftp --serial 1234abcd", "  eeprom tftp serve --root /srv/tftp");
        return spec;
    }

    @Override
    public List<String> names() {
        return List.of("serve", "stage", "check");
    }

    @Override
    public Command subcommand(String name) {
        return switch (name) {
            case "serve" -> new TftpServeCommand();
            case "stage" -> new TftpStageCommand();
            case "check" -> new TftpCheckCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }
}
