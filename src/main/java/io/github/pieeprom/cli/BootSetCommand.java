package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.netboot.BootReplay;
import io.github.pieeprom.netboot.Device;
import io.github.pieeprom.netboot.Devices;
import io.github.pieeprom.netboot.Prefix;
import io.github.pieeprom.netboot.StagingPlan;
import io.github.pieeprom.netboot.boot.BootServer;
import io.github.pieeprom.netboot.boot.BootStateFiles;
import io.github.pieeprom.netboot.profile.Change;
import io.github.pieeprom.netboot.profile.Profiles;
import io.github.pieeprom.netboot.profile.Target;
import io.github.pieeprom.netboot.profile.Targets;
import io.github.pieeprom.text.Utf8;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class BootSetCommand implements Command {
    static final String ROOT = "--root";
    static final String DEVICES = "--devices";
    static final String PREFIX = "--prefix";
    static final String ALL = "--all";
    static final String ALL_IN = "--all-in";
    static final String MODEL = "--model";
    static final String ONCE = "--once";
    static final String STATE = "--state";
    static final String WORDS = "[BOARD] PROFILE";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "set",
                "Switch boards to a profile (staged with eeprom tftp stage --profile NAME): each board's folder "
                        + "becomes a link to ROOT/profiles/NAME/, renamed over the old link in one step, so a board "
                        + "fetching files meanwhile finds the old profile or the new one, never no folder.",
                "A profile whose cmdline.txt or config.txt holds $${serial}, $${mac}, $${name} or a devices file's "
                        + "columns is rendered for each board into ROOT/.boards/FOLDER/, which the link names.",
                "Each board must be able to boot the profile (the files eeprom tftp check asks for); bad input "
                        + "changes nothing. Every switch is written to ROOT/.eeprom-boot/history.tsv.");
        spec.addOption(Specs.path("TFTPROOT", ROOT).description("The TFTP root.").required(true).build());
        spec.addOption(Specs.path("FILE.csv", DEVICES)
                .description("The boards: a CSV with a header row (serial and/or mac, name or hostname, rack, any "
                        + "other columns, each a template variable). BOARD must be one of its rows.").build());
        spec.addOption(Specs.flag(ALL).description("Every board of --devices.").build());
        spec.addOption(Specs.string("RACK", ALL_IN).description("The boards of --devices whose rack column is "
                + "RACK.").build());
        spec.addOption(OptionSpec.builder(PREFIX).paramLabel("serial|mac").type(Prefix.class)
                .converters(NetbootWords.PREFIX).completionCandidates(List.of("serial", "mac"))
                .description("How the boards' folders are named, as TFTP_PREFIX in their bootconf (default: "
                        + "serial).").defaultValue("serial").build());
        spec.addOption(OptionSpec.builder(MODEL).paramLabel("pi4|pi5").type(BootReplay.Model.class)
                .converters(NetbootWords.MODEL).completionCandidates(NetbootWords.MODEL.words())
                .description("The boards' model, whose requests the profile must answer (default: pi4).")
                .defaultValue("pi4").build());
        spec.addOption(Specs.path("DIR", STATE).description("With --once: the state folder eeprom boot serve was given "
                + "(default ROOT/.eeprom-boot), where it shows that it runs.").build());
        spec.addOption(Specs.flag(ONCE).description("Boot PROFILE at the next boot only: needs eeprom boot serve "
                + "running on ROOT, which puts the board back once it has fetched the profile's kernel.").build());
        spec.addPositional(PositionalParamSpec.builder().paramLabel(WORDS).type(List.class)
                .auxiliaryTypes(String.class).arity("1..2").hideParamSyntax(true)
                .description("BOARD: a serial (8 hex digits), a MAC, or a name from --devices; left out with --all "
                        + "and --all-in. PROFILE: a folder under ROOT/profiles/.").build());
        Specs.footer(spec, "Examples:",
                "  eeprom boot set --root /srv/tftp 1234abcd installer",
                "  eeprom boot set --root /srv/tftp --devices devices.csv rack1-node2 installed",
                "  eeprom boot set --root /srv/tftp --devices devices.csv --all-in r1 rescue");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        List<String> words = args.all(WORDS);
        boolean many = args.flag(ALL) || args.has(ALL_IN);
        if (args.flag(ALL) && args.has(ALL_IN)) throw new UsageException("--all and --all-in: give one");
        if (many && !args.has(DEVICES)) throw new UsageException((args.flag(ALL) ? ALL : ALL_IN)
                + " selects boards of --devices FILE");
        if (words.size() != (many ? 1 : 2)) throw new UsageException(many ? "with " + (args.flag(ALL) ? ALL : ALL_IN)
                + ", give PROFILE alone" : "expected BOARD PROFILE");
        try {                                               // the words' own form: a usage error, before any file
            StagingPlan.requireProfileName("PROFILE", words.get(words.size() - 1));
            if (!many && !args.has(DEVICES)) Targets.one(words.get(0), "", Optional.empty(), args.get(PREFIX));
        } catch (EepromException e) {
            throw new UsageException(e.getMessage());
        }
        Path devicesFile = args.get(DEVICES);
        Optional<List<Device>> devices = devicesFile == null ? Optional.empty() : Optional.of(Devices.parseCsv(
                devicesFile.toString(), Utf8.decode(devicesFile.toString(), Inputs.read(devicesFile))));
        Prefix prefix = args.get(PREFIX);
        String file = devicesFile == null ? "" : devicesFile.toString();
        List<Target> targets = args.flag(ALL) ? Targets.all(devices.orElseThrow(), prefix)
                : args.has(ALL_IN) ? Targets.inRack(file, devices.orElseThrow(), args.get(ALL_IN), prefix)
                : List.of(Targets.one(words.get(0), file, devices, prefix));
        Change change = new Change(user(System::getenv), Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS));
        String profile = words.get(words.size() - 1);
        Path root = args.get(ROOT);
        List<Profiles.Switched> switched;
        if (args.flag(ONCE)) {
            if (targets.size() != 1) throw new UsageException("--once switches one BOARD: give it, not --all/--all-in");
            Path state = BootStateFiles.folder(root, args.get(STATE));
            if (!BootServer.isServing(state)) throw EepromException.in(root.toString(), "--once needs eeprom boot "
                    + "serve --root %s running: it puts the board back on its profile once it has fetched the one-shot "
                    + "profile's kernel, and no boot server with the state folder %s runs now (--state: the one "
                    + "boot serve has); nothing changed", root, state);
            switched = List.of(Profiles.once(root, targets.get(0), profile, args.get(MODEL), change));
        } else {
            switched = Profiles.set(root, targets, profile, args.get(MODEL), change);
        }
        for (Profiles.Switched s : switched) {
            String board = s.board().equals(s.name()) ? s.board() : s.board() + " (" + s.name() + ")";
            if (s.changed()) console.out().printf("switched  %s: %s -> %s%n", board,
                    s.from().isEmpty() ? "(no profile)" : s.from(), s.to());
            else console.out().printf("unchanged %s: %s%n", board, s.to());
        }
        return 0;
    }

    /** Who switches, for the history: the user sudo ran as, else the login name, else the JVM's user name. */
    static String user(UnaryOperator<String> env) {
        for (String name : List.of("SUDO_USER", "USER")) {
            String value = env.apply(name);
            if (value != null && !value.isBlank()) return value;
        }
        return System.getProperty("user.name");
    }
}
