package io.github.pieeprom.cli;

import io.github.pieeprom.Signals;
import io.github.pieeprom.netboot.boot.BootServer;
import io.github.pieeprom.netboot.boot.BootServerConfig;
import io.github.pieeprom.netboot.dhcp.DhcpEvent;
import io.github.pieeprom.netboot.dhcp.DhcpPacket;
import io.github.pieeprom.netboot.dhcp.PiFacts;
import io.github.pieeprom.netboot.dhcp.PiGuid;
import io.github.pieeprom.netboot.dhcp.PxeMenu;
import io.github.pieeprom.netboot.tftp.TftpConfig;
import io.github.pieeprom.EepromException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;

final class BootServeCommand implements Command {
    static final String ROOT = "--root", BIND = "--bind", TFTP_PORT = "--tftp-port", DHCP = "--dhcp",
            DHCP_PORT = "--dhcp-port", NETCONSOLE_PORT = "--netconsole-port", STATE = "--state", MENU = "--menu",
            LOG = "--log", JSON = "--json-log";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "serve",
                "Network-boot Pis: TFTP, a proxy DHCP that answers only Pis, and a NETCONSOLE receiver, in one "
                        + "process.",
                "The proxy never hands out addresses: the site's DHCP server keeps doing that. It answers a Pi's "
                        + "DISCOVER (option 60 PXEClient and option 97 RPi4/RPi5, or a Raspberry Pi MAC prefix) with "
                        + "option 43 as PXE sub-options and this server in siaddr, option 54 and option 66. What the "
                        + "boards do is kept in a state folder: see eeprom boot status and eeprom boot logs. Stops on "
                        + "Ctrl-C or SIGTERM.");
        spec.addOption(Specs.path("DIR", ROOT).description("The folder to serve over TFTP.").required(true).build());
        spec.addOption(Specs.string("ADDR", BIND)
                .description("The IPv4 address to serve on, named in the DHCP answers (needed with --dhcp proxy).")
                .build());
        spec.addOption(Specs.integer("N", TFTP_PORT).description("TFTP port (default: 69).").defaultValue("69")
                .build());
        spec.addOption(Specs.choice(List.of("proxy", "off"), "proxy|off", DHCP)
                .description("Answer Pis' DHCP as a proxy, or leave DHCP to another server (default: proxy).")
                .defaultValue("proxy").build());
        spec.addOption(Specs.integer("N", DHCP_PORT)
                .description("DHCP port (default: 67, which needs root or CAP_NET_BIND_SERVICE).").defaultValue("67")
                .build());
        spec.addOption(Specs.integer("N", NETCONSOLE_PORT)
                .description("UDP port for the boards' NETCONSOLE lines (default: 6666).").defaultValue("6666")
                .build());
        spec.addOption(Specs.path("DIR", STATE)
                .description("Keep the board inventory and logs here (default: ROOT/.eeprom-boot).").build());
        spec.addOption(Specs.string("TEXT", MENU)
                .description("The PXE menu text the boards look for: their PXE_OPTION43 (default: Raspberry Pi "
                        + "Boot).").defaultValue(PiFacts.MENU_TEXT).build());
        TftpTuning.addOptions(spec);
        spec.addOption(Specs.path("FILE", LOG).description("Append the log here (default: standard output).").build());
        spec.addOption(Specs.flag(JSON).description("One JSON object per line instead of text.").build());
        Specs.footer(spec, "Examples:", "  eeprom boot serve --root /srv/tftp --bind 10.0.0.1",
                "  eeprom boot serve --root /srv/tftp --dhcp off        (the site's DHCP server sends option 43)");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        int tftpPort = port(args, TFTP_PORT), dhcpPort = port(args, DHCP_PORT), netconsolePort = port(args,
                NETCONSOLE_PORT);
        boolean proxy = args.<String>get(DHCP).equals("proxy");
        if (!List.of("proxy", "off").contains(args.<String>get(DHCP)))
            throw new UsageException("--dhcp takes proxy or off, not " + args.get(DHCP));
        String bindText = args.get(BIND);
        InetAddress bind = bindText == null ? null : TftpServeCommand.bindAddress(bindText);
        if (proxy && !(bind instanceof Inet4Address) || proxy && bind.isAnyLocalAddress())
            throw new UsageException("--dhcp proxy needs --bind ADDR, the IPv4 address the boards fetch files from "
                    + "(or --dhcp off)" + (bind == null ? "" : "; " + bindText + " is not one: the proxy tells the "
                    + "boards this address"));
        PxeMenu.textProblem(args.get(MENU)).ifPresent(problem -> {
            throw new UsageException(MENU + ": " + problem);
        });
        UnaryOperator<TftpConfig> tuning = TftpTuning.of(args);
        Path root = TftpServeCommand.servedRoot(args.get(ROOT));
        TftpLog log = new TftpLog(TftpServeCommand.logWriter(args.get(LOG), console), args.flag(JSON),
                Clock.systemUTC());
        BootServerConfig config = new BootServerConfig(root, args.get(STATE), bind, tftpPort, proxy ? dhcpPort : -1,
                netconsolePort, args.get(MENU));
        BootServer server = BootServer.start(config, tuning, Clock.systemUTC(), log::record,
                e -> log.note("dhcp", dhcpLine(e)), note -> log.note("boot", note));
        try (Signals.Stop stopped = Signals.onStop(server::close)) {
            log.started(root, server.tftpAddress());
            if (proxy) log.note("dhcp", "proxy DHCP on port %d: Pis get boot server %s, menu \"%s\""
                    .formatted(server.dhcpPort(), bind.getHostAddress(), args.<String>get(MENU)));
            log.note("netconsole", "NETCONSOLE on port " + server.netconsolePort() + "; state in "
                    + server.stateFolder());
            server.awaitClose();
            return stopped.exitCode();
        } catch (InterruptedException e) {
            return 0;                                  // stopped in-process (the tests): as for SIGTERM
        } finally {
            server.close();
            log.summary();
        }
    }

    private static int port(Parsed args, String name) {
        int port = args.get(name);
        if (port < 0 || port > 65535) throw new UsageException(name + " " + port + " is outside 0..65535");
        return port;
    }

    /** One line for a DHCP event: who asked, what the proxy made of it. */
    static String dhcpLine(DhcpEvent event) {
        String from = event.source().getAddress().getHostAddress() + ":" + event.source().getPort();
        if (event instanceof DhcpEvent.Malformed m) return "from " + from + ": not a DHCP message: "
                + EepromException.printable(m.reason());
        if (event instanceof DhcpEvent.Failed f) return "from " + from + ": " + f.reason();
        DhcpPacket p = ((DhcpEvent.Received) event).packet();
        String type = switch (p.messageType().orElse(0)) {
            case DhcpPacket.DISCOVER -> "DISCOVER";
            case DhcpPacket.REQUEST -> "REQUEST";
            case DhcpPacket.INFORM -> "INFORM";
            case DhcpPacket.RELEASE -> "RELEASE";
            default -> "message type " + p.messageType().map(String::valueOf).orElse("none");
        };
        String who = p.options().bytes(DhcpPacket.CLIENT_GUID).flatMap(PiGuid::parse)
                .map(g -> " (" + (g.fourcc().isEmpty() ? "old GUID" : EepromException.printable(g.fourcc()) + " "
                        + g.revisionHex()) + ", serial " + g.serial() + ")").orElse("");
        String head = type + " from " + p.chaddr() + who;
        if (((DhcpEvent.Received) event).answer().isPresent()) return head + ": offered this boot server";
        if (p.op() != DhcpPacket.BOOTREQUEST) return head + ": a server's answer, ignored";
        if (p.messageType().orElse(0) != DhcpPacket.DISCOVER) return head + ": not a DISCOVER, left to the site's server";
        String vendor = p.options().text(DhcpPacket.VENDOR_CLASS).orElse("");
        return head + ": " + (vendor.startsWith(PiFacts.PXE_CLIENT) ? "a PXE client that is not a Pi ("
                + EepromException.printable(vendor) + "), ignored" : "not a PXE client, ignored");
    }
}
