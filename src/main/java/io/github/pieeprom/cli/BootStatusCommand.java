package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Json;
import io.github.pieeprom.netboot.boot.Board;
import io.github.pieeprom.netboot.boot.BootStateFiles;
import io.github.pieeprom.netboot.boot.Diagnosis;
import io.github.pieeprom.netboot.profile.History;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class BootStatusCommand implements Command {
    static final String ROOT = "--root", STATE = "--state", JSON = "--json", BOARD = "BOARD";
    private static final int LAST_LINES = 3;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "status",
                "List the boards eeprom boot serve has seen, with what went wrong for each.",
                "Readable while the server runs or after it stopped: it reads the state folder. A board without a "
                        + "serial is listed as unknown; a board without a folder of its own is one to register.");
        spec.addOption(Specs.path("DIR", ROOT).description("The served folder.").required(true).build());
        spec.addOption(Specs.path("DIR", STATE).description("The state folder, if boot serve had --state.").build());
        spec.addOption(Specs.flag(JSON).description("One JSON object: {\"state\", \"boards\": [...]}.").build());
        spec.addPositional(PositionalParamSpec.builder().paramLabel(BOARD).arity("0..1").index("0")
                .description("One board, by serial or MAC: its entry and its history of boot set switches.").build());
        Specs.footer(spec, "Examples:", "  eeprom boot status --root /srv/tftp", "  eeprom boot status --root /srv/tftp 1234abcd",
                "  eeprom boot status --root /srv/tftp --json");
        return spec;
    }

    /** A {@code --root} that is not a folder is a typo, not a quiet rack: {@code boot status} and {@code boot logs}. */
    static void requireRoot(Path root) {
        if (!Files.isDirectory(root)) throw EepromException.in(root.toString(), Files.exists(root)
                ? "the TFTP root is a file, not a folder" : "no such folder");
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path root = args.get(ROOT);
        requireRoot(root);
        Path state = BootStateFiles.folder(root, args.get(STATE));
        List<Board> boards = BootStateFiles.read(state);
        String one = args.get(BOARD);
        List<History.Entry> history = List.of();
        if (one != null) {
            boards = boards.stream().filter(b -> is(one, b.serial()) || is(one, b.mac())).toList();
            history = History.read(root).stream().filter(e -> is(one, e.board()) || is(one, e.name())).toList();
            if (boards.isEmpty() && history.isEmpty()) throw EepromException.in(root.toString(),
                    "no board %s in the inventory (%s) or the history of boot set", one, state);
        }
        List<Map<String, Object>> json = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        if (boards.isEmpty() && one == null) text.append("no boards seen yet (state: ").append(state).append(")\n");
        for (Board b : boards) {
            List<String> findings = Diagnosis.of(b, dangling(root, b.serial()));
            List<String> lines = lastLines(state, b);
            json.add(object(b, findings, lines));
            text.append("%-9s %-17s %-4s %-6s %-15s last seen %s  dhcp %d, tftp %d, %d files sent%n".formatted(
                    b.serial().isEmpty() ? "unknown" : b.serial(), b.mac().isEmpty() ? "-" : b.mac(),
                    b.fourcc().isEmpty() ? "-" : b.fourcc(), b.revision().isEmpty() ? "-" : b.revision(),
                    b.ip().isEmpty() ? "-" : b.ip(), b.lastSeen(), b.dhcp(), b.tftp(), b.files().size()));
            for (String f : findings) text.append("  ! ").append(f).append('\n');
            for (String l : lines) text.append("  | ").append(l).append('\n');
        }
        List<Map<String, Object>> switches = new ArrayList<>();
        if (!history.isEmpty()) text.append("history of ").append(one).append(":\n");
        for (History.Entry e : history) {
            text.append("  %s %-5s %s -> %s (%s)%n".formatted(e.time(), e.how().name().toLowerCase(Locale.ROOT),
                    e.from().isEmpty() ? "(no profile)" : e.from(), e.to(), e.user()));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("time", e.time().toString());
            o.put("user", e.user());
            o.put("how", e.how().name().toLowerCase(Locale.ROOT));
            o.put("from", e.from());
            o.put("to", e.to());
            switches.add(o);
        }
        if (args.flag(JSON)) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("state", state.toString());
            out.put("boards", json);
            if (one != null) out.put("history", switches);
            console.out().print(Json.write(out));
        } else {
            console.out().print(text);
        }
        console.out().flush();
        return 0;
    }

    /** A serial or a MAC as the user gave it, against one as stored (a MAC folder has - for :). */
    private static boolean is(String given, String stored) {
        return !stored.isEmpty() && given.replace('-', ':').equalsIgnoreCase(stored.replace('-', ':'));
    }

    /** The serial's folder when it is a symlink to nothing: serial to the link's target. */
    private static Map<String, String> dangling(Path root, String serial) throws IOException {
        if (serial.isEmpty()) return Map.of();
        Path folder = root.resolve(serial);
        return Files.isSymbolicLink(folder) && !Files.exists(folder)
                ? Map.of(serial, Files.readSymbolicLink(folder).toString()) : Map.of();
    }

    private static List<String> lastLines(Path state, Board b) throws IOException {
        if (b.log().isEmpty()) return List.of();
        Path log = BootStateFiles.log(state, b);
        if (!Files.isRegularFile(log)) return List.of();
        // what boards sent, read leniently: a byte that is not UTF-8 must not stop boot status (readAllLines throws)
        List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        return all.subList(Math.max(0, all.size() - LAST_LINES), all.size());
    }

    private static Map<String, Object> object(Board b, List<String> findings, List<String> lines) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("serial", b.serial());
        o.put("mac", b.mac());
        o.put("fourcc", b.fourcc());
        o.put("revision", b.revision());
        o.put("ip", b.ip());
        o.put("firstSeen", b.firstSeen().toString());
        o.put("lastSeen", b.lastSeen().toString());
        o.put("dhcp", b.dhcp());
        o.put("offered", b.offered());
        o.put("tftp", b.tftp());
        o.put("files", b.files());
        o.put("fellBack", b.fellBack());
        o.put("configWithoutOptions", b.configWithoutOptions());
        o.put("lastError", b.lastError());
        o.put("findings", findings);
        o.put("lastLines", lines);
        return o;
    }
}
