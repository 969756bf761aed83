package io.github.pieeprom.cli;

import io.github.pieeprom.netboot.boot.DhcpConfigs;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

final class BootDhcpConfigCommand implements Command {
    static final String FOR = "--for", SERVER = "--server", SUBNET = "--subnet", RANGE = "--range",
            INTERFACE = "--interface", MENU = "--menu";
    private static final List<String> SERVERS = List.of("dnsmasq", "kea", "isc");

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "dhcp-config",
                "Print a DHCP server config that boots Pis as eeprom boot serve's proxy does.",
                "For sites that keep their own DHCP server: Pis (option 97 RPi4/RPi5, or a Raspberry Pi MAC prefix) "
                        + "get option 60 PXEClient, option 43 as PXE sub-options and the TFTP server in siaddr and "
                        + "option 66. Without --range, a dnsmasq proxy beside the site's server; with it, a full "
                        + "server (dnsmasq, Kea or ISC dhcpd; Kea and dhcpd have no proxy mode). Check it with "
                        + "dnsmasq --test -C FILE, kea-dhcp4 -t FILE or dhcpd -t -cf FILE.");
        spec.addOption(Specs.choice(SERVERS, "dnsmasq|kea|isc", FOR).description("The DHCP server.").required(true)
                .build());
        spec.addOption(Specs.string("ADDR", SERVER).description("The TFTP server's IPv4 address.").required(true)
                .build());
        spec.addOption(Specs.string("NET", SUBNET).description("The boards' network, e.g. 10.0.0.0/24.")
                .required(true).build());
        spec.addOption(Specs.string("FIRST,LAST", RANGE)
                .description("Hand out these addresses too (a full server).").build());
        spec.addOption(Specs.string("IF", INTERFACE).description("Serve on this interface only.").build());
        spec.addOption(Specs.string("TEXT", MENU).description("The PXE menu text (default: Raspberry Pi Boot).")
                .defaultValue(PiFacts.MENU_TEXT).build());
        Specs.footer(spec, "Examples:",
                "  eeprom boot dhcp-config --for dnsmasq --server 10.0.0.1 --subnet 10.0.0.0/24 > /etc/dnsmasq.d/pi.conf",
                "  eeprom boot dhcp-config --for kea --server 10.0.0.1 --subnet 10.0.0.0/24 --range 10.0.0.100,10.0.0.199");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) {
        String kind = args.get(FOR);
        if (!SERVERS.contains(kind)) throw new UsageException("--for takes dnsmasq, kea or isc, not " + kind);
        String server = args.get(SERVER);
        if (!server.matches("\\d{1,3}(\\.\\d{1,3}){3}"))
            throw new UsageException("--server takes an IPv4 address, not " + server);
        DhcpConfigs configs = new DhcpConfigs(server, args.get(SUBNET), args.has(RANGE) ? args.get(RANGE) : "",
                args.has(INTERFACE) ? args.get(INTERFACE) : "", args.get(MENU));
        console.out().print(configs.render(DhcpConfigs.Kind.valueOf(kind.toUpperCase(Locale.ROOT))));
        console.out().flush();
        return 0;
    }
}
