package io.github.pieeprom.cli;

import io.github.pieeprom.netboot.BootReplay;
import io.github.pieeprom.netboot.Prefix;
import io.github.pieeprom.netboot.Stager;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

final class TftpCheckCommand implements Command {
    static final String ROOT = "--root";
    static final String SERIAL = "--serial";
    static final String MAC = "--mac";
    static final String PREFIX_STR = "--tftp-prefix-str";
    static final String MODEL = "--model";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "check",
                "Replay the TFTP requests a board makes while network booting against a tree, and print each "
                            + "with found, missing, absent (an allowed probe) or from-root (served from the root "
                            + "instead of the board's folder, because the folder or its start4.elf is missing).",
                "The board's folder is named as its TFTP_PREFIX names it: --serial (TFTP_PREFIX=0), --mac "
                            + "(TFTP_PREFIX=2) or --tftp-prefix-str (TFTP_PREFIX=1), as tftp stage --prefix laid it "
                            + "out. The Pi 5 sequence is inferred.");
        spec.addOption(Specs.path("TFTPROOT", "--root")
                .description("The TFTP root.").required(true).build());
        spec.addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("1")
                .addArg(Specs.string("S", SERIAL).converters(Checks.SERIAL)
                        .description("The board's serial (8 hex digits, or the 16 of /proc/cpuinfo).").build())
                .addArg(Specs.string("MAC", MAC).converters(Checks.MAC)
                        .description("The board's MAC address, such as dc:a6:32:01:36:c2.").build())
                .addArg(Specs.string("STR", PREFIX_STR, "--prefix-str").converters(Checks.PREFIX_STRING)
                        .description("The board's TFTP_PREFIX_STR, ending in /.").build())
                .build());
        spec.addOption(OptionSpec.builder("--model").paramLabel("pi4|pi5").type(BootReplay.Model.class)
                .converters(NetbootWords.MODEL)
                .completionCandidates(NetbootWords.MODEL.words())
                .description("Pi 4 Model B or Pi 5 (default: pi4).").defaultValue("pi4").build());
        Specs.footer(spec,
                "Examples:", "  eeprom tftp check --root /srv/tftp --serial 1234abcd",
                    "  eeprom tftp check --root /srv/tftp --serial 1234abcd --model pi5",
                    "  eeprom tftp check --root /srv/tftp --mac dc:a6:32:01:36:c2");
        spec.usageMessage().exitCodeList(Specs.exitCodes("0", "The board boots from the tree.",
                "1", "The board cannot boot: a file it needs is missing; or bad input.", "2", "Usage error."));
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        String prefix = args.has(SERIAL) ? Prefix.SERIAL.requestPrefix(SERIAL, args.get(SERIAL))
                : args.has(MAC) ? Prefix.MAC.requestPrefix(MAC, args.get(MAC))
                : Prefix.STRING.requestPrefix(PREFIX_STR, args.get(PREFIX_STR));
        BootReplay.Result result = Stager.replay(args.get(MODEL), prefix, args.get(ROOT));
        String folder = prefix.substring(0, prefix.length() - 1);
        PrintWriter out = console.out();
        int width = 36;                                        // a column: wider for a MAC's longer paths
        for (BootReplay.Request r : result.requests()) width = Math.max(width, r.path().length() + 1);
        for (BootReplay.Request r : result.requests()) out.printf("%-" + width + "s %s%n", r.path(), word(r.status()));
        if (!result.bootable()) {
            out.printf("board %s cannot boot: %d needed file(s) missing%n", folder,
                    result.requests().stream().filter(r -> r.status() == BootReplay.Status.MISSING).count());
            return EepromCli.EXIT_BAD_INPUT;
        }
        out.println(result.usesFolder() ? "board %s boots from %s/".formatted(folder, folder)
                : "board %s boots from the root's shared files: no %s".formatted(folder,
                        result.requests().get(0).path()));
        return 0;
    }

    private static String word(BootReplay.Status status) {
        return switch (status) {
            case FOUND -> "found";
            case FROM_ROOT -> "from-root";
            case MISSING -> "missing";
            case ABSENT -> "absent (allowed)";
            case PREFIX_DROPPED -> "absent: the bootloader drops the prefix and reads the root";
        };
    }
}
