package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
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
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "stage", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lay out a TFTP root for network-booting boards: one folder per board, named as the "
                + "bootloader asks for it (1234abcd/ for a serial, dc-a6-32-01-36-c2/ for a MAC, or the fixed "
                + "TFTP_PREFIX_STR), holding the boot files (linked, not copied, by default), a cmdline.txt of its "
                + "own and optionally pieeprom.upd + pieeprom.sig.",
                "Running it again changes nothing; a changed input changes only what differs. Each board's folder "
                        + "is built beside its place and renamed into it. Bad input changes nothing.",
                "Template variables: ${serial}, ${mac}, every column of the devices file (such as ${hostname}) and "
                        + "--var NAME=VALUE.",
                "Symbolic links are relative: a server that chroots to the root (in.tftpd -s) serves them only when "
                        + "the boot folder lies inside the root."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom tftp stage --boot /boot/firmware --root /srv/tftp --serial 1234abcd --serial 5678ef01 \\",
                "      --cmdline 'console=serial0,115200 root=/dev/nfs nfsroot=${server}:/srv/nfs/${serial},vers=4 rw "
                        + "ip=dhcp rootwait' --var server=10.0.0.1",
                "  eeprom tftp stage --boot boot/ --root /srv/tftp --devices devices.csv --prefix mac \\",
                "      --cmdline @cmdline.template --eeprom-update netboot.bin --dnsmasq rpi.conf --proxy-dhcp 10.0.0.0"})
final class TftpStageCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--boot", required = true, paramLabel = "DIR",
            description = "A Raspberry Pi OS boot partition, or the firmware repository's boot/.") Path boot;
    @Option(names = "--root", required = true, paramLabel = "TFTPROOT", description = "The TFTP root.") Path root;
    @ArgGroup(multiplicity = "1") Boards boards;
    @Option(names = "--prefix", paramLabel = "serial|mac|string", defaultValue = "serial",
            converter = NetbootWords.PrefixWord.class,
            description = "How folders are named, as TFTP_PREFIX in the boards' bootconf (default: serial).")
    Prefix prefix;
    @Option(names = "--tftp-prefix-str", paramLabel = "STR", description = "The folder for --prefix string, ending in /.")
    String prefixString;
    @Option(names = "--link", paramLabel = "hard|symlink|copy", defaultValue = "hard",
            converter = NetbootWords.LinkWord.class, description = "How shared files are staged (default: hard).")
    LinkMode link;
    @Option(names = "--cmdline", paramLabel = "TEMPLATE", description = "cmdline.txt for each board: the text, or @FILE.")
    String cmdline;
    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A template variable for every board.")
    List<String> vars = new ArrayList<>();
    @Option(names = "--config-txt", paramLabel = "FILE", description = "config.txt to share instead of DIR's.")
    Path configTxt;
    @Option(names = "--eeprom-update", paramLabel = "IMAGE",
            description = "Put pieeprom.upd + pieeprom.sig (ts: newer than any staged before) in each folder.")
    Path eepromUpdate;
    @Option(names = "--dnsmasq", paramLabel = "FILE", description = "Write a dnsmasq proxy-DHCP + TFTP snippet.")
    Path dnsmasq;
    @Option(names = "--proxy-dhcp", paramLabel = "NETWORK", description = "The LAN's network address for --dnsmasq, such as 10.0.0.0.")
    String network;
    @Option(names = "--dry-run", description = "Print the plan; write nothing.") boolean dryRun;

    static final class Boards {
        @Option(names = "--serial", paramLabel = "S", arity = "1..*", description = "Board serial numbers (8 hex digits).")
        List<String> serials;
        @Option(names = "--devices", paramLabel = "FILE.csv",
                description = "A CSV with a header row: serial and/or mac, hostname, any other columns.") Path devices;
    }

    @Override
    public Integer call() throws IOException {
        if ((dnsmasq == null) != (network == null)) throw new UsageException("--dnsmasq and --proxy-dhcp go together");
        if (prefixString != null && prefix != Prefix.STRING) throw new UsageException("--tftp-prefix-str goes with --prefix string");
        StagingPlan plan = StagingPlan.of(new StagingPlan.Inputs(boot, Stager.bootFiles(boot), devices(), prefix,
                Optional.ofNullable(prefixString), link, template(), KeyValues.parse("--var", "NAME", vars), Optional.ofNullable(configTxt),
                update(), dnsmasq == null ? Optional.empty() : Optional.of(new Dnsmasq(root.toAbsolutePath().normalize(), network))));
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            printPlan(plan, out);
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
        return 0;
    }

    private List<Device> devices() throws IOException {
        if (boards.serials != null) return Devices.ofSerials(boards.serials);
        return Devices.parseCsv(boards.devices.toString(), new String(Inputs.read(boards.devices), StandardCharsets.UTF_8));
    }

    private Optional<Template> template() throws IOException {
        if (cmdline == null) return Optional.empty();
        if (!cmdline.startsWith("@")) return Optional.of(Template.parse("--cmdline", cmdline));
        Path file = Path.of(cmdline.substring(1));
        return Optional.of(Template.parse(file.toString(), new String(Inputs.read(file), StandardCharsets.UTF_8)));
    }

    private Optional<EepromUpdate> update() throws IOException {
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
