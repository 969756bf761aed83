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
import io.github.pieeprom.text.Utf8;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.ArgGroupSpec;

final class TftpStageCommand implements Command {
    static final String BOOT = "--boot";
    static final String ROOT = "--root";
    static final String SERIALS = "--serial";
    static final String DEVICES = "--devices";
    static final String PROFILE = "--profile";
    static final String PREFIX = "--prefix";
    static final String PREFIX_STR = "--tftp-prefix-str";
    static final String LINK = "--link";
    static final String CMDLINE = "--cmdline";
    static final String CMDLINE_FILE = "--cmdline-file";
    static final String NFS_ROOT = "--nfs-root";
    static final String VARS = "--var";
    static final String CONFIG_TXT = "--config-txt";
    static final String EEPROM_UPDATE = "--eeprom-update";
    static final String DNSMASQ = "--dnsmasq";
    static final String NETWORK = "--proxy-dhcp";
    static final String DRY_RUN = "--dry-run";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "stage",
                "Lay out a TFTP root for network-booting boards: one folder per board, named as the "
                            + "bootloader asks for it (1234abcd/ for a serial, dc-a6-32-01-36-c2/ for a MAC, or the "
                            + "fixed TFTP_PREFIX_STR), holding the boot files (linked, not copied, by default), a "
                            + "cmdline.txt of its own and optionally pieeprom.upd + pieeprom.sig.",
                    "Running it again changes nothing; a changed input changes only what differs. Each board's folder "
                            + "is built beside its place and renamed into it. Bad input changes nothing.",
                    "Template variables: $${serial}, $${mac}, every column of the devices file (such as $${hostname}) "
                            + "and --var NAME=VALUE.",
                    "Symbolic links are relative: a server that chroots to the root (in.tftpd -s) serves them only "
                            + "when the boot folder lies inside the root.");
        spec.addOption(Specs.path("DIR", "--boot")
                .description("A Raspberry Pi OS boot partition, or the firmware repository's boot/.").required(true)
                .build());
        spec.addOption(Specs.path("TFTPROOT", "--root")
                .description("The TFTP root.").required(true).build());
        spec.addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("1")
                .addArg(Specs.greedy("S", "--serial").converters(Checks.SERIAL)
                .description("Board serial numbers (8 hex digits).").build())
                .addArg(Specs.path("FILE.csv", "--devices")
                .description("A CSV with a header row: serial and/or mac, hostname, any other columns.").build())
                .addArg(Specs.string("NAME", "--profile")
                .description("Stage a profile, ROOT/profiles/NAME/, that boards are switched to with eeprom boot "
                        + "set; placeholders other than --var stay, rendered per board.").build())
                .build());
        spec.addOption(OptionSpec.builder("--prefix").paramLabel("serial|mac|string").type(Prefix.class)
                .converters(NetbootWords.PREFIX)
                .completionCandidates(NetbootWords.PREFIX.words())
                .description("How folders are named, as TFTP_PREFIX in the boards' bootconf (default: serial).")
                .defaultValue("serial").build());
        spec.addOption(Specs.string("STR", "--tftp-prefix-str").converters(Checks.PREFIX_STRING)
                .description("The folder for --prefix string, ending in /.").build());
        spec.addOption(OptionSpec.builder("--link").paramLabel("hard|symlink|copy").type(LinkMode.class)
                .converters(NetbootWords.LINK)
                .completionCandidates(NetbootWords.LINK.words())
                .description("How shared files are staged (default: hard).").defaultValue("hard").build());
        spec.addOption(Specs.string("TEMPLATE", "--cmdline")
                .description("cmdline.txt for each board, a template: the text.").build());
        spec.addOption(Specs.path("FILE", CMDLINE_FILE)
                .description("cmdline.txt for each board, a template: the file's text (UTF-8).").build());
        spec.addOption(Specs.string("SERVER:/PATH", NFS_ROOT).converters(Checks.NFS_ROOT)
                .description("Each board's cmdline.txt is DIR's with root=SERVER:/PATH (rootfstype=nfs, ip=dhcp "
                        + "added where missing), every other argument kept; PATH may hold template variables.")
                .build());
        spec.addOption(Specs.repeated("NAME=VALUE", "--var")
                .description("A template variable for every board.").build());
        spec.addOption(Specs.path("FILE", "--config-txt")
                .description("config.txt to share instead of DIR's.").build());
        spec.addOption(Specs.path("IMAGE", "--eeprom-update")
                .description("Put pieeprom.upd + pieeprom.sig (ts: newer than any staged before) in each folder.")
                .build());
        spec.addOption(Specs.path("FILE", "--dnsmasq")
                .description("Write a dnsmasq proxy-DHCP + TFTP snippet.").build());
        spec.addOption(Specs.string("NETWORK", "--proxy-dhcp").converters(Checks.NETWORK)
                .description("The LAN's network address for --dnsmasq, such as 10.0.0.0.").build());
        spec.addOption(Specs.flag("--dry-run")
                .description("Print the plan; write nothing.").build());
        Specs.footer(spec,
                "Examples:",
                    "  eeprom tftp stage --boot /boot/firmware --root /srv/tftp --link copy --serial 1234abcd \\",
                    "      --serial 5678ef01 --cmdline 'console=serial0,115200 root=/dev/nfs "
                            + "nfsroot=$${server}:/srv/nfs/$${serial},vers=4 rw ip=dhcp rootwait' --var server=10.0.0.1",
                    "  eeprom tftp stage --boot boot/ --root /srv/tftp --devices devices.csv --prefix mac \\",
                    "      --cmdline-file cmdline.template --var server=10.0.0.1 --eeprom-update netboot.bin "
                            + "--dnsmasq rpi.conf --proxy-dhcp 10.0.0.0",
                    "  eeprom tftp stage --boot /boot/firmware --root /srv/tftp --serial 1234abcd \\",
                    "      --nfs-root 10.0.0.1:/srv/nfs/$${serial}",
                    "  eeprom tftp stage --boot installer-boot/ --root /srv/tftp --profile installer \\",
                    "      --cmdline 'console=serial0,115200 root=/dev/ram0 hostname=$${name}'");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path root = args.get(ROOT);
        Path dnsmasq = args.get(DNSMASQ);
        Prefix prefix = args.get(PREFIX);
        if ((dnsmasq == null) == args.has(NETWORK)) throw new UsageException("--dnsmasq and --proxy-dhcp go together");
        if (args.has(PREFIX_STR) && prefix != Prefix.STRING)
            throw new UsageException("--tftp-prefix-str goes with --prefix string");
        String profile = args.get(PROFILE);
        if (profile != null && (args.has(PREFIX) || args.has(PREFIX_STR)))
            throw new UsageException("--prefix names boards' folders; a --profile is linked to by them");
        Path boot = args.get(BOOT);
        StagingPlan.Inputs inputs = new StagingPlan.Inputs(boot, Stager.bootFiles(boot),
                profile != null ? List.of() : devices(args), prefix,
                Optional.ofNullable(args.get(PREFIX_STR)), args.get(LINK),
                template(args.get(CMDLINE), args.get(CMDLINE_FILE), args.get(NFS_ROOT), boot),
                KeyValues.parse("--var", "NAME", args.all(VARS)), Optional.ofNullable(args.get(CONFIG_TXT)),
                update(args.get(EEPROM_UPDATE), root), dnsmasq == null ? Optional.empty()
                        : Optional.of(new Dnsmasq(root.toAbsolutePath().normalize(), args.get(NETWORK))));
        StagingPlan plan = profile != null ? StagingPlan.ofProfile(inputs, profile) : StagingPlan.of(inputs);
        if (dnsmasq != null && !args.flag(DRY_RUN)) {       // refused before anything is staged: bad input changes nothing
            for (String file : inputs.bootFiles()) Outputs.notAnInput(dnsmasq, boot.resolve(file), "a boot file");
            Outputs.notAnInput(dnsmasq, args.get(DEVICES), "the --devices file");
            Outputs.notAnInput(dnsmasq, args.get(CMDLINE_FILE), "the --cmdline-file");
            Outputs.notAnInput(dnsmasq, args.get(EEPROM_UPDATE), "the --eeprom-update image");
            Outputs.notAnInput(dnsmasq, inputs.configTxt().orElse(null), "the --config-txt file");
            ImageFiles.requireWritable(dnsmasq);
        }
        PrintWriter out = console.out();
        List<String> warnings = Stager.sdCardRoots(plan);      // printed once the stage went well: else one line
        if (args.flag(DRY_RUN)) {
            printPlan(plan, profile != null, out);
            warnings.forEach(w -> console.err().println("eeprom: warning: " + w));
            return 0;
        }
        for (Stager.Outcome o : Stager.apply(plan, root))
            out.printf("%-9s %s/ (%s, %d files)%n", o.change().name().toLowerCase(Locale.ROOT),
                    o.folder().folder(), profile != null ? "profile" : "board " + o.folder().board(),
                    o.folder().files().size());
        if (plan.dnsmasq().isPresent()) {
            byte[] text = plan.dnsmasq().get().text().getBytes(StandardCharsets.UTF_8);
            boolean same = Files.isRegularFile(dnsmasq) && Arrays.equals(Files.readAllBytes(dnsmasq), text);
            if (!same) ImageFiles.write(dnsmasq, text);
            out.printf("%-9s %s%n", same ? "unchanged" : "wrote", dnsmasq);
        }
        warnings.forEach(w -> console.err().println("eeprom: warning: " + w));
        return 0;
    }

    private static List<Device> devices(Parsed args) throws IOException {
        if (args.has(SERIALS)) return Devices.ofSerials(args.all(SERIALS));
        Path devices = args.get(DEVICES);
        return Devices.parseCsv(devices.toString(), Utf8.decode(devices.toString(), Inputs.read(devices)));
    }

    /**
     * {@code --cmdline TEXT}, {@code --cmdline-file FILE}, or the boot folder's cmdline.txt rewritten by
     * {@code --nfs-root}. {@code --cmdline-file FILE}, as earlier releases took it,
     * is now picocli's argument file: {@code @FILE} anywhere stands for the arguments in FILE.
     */
    private static Optional<Template> template(String cmdline, Path file, String nfsRoot, Path boot)
            throws IOException {
        if (cmdline != null && file != null) throw new UsageException("--cmdline and --cmdline-file: give one");
        if (nfsRoot != null && (cmdline != null || file != null)) throw new UsageException("--nfs-root rewrites "
                + "the boot folder's cmdline.txt; with " + (cmdline != null ? CMDLINE : CMDLINE_FILE)
                + ", write root= in the template");
        if (nfsRoot != null) return Optional.of(Stager.nfsRootCmdline(boot, nfsRoot));
        if (cmdline != null) return Optional.of(Template.parse("--cmdline", cmdline));
        if (file == null) return Optional.empty();
        return Optional.of(Template.parse(file.toString(), Utf8.decode(file.toString(), Inputs.read(file))));
    }

    private static Optional<EepromUpdate> update(Path eepromUpdate, Path root) throws IOException {
        if (eepromUpdate == null) return Optional.empty();
        long now = Timestamps.sigTimestamp(null, System::getenv, Clock.systemUTC());
        return Optional.of(Stager.eepromUpdate(eepromUpdate, root, now));
    }

    private static void printPlan(StagingPlan plan, boolean profile, PrintWriter out) {
        for (BoardFolder folder : plan.folders()) {
            out.printf("%s/ (%s)%n", folder.folder(), profile ? "profile" : "board " + folder.board());
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
