package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.netboot.NetbootSettings;
import io.github.pieeprom.netboot.Prefix;
import io.github.pieeprom.signing.SigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

final class NetbootCommand implements Command {
    static final String IMAGE = "IMAGE";
    static final String OUT = "--out";
    static final String BOOT_ORDER = "--boot-order";
    static final String MAX_RETRIES = "--max-retries";
    static final String TFTP_IP = "--tftp-ip";
    static final String PREFIX = "--tftp-prefix";
    static final String PREFIX_STR = "--tftp-prefix-str";
    static final String CLIENT_IP = "--client-ip";
    static final String SUBNET = "--subnet";
    static final String GATEWAY = "--gateway";
    static final String SET = "--set";
    static final String NETCONSOLE = "--netconsole";
    static final String TS = "--ts";
    static final String DRY_RUN = "--dry-run";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "netboot",
                "Write an image that boots from the network: the image's own config with the network "
                            + "properties set by their real names (every other line and comment kept), checked by "
                            + "the validator, and OUT.sig beside it (sha256, ts:, target-soc:), as rpi-eeprom-update "
                            + "stages pieeprom.upd.",
                    "BOOT_ORDER is read right to left: 0xf21 tries the SD card, then the network, then starts over; "
                            + "0xf12 tries the network first.");
        spec.addPositional(Specs.pathParameter("IMAGE")
                .description("The image to start from.").index("0").required(true).build());
        spec.addOption(Specs.path("OUT", "-o", "--out")
                .description("The new image; OUT.sig is written beside it (not with --dry-run).").build());
        spec.addOption(Specs.string("HEX", "--boot-order")
                .description("BOOT_ORDER (default: 0xf21).").defaultValue("0xf21").build());
        spec.addOption(Specs.integer("N", "--max-retries")
                .description("NET_BOOT_MAX_RETRIES (-1: forever).").build());
        spec.addOption(Specs.string("IP", "--tftp-ip")
                .description("TFTP_IP: the TFTP server, instead of DHCP's.").build());
        spec.addOption(OptionSpec.builder("--tftp-prefix").paramLabel("serial|mac|string").type(Prefix.class)
                .converters(NetbootWords.PREFIX)
                .completionCandidates(NetbootWords.PREFIX.words())
                .description("TFTP_PREFIX=0|2|1: the board's folder is its serial, its MAC, or --tftp-prefix-str.")
                .build());
        spec.addOption(Specs.string("STR", "--tftp-prefix-str").converters(Checks.PREFIX_STRING)
                .description("TFTP_PREFIX_STR, ending in / (at most 32 characters).").build());
        spec.addOption(Specs.string("IP", "--client-ip")
                .description("CLIENT_IP: a static address (needs --subnet and --tftp-ip).").build());
        spec.addOption(Specs.string("MASK", "--subnet")
                .description("SUBNET, with --client-ip.").build());
        spec.addOption(Specs.string("IP", "--gateway")
                .description("GATEWAY, with --client-ip.").build());
        spec.addOption(Specs.string("PORT@SERVER", NETCONSOLE)
                .description("NETCONSOLE: send the boot log to UDP PORT of SERVER (eeprom boot serve listens on "
                        + "6666).").build());
        spec.addOption(Specs.repeated("KEY=VALUE", "--set")
                .description("Any other property, set last.").build());
        spec.addOption(Specs.timestamp("The ts: of OUT.sig (default: $SOURCE_DATE_EPOCH, else now).").build());
        spec.addOption(Specs.flag("--dry-run")
                .description("Print the new config; write nothing.").build());
        StoredConfig.addOption(spec);
        Specs.footer(spec,
                "Examples:", "  eeprom netboot pieeprom.bin -o netboot.bin --max-retries 5",
                    "  eeprom netboot pieeprom.bin -o netboot.bin --tftp-ip 10.0.0.1 --tftp-prefix mac",
                    "  eeprom netboot pieeprom.bin -o netboot.bin --client-ip 10.0.0.50 --subnet 255.255.255.0 "
                            + "--tftp-ip 10.0.0.1",
                    "  eeprom netboot pieeprom.bin -o netboot.bin --dry-run        (prints the new config)");
        return spec;
    }

    /** {@code --set} pairs, with {@code --netconsole}'s NETCONSOLE first. */
    private static Map<String, String> extra(Parsed args) {
        Map<String, String> extra = new LinkedHashMap<>();
        String netconsole = args.get(NETCONSOLE);
        if (netconsole != null) {
            if (!netconsole.matches("[0-9]{1,5}@[0-9]{1,3}(\\.[0-9]{1,3}){3}"))
                throw new UsageException("--netconsole takes PORT@SERVER such as 6666@10.0.0.1, not " + netconsole);
            // src_port blank (6665) and src_ip 0.0.0.0: the board's address comes from DHCP (docs/boot.md §4)
            extra.put("NETCONSOLE", "@0.0.0.0/," + netconsole + "/");
        }
        Map<String, String> set = KeyValues.parse("--set", "KEY", args.all(SET));
        if (netconsole != null && set.containsKey("NETCONSOLE"))
            throw new UsageException("--netconsole and --set NETCONSOLE=... both set NETCONSOLE: give one");
        extra.putAll(set);
        return extra;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        if (!args.flag(DRY_RUN))                                   // a dry run prints the config, writes nothing
            Outputs.requireOut(args.get(OUT), "netboot writes an image and its .sig beside it", "netboot");
        String clientIp = args.get(CLIENT_IP);
        if ((args.has(SUBNET) || args.has(GATEWAY)) && clientIp == null)
            throw new UsageException("--subnet and --gateway go with --client-ip");
        if (clientIp != null && (!args.has(SUBNET) || !args.has(TFTP_IP)))
            throw new UsageException("--client-ip needs --subnet and --tftp-ip: the bootloader skips DHCP only then");
        if (args.get(PREFIX) == Prefix.STRING && !args.has(PREFIX_STR))
            throw new UsageException("--tftp-prefix string needs --tftp-prefix-str");
        Prefix prefix = args.get(PREFIX);
        if (prefix != null && prefix != Prefix.STRING && args.has(PREFIX_STR))
            throw new UsageException("--tftp-prefix-str goes with --tftp-prefix string (or none), not --tftp-prefix "
                    + prefix.word() + ": the bootloader reads TFTP_PREFIX_STR only with TFTP_PREFIX=1");
        NetbootSettings settings = new NetbootSettings(args.get(BOOT_ORDER), Optional.ofNullable(args.get(MAX_RETRIES)),
                Optional.ofNullable(args.get(TFTP_IP)), Optional.ofNullable(args.get(PREFIX)),
                Optional.ofNullable(args.get(PREFIX_STR)), Optional.ofNullable(clientIp),
                Optional.ofNullable(args.get(SUBNET)), Optional.ofNullable(args.get(GATEWAY)),
                extra(args));
        Path image = args.get(IMAGE);
        EepromImage source = Inputs.image(image);
        BootConfig config = settings.applyTo(BootConfig.parse(source.file() + " (bootconf.txt)", source.bootConfig()));
        for (String note : settings.notes()) console.err().println("eeprom: note: " + note);
        StoredConfig.check(config, source, args, console.err(), true);
        if (args.flag(DRY_RUN)) {
            Outputs.write(console, null, config.toBytes());
            return 0;
        }
        EepromImage written = source.withFile(EepromImage.BOOTCONF_TXT, config.toBytes());
        byte[] result = written.toByteArray();
        long timestamp = Timestamps.sigTimestamp(args, TS, Clock.systemUTC());
        Path out = args.get(OUT);
        Path sig = out.resolveSibling(out.getFileName() + ".sig");
        Outputs.notAnInput(sig, image, "the image to read");    // -o IMAGE is fine (in place); its .sig is not
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(out, result);
        files.put(sig, SigFile.of(result, timestamp, Optional.of(source.soc())).toByteArray());
        ImageFiles.write(files);                           // both or neither: an image without its .sig is no use
        console.err().printf("wrote %s and %s (%s)%n", out, sig, String.join(", ",
                settings.properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        StaleSignature.warn(source, written, out, console.err());
        return 0;
    }
}
