package io.github.pieeprom.netboot;

import io.github.pieeprom.template.Template;
import io.github.pieeprom.EepromException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code eeprom tftp stage} puts under a TFTP root: one folder per board, named as the bootloader asks for it,
 * with the shared boot files, a per-board {@code cmdline.txt} and optionally {@code pieeprom.upd}/{@code .sig}.
 * Pure: nothing is read or written; {@link Stager} writes it. {@code profile}: the one folder is a profile
 * ({@link #ofProfile}), which {@link Stager} stages as a link to a version of it.
 * <pre>
 * StagingPlan plan = StagingPlan.of(new StagingPlan.Inputs(boot, Stager.bootFiles(boot), Devices.ofSerials(serials),
 *         Prefix.SERIAL, Optional.empty(), LinkMode.HARD, Optional.of(template), Map.of("server", "10.0.0.1"),
 *         Optional.empty(), Optional.empty(), Optional.empty()));
 * Stager.apply(plan, Path.of("/srv/tftp"));
 * </pre>
 */
public record StagingPlan(List<BoardFolder> folders, LinkMode link, Optional<Dnsmasq> dnsmasq, boolean profile) {
    public static final String CMDLINE_TXT = "cmdline.txt";
    static final String CONFIG_TXT = "config.txt";
    /** Where {@link #ofProfile} stages a profile, under the root. */
    public static final String PROFILES = "profiles";
    /** The file whose absence in a board's folder makes a Pi 4 drop the prefix and read from the root. */
    static final String START4_ELF = "start4.elf";

    public StagingPlan {
        folders = List.copyOf(folders);
    }

    /**
     * Everything the plan is made from.
     *
     * @param boot         the boot partition (or the firmware's {@code boot/}), named in errors
     * @param bootFiles    its files, {@code /}-separated relative paths
     * @param prefixString {@code TFTP_PREFIX_STR}, for {@link Prefix#STRING}
     * @param cmdline      the per-board {@code cmdline.txt}; without it the boot folder's is shared
     * @param vars         template variables for every board; a board's own columns take precedence
     * @param configTxt    a {@code config.txt} to share instead of the boot folder's
     */
    public record Inputs(Path boot, List<String> bootFiles, List<Device> devices, Prefix prefix,
            Optional<String> prefixString, LinkMode link, Optional<Template> cmdline, Map<String, String> vars,
            Optional<Path> configTxt, Optional<EepromUpdate> update, Optional<Dnsmasq> dnsmasq) {
        public Inputs {
            bootFiles = List.copyOf(bootFiles);
            devices = List.copyOf(devices);
            vars = Map.copyOf(vars);
        }
    }

    public static StagingPlan of(Inputs in) {
        requireBootFiles(in);
        Optional<String> prefixString = in.prefixString().map(s -> Prefix.requireString("--tftp-prefix-str", s));
        if (in.prefix() == Prefix.STRING && prefixString.isEmpty())
            throw EepromException.in("--prefix string", "needs --tftp-prefix-str, such as netboot/");
        List<StagedFile> shared = sharedFiles(in);
        Map<String, Device> byFolder = new HashMap<>();
        List<BoardFolder> folders = new ArrayList<>();
        for (Device device : in.devices()) {
            String folder = folder(device, in.prefix(), prefixString);
            Device earlier = byFolder.putIfAbsent(folder, device);
            if (earlier != null) throw EepromException.in(device.origin(),
                    "board %s is a duplicate: %s already stages folder %s/", device.label(), earlier.origin(), folder);
            Map<String, String> values = new LinkedHashMap<>(in.vars());
            values.putAll(device.columns());
            folders.add(new BoardFolder(folder, device.label(), files(in, shared, values, device.label())));
        }
        if (folders.isEmpty()) throw EepromException.in("--serial", "no boards to stage");
        return new StagingPlan(folders, in.link(), in.dnsmasq(), false);
    }

    /**
     * A profile: one folder, {@code profiles/NAME}, that boards link to ({@code eeprom boot set}). Its
     * {@code cmdline.txt} has {@link Inputs#vars()} filled in and keeps every other placeholder ({@code ${serial}},
     * a devices file's columns), rendered per board when a board is switched to it. {@link Inputs#devices()} and
     * {@link Inputs#prefix()} are not used.
     */
    public static StagingPlan ofProfile(Inputs in, String profile) {
        requireProfileName("--profile", profile);
        requireBootFiles(in);
        Map<String, String> values = new LinkedHashMap<>(in.vars());
        in.cmdline().ifPresent(t -> t.placeholders().forEach(p -> values.putIfAbsent(p, "${" + p + "}")));
        BoardFolder folder = new BoardFolder(PROFILES + "/" + profile, "profile " + profile,
                files(in, sharedFiles(in), values, "profile " + profile));
        return new StagingPlan(List.of(folder), in.link(), in.dnsmasq(), true);
    }

    /** A profile's name: a folder name under {@value #PROFILES}/ that no shell or TFTP path can misread. */
    public static String requireProfileName(String origin, String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) throw EepromException.in(origin + " "
                + EepromException.printable(name), "expected a name of letters, digits, ., _ and -, not starting "
                + "with . or -");
        return name;
    }

    private static List<StagedFile> files(Inputs in, List<StagedFile> shared, Map<String, String> values, String board) {
        List<StagedFile> files = new ArrayList<>(shared);
        in.cmdline().ifPresent(t -> files.add(new StagedFile.Generated(CMDLINE_TXT, cmdline(t, values, board))));
        in.update().ifPresent(u -> {
            files.add(new StagedFile.Generated(EepromUpdate.UPD, u.upd()));
            files.add(new StagedFile.Generated(EepromUpdate.SIG, u.sig()));
        });
        files.sort(Comparator.comparing(StagedFile::name));
        return files;
    }

    /** What a Pi 4 or Pi 5 cannot boot without, unless an option supplies it. */
    private static void requireBootFiles(Inputs in) {
        List<String> missing = new ArrayList<>();
        if (!in.bootFiles().contains(START4_ELF)) missing.add(START4_ELF);
        if (in.configTxt().isEmpty() && !in.bootFiles().contains(CONFIG_TXT)) missing.add(CONFIG_TXT + " (or --config-txt)");
        if (in.cmdline().isEmpty() && !in.bootFiles().contains(CMDLINE_TXT)) missing.add(CMDLINE_TXT + " (or --cmdline)");
        if (in.bootFiles().stream().noneMatch(f -> f.matches("kernel[^/]*\\.img"))) missing.add("a kernel*.img");
        if (!missing.isEmpty()) throw EepromException.in(in.boot().toString(),
                "missing boot file%s %s: expected a Raspberry Pi OS boot partition or the firmware's boot/ folder",
                missing.size() == 1 ? "" : "s", String.join(", ", missing));
    }

    private static List<StagedFile> sharedFiles(Inputs in) {
        List<StagedFile> files = new ArrayList<>();
        for (String name : in.bootFiles()) {
            boolean replaced = name.equals(CMDLINE_TXT) && in.cmdline().isPresent()
                    || name.equals(CONFIG_TXT) && in.configTxt().isPresent()
                    || (name.equals(EepromUpdate.UPD) || name.equals(EepromUpdate.SIG)) && in.update().isPresent();
            if (!replaced) files.add(new StagedFile.Shared(name, in.boot().resolve(name)));
        }
        in.configTxt().ifPresent(c -> files.add(new StagedFile.Shared(CONFIG_TXT, c)));
        return files;
    }

    private static String folder(Device device, Prefix prefix, Optional<String> prefixString) {
        return switch (prefix) {
            case SERIAL -> device.serial().orElseThrow(() -> EepromException.in(device.origin(),
                    "no serial for --prefix serial"));
            case MAC -> Prefix.macFolder(device.mac().orElseThrow(() -> EepromException.in(device.origin(),
                    "no mac for --prefix mac: give a devices file with a mac column")));
            case STRING -> prefixString.orElseThrow().substring(0, prefixString.get().length() - 1);
        };
    }

    /** One line: the template filled in, surrounding blank space and line ends dropped, one LF added. */
    private static byte[] cmdline(Template template, Map<String, String> values, String board) {
        String line = template.substitute(values).strip();
        if (line.contains("\n") || line.contains("\r")) throw EepromException.in(template.source(),
                "cmdline.txt must be one line; board %s's has %d", board, line.split("\r?\n").length);
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
