package io.github.pieeprom.cli;

import io.github.pieeprom.netboot.BootReplay;
import io.github.pieeprom.netboot.Devices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

final class TftpCheckCommand implements Command {
    static final String ROOT = "--root";
    static final String SERIAL = "--serial";
    static final String MODEL = "--model";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "check",
                "Replay the TFTP requests a board makes while network booting against a tree, and print each "
                            + "with found, missing, absent (an allowed probe) or from-root (served from the root "
                            + "instead of the board's folder, because the folder or its start4.elf is missing).",
                "The Pi 5 sequence is inferred.");
        spec.addOption(Specs.path("TFTPROOT", "--root")
                .description("The TFTP root.").required(true).build());
        spec.addOption(Specs.string("S", "--serial")
                .description("The board's serial (8 hex digits).").required(true).build());
        spec.addOption(OptionSpec.builder("--model").paramLabel("pi4|pi5").type(BootReplay.Model.class)
                .converters(NetbootWords.MODEL)
                .completionCandidates(NetbootWords.MODEL.words())
                .description("Pi 4 Model B or Pi 5 (default: pi4).").defaultValue("pi4").build());
        Specs.footer(spec,
                "Examples:", "  eeprom tftp check --root /srv/tftp --serial 1234abcd",
                    "  eeprom tftp check --root /srv/tftp --serial 1234abcd --model pi5");
        spec.usageMessage().exitCodeList(Specs.exitCodes("0", "The board boots from the tree.",
                "1", "The board cannot boot: a file it needs is missing; or bad input.", "2", "Usage error."));
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path root = args.get(ROOT);
        if (!Files.isDirectory(root)) throw new IOException(root + ": not a folder");
        String folder = Devices.ofSerials(List.of(args.<String>get(SERIAL))).get(0).serial().orElseThrow();
        BootReplay.Result result = BootReplay.run(args.get(MODEL), folder + "/",
                name -> Files.isRegularFile(root.resolve(name)), name -> read(root.resolve(name)));
        PrintWriter out = console.out();
        for (BootReplay.Request r : result.requests()) out.printf("%-36s %s%n", r.path(), word(r.status()));
        if (!result.bootable()) {
            out.printf("board %s cannot boot: %d needed file(s) missing%n", folder,
                    result.requests().stream().filter(r -> r.status() == BootReplay.Status.MISSING).count());
            return EepromCli.EXIT_BAD_INPUT;
        }
        out.println(result.usesFolder() ? "board %s boots from %s/".formatted(folder, folder)
                : "board %s boots from the root's shared files: no %s/%s".formatted(folder, folder,
                        result.requests().get(0).path().substring(folder.length() + 1)));
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

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
