package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.Arg;
import io.github.pieeprom.cli.args.Args;
import io.github.pieeprom.cli.args.Command;
import io.github.pieeprom.cli.args.Console;
import io.github.pieeprom.cli.args.Converters;
import io.github.pieeprom.cli.args.Definition;
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

final class TftpCheckCommand implements Command {
    static final Arg<Path> ROOT = Arg.option(Converters.PATH, "TFTPROOT", "--root").required().help("The TFTP root.");
    static final Arg<String> SERIAL = Arg.option(Converters.STRING, "S", "--serial").required()
            .help("The board's serial (8 hex digits).");
    static final Arg<BootReplay.Model> MODEL = Arg.option(NetbootWords.MODEL, "pi4|pi5", "--model").defaultValue("pi4")
            .help("Pi 4 Model B or Pi 5 (default: pi4).");
    static final Definition DEFINITION = Definition.of("check", ROOT, SERIAL, MODEL)
            .describe("Replay the TFTP requests a board makes while network booting against a tree, and print each "
                            + "with found, missing, absent (an allowed probe) or from-root (served from the root "
                            + "instead of the board's folder, because the folder or its start4.elf is missing).",
                    "Exit 1 when the board cannot boot: a file it needs is missing. The Pi 5 sequence is inferred.")
            .footer("Examples:", "  eeprom tftp check --root /srv/tftp --serial 1234abcd",
                    "  eeprom tftp check --root /srv/tftp --serial 1234abcd --model pi5");

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Path root = args.get(ROOT);
        if (!Files.isDirectory(root)) throw new IOException(root + ": not a folder");
        String folder = Devices.ofSerials(List.of(args.get(SERIAL))).get(0).serial().orElseThrow();
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
