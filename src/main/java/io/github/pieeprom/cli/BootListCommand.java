package io.github.pieeprom.cli;

import io.github.pieeprom.Json;
import io.github.pieeprom.netboot.profile.OneShot;
import io.github.pieeprom.netboot.profile.Profiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

final class BootListCommand implements Command {
    static final String ROOT = "--root";
    static final String JSON = "--json";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "list",
                "Show the profile each board boots: every folder of the TFTP root that links to a profile, by the "
                        + "name the bootloader asks for (serial or MAC), with its link.");
        spec.addOption(Specs.path("TFTPROOT", ROOT).description("The TFTP root.").required(true).build());
        spec.addOption(Specs.flag(JSON).description("One JSON array of {board, profile, link, rendered, once}.")
                .build());
        Specs.footer(spec, "Examples:", "  eeprom boot list --root /srv/tftp",
                "  eeprom boot list --root /srv/tftp --json");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        List<Profiles.BoardProfile> boards = Profiles.list(args.get(ROOT));
        if (args.flag(JSON)) {
            List<Object> json = new ArrayList<>();
            for (Profiles.BoardProfile b : boards) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("board", b.board());
                o.put("profile", b.profile());
                o.put("link", b.link());
                o.put("rendered", b.rendered());
                o.put("once", b.once().map(BootListCommand::once).orElse(null));
                json.add(o);
            }
            console.out().print(Json.write(json));
            return 0;
        }
        for (Profiles.BoardProfile b : boards) console.out().printf("%-17s  %s%s%n", b.board(), b.profile(),
                b.once().map(o -> " (once; then " + o.thenProfile() + ")").orElse(""));
        return 0;
    }

    private static Map<String, Object> once(OneShot o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", o.once());
        m.put("kernel", o.kernel());
        m.put("then", o.thenProfile());
        return m;
    }
}
