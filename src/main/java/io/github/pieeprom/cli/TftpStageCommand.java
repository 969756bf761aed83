package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.netboot.BoardFolder;
import io.github.pieeprom.netboot.Device;
import io.github.pieeprom.netboot.Devices;
import io.github.pieeprom.netboot.Dnsmasq;
import io.github.pieeprom.netboot.EepromUpdate;
import io.github.pieeprom.netboot.LinkMode;
import io.github.pieeprom.netboot.Prefix;
import io.github.pieeprom.netboot.StagedFile;
import io.github.pieeprom.netboot.Stager;
import io.github.pieeprom.netboot.StagingPlan;
import io.github.pieeprom.template.Template;
import io.github.pieeprom.template.Utf8;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

final class TftpStageCommand implements Command {
    static final Arg<Path> BOOT = Arg.option(Converters.PATH, "DIR", "--boot").required()
            .help("A Raspberry Pi OS boot partition, or the firmware repository's boot/.");
    static final Arg<Path> ROOT = Arg.option(Converters.PATH, "TFTPROOT", "--root").required().help("The TFTP root.");
    static final Arg<String> SERIALS = Arg.option(Converters.STRING, "S", "--serial").greedy()
            .help("Board serial numbers (8 hex digits).");
    static final Arg<Path> DEVICES = Arg.option(Converters.PATH, "FILE.csv", "--devices")
            .help("A CSV with a header row: serial and/or mac, hostname, any other columns.");
    static final Arg<Prefix> PREFIX = Arg.option(NetbootWords.PREFIX, "serial|mac|string", "--prefix")
            .defaultValue("serial")
            .help("How folders are named, as TFTP_PREFIX in the boards' bootconf (default: serial).");
    static final Arg<String> PREFIX_STR = Arg.option(Converters.STRING, "STR", "--tftp-prefix-str")
            .help("The folder for --prefix string, ending in /.");
    static final Arg<LinkMode> LINK = Arg.option(NetbootWords.LINK, "hard|symlink|copy", "--link").defaultValue("hard")
            .help("How shared files are staged (default: hard).");
    static final Arg<String> CMDLINE = Arg.option(Converters.STRING, "TEMPLATE", "--cmdline")
            .help("cmdline.txt for each board: the text, or @FILE.");
    static final Arg<String> VARS = Arg.option(Converters.STRING, "NAME=VALUE", "--var").repeatable()
            .help("A template variable for every board.");
    static final Arg<Path> CONFIG_TXT = Arg.option(Converters.PATH, "FILE", "--config-txt")
            .help("config.txt to share instead of DIR's.");
    static final Arg<Path> EEPROM_UPDATE = Arg.option(Converters.PATH, "IMAGE", "--eeprom-update")
            .help("Put pieeprom.upd + pieeprom.sig (ts: newer than any staged before) in each folder.");
    static final Arg<Path> DNSMASQ = Arg.option(Converters.PATH, "FILE", "--dnsmasq")
            .help("Write a dnsmasq proxy-DHCP + TFTP snippet.");
    static final Arg<String> NETWORK = Arg.option(Converters.STRING, "NETWORK", "--proxy-dhcp")
            .help("The LAN's network address for --dnsmasq, such as 10.0.0.0.");
    static final Arg<Boolean> DRY_RUN = Arg.flag("--dry-run").help("Print the plan; write nothing.");
    static final Definition DEFINITION = Definition.of("stage", BOOT, ROOT).exactlyOneOf(SERIALS, DEVICES)
            .with(List.of(PREFIX, PREFIX_STR, LINK, CMDLINE, VARS, CONFIG_TXT, EEPROM_UPDATE, DNSMASQ, NETWORK,
                    DRY_RUN))
            .describe("Lay out a TFTP root for network-booting boards: one folder per board, named as the "
                            + "bootloader asks for it (1234abcd/ for a serial, dc-a6-32-01-36-c2/ for a MAC, or the "
                            + "fixed TFTP_PREFIX_STR), holding the boot files (linked, not copied, by default), a "
                            + "cmdline.txt of its own and optionally pieeprom.upd + pieeprom.sig.",
                    "Running it again changes nothing; a changed input changes only what differs. Each board's folder "
                            + "is built beside its place and renamed into it. Bad input changes nothing.",
                    "Template variables: ${serial}, ${mac}, every column of the devices file (such as ${hostname}) "
                            + "and --var NAME=VALUE.",
                    "Symbolic links are relative: a server that chroots to the root (in.tftpd -s) serves them only "
                            + "when the boot folder lies inside the root.")
            .footer("Examples:",
                    "  eeprom tftp stage --boot /boot/firmware --root /srv/tftp --link copy --serial 1234abcd \\",
                    "      --serial 5678ef01 --cmdline 'console=serial0,115200 root=/dev/nfs "
                            + "nfsroot=${server}:/srv/nfs/${serial},vers=4 rw ip=dhcp rootwait' --var server=10.0.0.1",
                    "  eeprom tftp stage --boot boot/ --root /srv/tftp --devices devices.csv --prefix mac \\",
                    "      --cmdline @cmdline.template --var server=10.0.0.1 --eeprom-update netboot.bin "
                            + "--dnsmasq rpi.conf --proxy-dhcp 10.0.0.0");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Path root = args.get(ROOT);
        Path dnsmasq = args.get(DNSMASQ);
        Prefix prefix = args.get(PREFIX);
        if ((dnsmasq == null) == args.has(NETWORK)) throw new UsageException("--dnsmasq and --proxy-dhcp go together");
        if (args.has(PREFIX_STR) && prefix != Prefix.STRING)
            throw new UsageException("--tftp-prefix-str goes with --prefix string");
        Path boot = args.get(BOOT);
        StagingPlan plan = StagingPlan.of(new StagingPlan.Inputs(boot, Stager.bootFiles(boot), devices(args), prefix,
                Optional.ofNullable(args.get(PREFIX_STR)), args.get(LINK), template(args.get(CMDLINE)),
                KeyValues.parse("--var", "NAME", args.all(VARS)), Optional.ofNullable(args.get(CONFIG_TXT)),
                update(args.get(EEPROM_UPDATE), root), dnsmasq == null ? Optional.empty()
                        : Optional.of(new Dnsmasq(root.toAbsolutePath().normalize(), args.get(NETWORK)))));
        PrintWriter out = console.out();
        List<String> warnings = Stager.sdCardRoots(plan);      // printed once the stage went well: else one line
        if (args.get(DRY_RUN)) {
            printPlan(plan, out);
            warnings.forEach(w -> console.err().println("eeprom: warning: " + w));
            return 0;
        }
        for (Stager.Outcome o : Stager.apply(plan, root))
            out.printf("%-9s %s/ (board %s, %d files)%n", o.change().name().toLowerCase(Locale.ROOT),
                    o.folder().folder(), o.folder().board(), o.folder().files().size());
        if (plan.dnsmasq().isPresent()) {
            byte[] text = plan.dnsmasq().get().text().getBytes(StandardCharsets.UTF_8);
            boolean same = Files.isRegularFile(dnsmasq) && Arrays.equals(Files.readAllBytes(dnsmasq), text);
            if (!same) ImageFiles.write(dnsmasq, text);
            out.printf("%-9s %s%n", same ? "unchanged" : "wrote", dnsmasq);
        }
        warnings.forEach(w -> console.err().println("eeprom: warning: " + w));
        return 0;
    }

    private static List<Device> devices(Args args) throws IOException {
        if (args.has(SERIALS)) return Devices.ofSerials(args.all(SERIALS));
        Path devices = args.get(DEVICES);
        return Devices.parseCsv(devices.toString(), Utf8.decode(devices.toString(), Inputs.read(devices)));
    }

    private static Optional<Template> template(String cmdline) throws IOException {
        if (cmdline == null) return Optional.empty();
        if (!cmdline.startsWith("@")) return Optional.of(Template.parse("--cmdline", cmdline));
        Path file = Path.of(cmdline.substring(1));
        return Optional.of(Template.parse(file.toString(), Utf8.decode(file.toString(), Inputs.read(file))));
    }

    private static Optional<EepromUpdate> update(Path eepromUpdate, Path root) throws IOException {
        if (eepromUpdate == null) return Optional.empty();
        if (Files.exists(root) && !Files.isDirectory(root))
            throw EepromException.in(root.toString(), "the TFTP root is a file, not a folder");
        EepromImage image = ImageFiles.read(eepromUpdate);
        long now = Timestamps.sigTimestamp(null, System::getenv, Clock.systemUTC());
        return Optional.of(EepromUpdate.of(image, EepromUpdate.timestamp(image, Stager.stagedUpdates(root), now)));
    }

    private static void printPlan(StagingPlan plan, PrintWriter out) {
        for (BoardFolder folder : plan.folders()) {
            out.printf("%s/ (board %s)%n", folder.folder(), folder.board());
            for (StagedFile file : folder.files()) {
                if (file instanceof StagedFile.Shared shared) {
                    out.printf("  %-28s %s %s%n", file.name(), plan.link().name().toLowerCase(Locale.ROOT), shared.source());
                } else if (file.name().equals(StagingPlan.CMDLINE_TXT)) {
                    out.printf("  %-28s %s", file.name(), ((StagedFile.Generated) file).text());
                } else {
                    out.printf("  %-28s %d bytes%n", file.name(), ((StagedFile.Generated) file).bytes().length);
                }
            }
        }
        plan.dnsmasq().ifPresent(d -> out.print(d.text()));
    }
}
