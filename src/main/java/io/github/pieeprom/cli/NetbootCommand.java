package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
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

final class NetbootCommand implements Command {
    static final Arg<Path> IMAGE = Arg.positional(Converters.PATH, "IMAGE").help("The image to start from.");
    static final Arg<Path> OUT = Arg.option(Converters.PATH, "OUT", "-o", "--out").required()
            .help("The new image; OUT.sig is written beside it.");
    static final Arg<String> BOOT_ORDER = Arg.option(Converters.STRING, "HEX", "--boot-order").defaultValue("0xf21")
            .help("BOOT_ORDER (default: 0xf21).");
    static final Arg<Integer> MAX_RETRIES = Arg.option(Converters.INT, "N", "--max-retries")
            .help("NET_BOOT_MAX_RETRIES (-1: forever).");
    static final Arg<String> TFTP_IP = Arg.option(Converters.STRING, "IP", "--tftp-ip")
            .help("TFTP_IP: the TFTP server, instead of DHCP's.");
    static final Arg<Prefix> PREFIX = Arg.option(NetbootWords.PREFIX, "serial|mac|string", "--tftp-prefix")
            .help("TFTP_PREFIX=0|2|1: the board's folder is its serial, its MAC, or --tftp-prefix-str.");
    static final Arg<String> PREFIX_STR = Arg.option(Converters.STRING, "STR", "--tftp-prefix-str")
            .help("TFTP_PREFIX_STR, ending in / (at most 32 characters).");
    static final Arg<String> CLIENT_IP = Arg.option(Converters.STRING, "IP", "--client-ip")
            .help("CLIENT_IP: a static address (needs --subnet and --tftp-ip).");
    static final Arg<String> SUBNET = Arg.option(Converters.STRING, "MASK", "--subnet")
            .help("SUBNET, with --client-ip.");
    static final Arg<String> GATEWAY = Arg.option(Converters.STRING, "IP", "--gateway")
            .help("GATEWAY, with --client-ip.");
    static final Arg<String> SET = Arg.option(Converters.STRING, "KEY=VALUE", "--set").repeatable()
            .help("Any other property, set last.");
    static final Arg<String> TS = Arg.option(Converters.STRING, "N", "--ts")
            .help("The ts: of OUT.sig (default: $SOURCE_DATE_EPOCH, else now).");
    static final Arg<Boolean> DRY_RUN = Arg.flag("--dry-run").help("Print the new config; write nothing.");
    static final Definition DEFINITION = Definition.of("netboot", IMAGE, OUT, BOOT_ORDER, MAX_RETRIES, TFTP_IP, PREFIX,
                    PREFIX_STR, CLIENT_IP, SUBNET, GATEWAY, SET, TS, DRY_RUN)
            .describe("Write an image that boots from the network: the image's own config with the network "
                            + "properties set by their real names (every other line and comment kept), checked by "
                            + "the validator, and OUT.sig beside it (sha256, ts:, target-soc:), as rpi-eeprom-update "
                            + "stages pieeprom.upd.",
                    "BOOT_ORDER is read right to left: 0xf21 tries the SD card, then the network, then starts over; "
                            + "0xf12 tries the network first.")
            .footer("Examples:", "  eeprom netboot pieeprom.bin -o netboot.bin --max-retries 5",
                    "  eeprom netboot pieeprom.bin -o netboot.bin --tftp-ip 10.0.0.1 --tftp-prefix mac",
                    "  eeprom netboot pieeprom.bin -o netboot.bin --client-ip 10.0.0.50 --subnet 255.255.255.0 "
                            + "--tftp-ip 10.0.0.1",
                    "  eeprom netboot pieeprom.bin -o netboot.bin --dry-run        (prints the new config)");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        if (!args.get(DRY_RUN))                                   // a dry run prints the config, writes nothing
            Outputs.notStandardOutput(args.get(OUT), "netboot writes an image and its .sig beside it");
        String clientIp = args.get(CLIENT_IP);
        if ((args.has(SUBNET) || args.has(GATEWAY)) && clientIp == null)
            throw new UsageException("--subnet and --gateway go with --client-ip");
        if (clientIp != null && (!args.has(SUBNET) || !args.has(TFTP_IP)))
            throw new UsageException("--client-ip needs --subnet and --tftp-ip: the bootloader skips DHCP only then");
        if (args.get(PREFIX) == Prefix.STRING && !args.has(PREFIX_STR))
            throw new UsageException("--tftp-prefix string needs --tftp-prefix-str");
        NetbootSettings settings = new NetbootSettings(args.get(BOOT_ORDER), Optional.ofNullable(args.get(MAX_RETRIES)),
                Optional.ofNullable(args.get(TFTP_IP)), Optional.ofNullable(args.get(PREFIX)),
                Optional.ofNullable(args.get(PREFIX_STR)), Optional.ofNullable(clientIp),
                Optional.ofNullable(args.get(SUBNET)), Optional.ofNullable(args.get(GATEWAY)),
                KeyValues.parse("--set", "KEY", args.all(SET)));
        Path image = args.get(IMAGE);
        EepromImage source = ImageFiles.read(image);
        BootConfig config = settings.applyTo(BootConfig.parse(image + " (bootconf.txt)", source.bootConfig()));
        Findings.refuseErrors(config, Validator.checkInImage(config, source.soc()), console.err());
        if (args.get(DRY_RUN)) {
            Outputs.write(console, null, config.toBytes());
            return 0;
        }
        EepromImage written = source.withFile(EepromImage.BOOTCONF_TXT, config.toBytes());
        byte[] result = written.toByteArray();
        long timestamp = Timestamps.sigTimestamp(args.get(TS), System::getenv, Clock.systemUTC());
        Path out = args.get(OUT);
        Path sig = out.resolveSibling(out.getFileName() + ".sig");
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
