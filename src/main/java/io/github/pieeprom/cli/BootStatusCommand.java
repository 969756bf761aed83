package io.github.pieeprom.cli;

import io.github.pieeprom.Json;
import io.github.pieeprom.netboot.boot.Board;
import io.github.pieeprom.netboot.boot.BootStateFiles;
import io.github.pieeprom.netboot.boot.Diagnosis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

final class BootStatusCommand implements Command {
    static final String ROOT = "--root", STATE = "--state", JSON = "--json";
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
        Specs.footer(spec, "Examples:", "  eeprom boot status --root /srv/tftp",
                "  eeprom boot status --root /srv/tftp --json");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path root = args.get(ROOT);
        Path state = BootStateFiles.folder(root, args.get(STATE));
        List<Board> boards = BootStateFiles.read(state);
        List<Map<String, Object>> json = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        if (boards.isEmpty()) text.append("no boards seen yet (state: ").append(state).append(")\n");
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
        if (args.flag(JSON)) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("state", state.toString());
            out.put("boards", json);
            console.out().print(Json.write(out));
        } else {
            console.out().print(text);
        }
        console.out().flush();
        return 0;
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
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
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
