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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay the TFTP requests a board makes while network booting against a tree, and print each "
                + "with found, missing, absent (an allowed probe) or from-root (served from the root instead of the "
                + "board's folder, because the folder or its start4.elf is missing).",
                "Exit 1 when the board cannot boot: a file it needs is missing. The Pi 5 sequence is inferred."},
        footerHeading = "%nExamples:%n",
        footer = {"  eeprom tftp check --root /srv/tftp --serial 1234abcd", "  eeprom tftp check --root /srv/tftp --serial 1234abcd --model pi5"})
final class TftpCheckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--root", required = true, paramLabel = "TFTPROOT", description = "The TFTP root.") Path root;
    @Option(names = "--serial", required = true, paramLabel = "S", description = "The board's serial (8 hex digits).")
    String serial;
    @Option(names = "--model", paramLabel = "pi4|pi5", defaultValue = "pi4", converter = NetbootWords.ModelWord.class,
            description = "Pi 4 Model B or Pi 5 (default: pi4).") BootReplay.Model model;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(root)) throw new IOException(root + ": not a folder");
        String folder = Devices.ofSerials(List.of(serial)).get(0).serial().orElseThrow();
        BootReplay.Result result = BootReplay.run(model, folder + "/", name -> Files.isRegularFile(root.resolve(name)),
                name -> read(root.resolve(name)));
        PrintWriter out = spec.commandLine().getOut();
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
