package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Json;
import io.github.pieeprom.netboot.dhcp.DhcpPacket;
import io.github.pieeprom.netboot.dhcp.PxeMenu;
import io.github.pieeprom.netboot.probe.BootDecision;
import io.github.pieeprom.netboot.probe.DhcpAnswer;
import io.github.pieeprom.netboot.probe.Fetched;
import io.github.pieeprom.netboot.probe.Finding;
import io.github.pieeprom.netboot.probe.PiModel;
import io.github.pieeprom.netboot.probe.Probe;
import io.github.pieeprom.netboot.probe.ProbeReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

final class BootProbeCommand implements Command {
    static final String INTERFACE = "--interface", SERIAL = "--serial", MAC = "--mac", MODEL = "--model",
            SERVER = "--server", TFTP_ONLY = "--tftp-only", JSON = "--json", TIMEOUT = "--timeout",
            FILE_TIMEOUT = "--file-timeout";
    private static final List<String> MODELS = List.of("pi4", "pi5", "cm4", "cm5");

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "probe",
                "See a network boot setup as a Pi of one serial would, before any Pi is plugged in: DHCP as its "
                        + "bootloader does, then the files it fetches over TFTP. Exit 0 when such a Pi would boot, 1 "
                        + "when it would not.",
                "It broadcasts the Pi's DISCOVER, collects every answer for the --timeout window, decides which gives "
                        + "the address and which the boot server, then fetches the files in the Pi's order with "
                        + "blksize 1468 and tsize. Each finding has a code, fail (a Pi would not boot) or warn, and "
                        + "what to change (docs/probe.md). Binding port 68 needs root or CAP_NET_BIND_SERVICE. It "
                        + "takes no lease and answers nothing.");
        spec.addOption(Specs.string("IF", INTERFACE).description("Broadcast on this interface (its broadcast address).").build());
        spec.addOption(Specs.string("S", SERIAL).defaultValue("00000000")
                .description("The serial to probe as, 8 hex digits (default 00000000: a board without a folder).").build());
        spec.addOption(Specs.string("MAC", MAC)
                .description("The MAC to send (default: the model's Raspberry Pi prefix and the serial's last 6 digits).").build());
        spec.addOption(Specs.choice(MODELS, "pi4|pi5|cm4|cm5", MODEL).defaultValue("pi4")
                .description("The board to act as (default pi4).").build());
        spec.addOption(Specs.string("ADDR", SERVER).description("Send the DISCOVER to this DHCP server only, by "
                + "unicast from port 67 with giaddr set, as a relay agent does.").build());
        spec.addOption(Specs.string("ADDR[:PORT]", TFTP_ONLY)
                .description("Skip DHCP: fetch the files from this TFTP server (for TFTP_IP setups).").build());
        spec.addOption(Specs.flag(JSON).description("One JSON object: {\"boots\", \"findings\", \"dhcp\", \"files\"}.").build());
        spec.addOption(Specs.integer("S", TIMEOUT).defaultValue("5").description("Seconds to collect DHCP answers (default 5).").build());
        spec.addOption(Specs.integer("MS", FILE_TIMEOUT).defaultValue("30000").description("The board's "
                + "TFTP_FILE_TIMEOUT in ms, 5000 or more (default 30000): a file that takes longer is slow-file.").build());
        Specs.footer(spec, "Examples:", "  eeprom boot probe --interface eth0 --serial 1234abcd",
                "  eeprom boot probe --model pi5 --serial 5b154510 --json", "  eeprom boot probe --tftp-only 10.0.0.1 --serial 1234abcd");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        String serial = ((String) args.get(SERIAL)).toLowerCase(Locale.ROOT);
        if (!serial.matches("[0-9a-f]{8}")) throw new UsageException("--serial takes 8 hex digits, got " + serial);
        String model = args.get(MODEL);
        if (!MODELS.contains(model)) throw new UsageException("--model is one of pi4, pi5, cm4, cm5, got " + model);
        String mac = args.get(MAC);
        if (mac != null && !mac.matches("(?i)[0-9a-f]{2}([:-][0-9a-f]{2}){5}"))
            throw new UsageException("--mac takes six hex bytes such as dc:a6:32:01:02:03, got " + mac);
        int timeout = args.get(TIMEOUT);
        if (timeout < 1 || timeout > 600) throw new UsageException("--timeout is 1..600 seconds, got " + timeout);
        int fileTimeout = args.get(FILE_TIMEOUT);
        if (fileTimeout < 5000) throw new UsageException("--file-timeout is 5000 ms or more (the bootloader's "
                + "minimum for TFTP_FILE_TIMEOUT), got " + fileTimeout);
        Probe.Settings settings = new Probe.Settings(Optional.ofNullable(args.get(INTERFACE)), serial,
                Optional.ofNullable(mac).map(m -> m.toLowerCase(Locale.ROOT).replace('-', ':')),
                PiModel.valueOf(model.toUpperCase(Locale.ROOT)), Optional.ofNullable((String) args.get(SERVER))
                .map(a -> (Inet4Address) address(a, SERVER)), Optional.ofNullable((String) args.get(TFTP_ONLY))
                .map(BootProbeCommand::tftp), Duration.ofSeconds(timeout), Duration.ofMillis(fileTimeout));
        ProbeReport report = Probe.run(settings);
        PrintWriter out = console.out();
        if (args.flag(JSON)) out.print(Json.write(json(report)));
        else text(report, serial, model, out);
        out.flush();
        return report.boots() ? 0 : 1;
    }

    private static void text(ProbeReport r, String serial, String model, PrintWriter out) {
        for (DhcpAnswer a : r.dhcp()) {
            DhcpPacket p = a.packet();
            out.printf("dhcp  %-21s %s%s%s%n", a.server(), p.yiaddr().isAnyLocalAddress() ? "no address"
                    : "address " + p.yiaddr().getHostAddress(), p.options().text(DhcpPacket.VENDOR_CLASS)
                    .map(v -> ", option 60 " + v).orElse(""), menu(p).map(m -> ", option 43 " + m).orElse(""));
        }
        r.decision().ifPresent(d -> out.printf("chose address from %s, boot server %s, TFTP %s%n",
                d.address().map(DhcpAnswer::server).orElse("none"), d.boot().map(DhcpAnswer::server).orElse("none"),
                d.tftpServer().map(Inet4Address::getHostAddress).orElse("none")));
        for (Fetched f : r.files())
            out.printf("tftp  %-32s %s%n", f.name(), f.found() ? "%d bytes %d ms%s".formatted(f.bytes(), f.ms(),
                    f.oack() ? "" : " no-oack") : f.error().orElse("not found"));
        for (Finding f : r.findings())
            out.printf("%s  %s: %s%n", f.severity().name().toLowerCase(Locale.ROOT), f.code(), f.message());
        out.printf("a %s of serial %s would %s%n", model, serial, r.boots() ? "boot" : "not boot");
    }

    /** How option 43 reads: a PXE menu's first item, or the plain string. */
    private static Optional<String> menu(DhcpPacket p) {
        return p.options().bytes(DhcpPacket.VENDOR_OPTIONS).map(v -> {
            String text = new String(v, StandardCharsets.ISO_8859_1);
            return PxeMenu.firstItem(v).map(m -> "menu \"" + EepromException.printable(m) + "\"")
                    .orElse(text.matches("[\\x20-\\x7e]*") ? "string \"" + text + "\""
                            : "no boot menu (" + HexFormat.of().formatHex(v) + ")");
        });
    }

    private static Map<String, Object> json(ProbeReport r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("boots", r.boots());
        o.put("findings", r.findings().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", f.code());
            m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            m.put("message", f.message());
            return m;
        }).toList());
        BootDecision d = r.decision().orElse(null);
        o.put("dhcp", r.dhcp().stream().map(a -> {
            DhcpPacket p = a.packet();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("server", a.server());
            m.put("yiaddr", p.yiaddr().getHostAddress());
            m.put("siaddr", p.siaddr().getHostAddress());
            m.put("serverId", p.options().address(DhcpPacket.SERVER_ID).map(Inet4Address::getHostAddress).orElse(""));
            m.put("vendorClass", p.options().text(DhcpPacket.VENDOR_CLASS).orElse(""));
            m.put("option43", menu(p).orElse(""));
            m.put("tftpServerName", p.options().text(DhcpPacket.TFTP_SERVER).orElse(""));
            m.put("givesAddress", d != null && d.address().filter(a::equals).isPresent());
            m.put("bootServer", d != null && d.boot().filter(a::equals).isPresent());
            return m;
        }).toList());
        o.put("files", r.files().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("from", f.from());
            m.put("found", f.found());
            m.put("bytes", f.bytes());
            m.put("ms", f.ms());
            m.put("oack", f.oack());
            return m;
        }).toList());
        return o;
    }

    private static InetAddress address(String text, String option) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}"))
            throw new UsageException(option + " takes an IPv4 address such as 10.0.0.1, got " + text);
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new UsageException(option + " takes an IPv4 address, got " + text);
        }
    }

    private static InetSocketAddress tftp(String text) {
        int colon = text.indexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        String port = colon < 0 ? "69" : text.substring(colon + 1);
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)
            throw new UsageException(TFTP_ONLY + " takes ADDR or ADDR:PORT, got " + text);
        return new InetSocketAddress(address(host, TFTP_ONLY), Integer.parseInt(port));
    }
}
