package io.github.pieeprom.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code eeprom boot ...}: network-booting boards: the server that boots them, what it saw, their profiles. */
final class BootCommand implements Group {
    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "boot",
                "Network-boot Pis: one boot server (proxy DHCP, TFTP, boot logs, a board inventory), and which "
                        + "profile each board boots.");
        Specs.footer(spec, "Examples:", "  eeprom boot serve --root /srv/tftp --bind 10.0.0.1",
                "  eeprom boot status --root /srv/tftp", "  eeprom boot logs --root /srv/tftp 5b154510 --follow",
                "  eeprom boot dhcp-config --for dnsmasq --server 10.0.0.1 --subnet 10.0.0.0/24",
                "  eeprom boot set --root /srv/tftp 1234abcd installer", "  eeprom boot list --root /srv/tftp",
                "  eeprom boot probe --interface eth0 --serial 1234abcd");
        return spec;
    }

    @Override
    public List<String> names() {
        return List.of("serve", "status", "logs", "dhcp-config", "set", "list", "probe");
    }

    @Override
    public Command subcommand(String name) {
        return switch (name) {
            case "serve" -> new BootServeCommand();
            case "status" -> new BootStatusCommand();
            case "logs" -> new BootLogsCommand();
            case "dhcp-config" -> new BootDhcpConfigCommand();
            case "set" -> new BootSetCommand();
            case "list" -> new BootListCommand();
            case "probe" -> new BootProbeCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }
}
