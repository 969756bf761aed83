package io.github.pieeprom.cli;

import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Validator;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.netboot.NetbootSettings;
import io.github.pieeprom.netboot.Prefix;
import io.github.pieeprom.signing.SigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "netboot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write an image that boots from the network: the image's own config with the network "
                + "properties set by their real names (every other line and comment kept), checked by the validator, "
                + "and OUT.sig beside it (sha256, ts:, target-soc:), as rpi-eeprom-update stages pieeprom.upd.",
                "BOOT_ORDER is read right to left: 0xf21 tries the SD card, then the network, then starts over; "
                        + "0xf12 tries the network first."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom netboot pieeprom.bin -o netboot.bin --max-retries 5",
                "  eeprom netboot pieeprom.bin -o netboot.bin --tftp-ip 10.0.0.1 --tftp-prefix mac",
                "  eeprom netboot pieeprom.bin -o netboot.bin --client-ip 10.0.0.50 --subnet 255.255.255.0 "
                        + "--tftp-ip 10.0.0.1",
                "  eeprom netboot pieeprom.bin -o netboot.bin --dry-run        (prints the new config)"})
final class NetbootCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand EepromCli root;
    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to start from.") Path image;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "The new image; OUT.sig is written beside it.")
    Path out;
    @Option(names = "--boot-order", paramLabel = "HEX", defaultValue = "0xf21",
            description = "BOOT_ORDER (default: ${DEFAULT-VALUE}).") String bootOrder;
    @Option(names = "--max-retries", paramLabel = "N", description = "NET_BOOT_MAX_RETRIES (-1: forever).")
    Integer maxRetries;
    @Option(names = "--tftp-ip", paramLabel = "IP", description = "TFTP_IP: the TFTP server, instead of DHCP's.")
    String tftpIp;
    @Option(names = "--tftp-prefix", paramLabel = "serial|mac|string", converter = NetbootWords.PrefixWord.class,
            description = "TFTP_PREFIX=0|2|1: the board's folder is its serial, its MAC, or --tftp-prefix-str.")
    Prefix prefix;
    @Option(names = "--tftp-prefix-str", paramLabel = "STR", description = "TFTP_PREFIX_STR, ending in / (at most 32 characters).")
    String prefixString;
    @Option(names = "--client-ip", paramLabel = "IP", description = "CLIENT_IP: a static address (needs --subnet and --tftp-ip).")
    String clientIp;
    @Option(names = "--subnet", paramLabel = "MASK", description = "SUBNET, with --client-ip.") String subnet;
    @Option(names = "--gateway", paramLabel = "IP", description = "GATEWAY, with --client-ip.") String gateway;
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any other property, set last.")
    List<String> sets = new ArrayList<>();
    @Option(names = "--ts", paramLabel = "N", description = "The ts: of OUT.sig (default: $SOURCE_DATE_EPOCH, else now).")
    String ts;
    @Option(names = "--dry-run", description = "Print the new config; write nothing.") boolean dryRun;

    @Override
    public Integer call() throws IOException {
        if ((subnet != null || gateway != null) && clientIp == null)
            throw new UsageException("--subnet and --gateway go with --client-ip");
        if (clientIp != null && (subnet == null || tftpIp == null))
            throw new UsageException("--client-ip needs --subnet and --tftp-ip: the bootloader skips DHCP only then");
        if (prefix == Prefix.STRING && prefixString == null)
            throw new UsageException("--tftp-prefix string needs --tftp-prefix-str");
        NetbootSettings settings = new NetbootSettings(bootOrder, Optional.ofNullable(maxRetries),
                Optional.ofNullable(tftpIp), Optional.ofNullable(prefix), Optional.ofNullable(prefixString),
                Optional.ofNullable(clientIp), Optional.ofNullable(subnet), Optional.ofNullable(gateway), KeyValues.parse("--set", "KEY", sets));
        EepromImage source = ImageFiles.read(image);
        BootConfig config = settings.applyTo(BootConfig.parse(image + " (bootconf.txt)", source.bootConfig()));
        ConfigEdits.requireValid(config, Validator.checkInImage(config, source.soc()), spec.commandLine().getErr());
        if (dryRun) {
            Outputs.write(root, null, config.toBytes());
            return 0;
        }
        byte[] result = source.withFile(EepromImage.BOOTCONF_TXT, config.toBytes()).toByteArray();
        long timestamp = Timestamps.sigTimestamp(ts, System::getenv, Clock.systemUTC());
        Path sig = out.resolveSibling(out.getFileName() + ".sig");
        ImageFiles.write(out, result);
        ImageFiles.write(sig, SigFile.of(result, timestamp, Optional.of(source.soc())).toByteArray());
        spec.commandLine().getErr().printf("wrote %s and %s (%s)%n", out, sig, String.join(", ",
                settings.properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        return 0;
    }
}
