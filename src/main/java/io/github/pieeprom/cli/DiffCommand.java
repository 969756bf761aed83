package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.bootconf.ConfigDiff;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.Section;
import io.github.pieeprom.image.SectionKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

final class DiffCommand implements Command {
    static final String A = "A";
    static final String B = "B";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "diff",
                "The properties added (+), removed (-) and changed (~) between two configs, per section; "
                    + "for two images also the other sections that differ. A and B are config files or images "
                    + "(- for standard input).");
        spec.addPositional(Specs.pathParameter("A").index("0").required(true).build());
        spec.addPositional(Specs.pathParameter("B").index("1").required(true).build());
        Specs.footer(spec,
                "Examples:", "  eeprom diff pieeprom-2024-04-15.bin pieeprom-2025-02-11.bin",
                    "  eeprom diff boot.conf pieeprom.bin");
        spec.usageMessage().exitCodeList(Specs.exitCodes("0", "A and B hold the same properties (and sections).",
                "1", "They differ.", "2", "Trouble: a file cannot be read or is not a config or image; a usage error."));
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        Path a = args.get(A), b = args.get(B);
        Inputs.readOnce(a, b);
        ConfigSource x = ConfigSource.read(a), y = ConfigSource.read(b);
        PrintWriter out = console.out();
        List<ConfigDiff.Change> changes = ConfigDiff.between(x.config(), y.config());
        String section = null;
        for (ConfigDiff.Change change : changes) {
            if (!change.section().equals(section)) out.println(section = change.section());
            out.println("  " + change);
        }
        if (changes.isEmpty()) out.println("bootconf.txt: same properties");
        boolean differ = !changes.isEmpty();
        if (x.image().isPresent() && y.image().isPresent()) {
            Map<String, byte[]> p = sections(x.image().get()), q = sections(y.image().get());
            Set<String> names = new LinkedHashSet<>(p.keySet());
            names.addAll(q.keySet());
            for (String name : names) {
                String difference = !q.containsKey(name) ? "only in " + a : !p.containsKey(name) ? "only in " + b
                        : Arrays.equals(p.get(name), q.get(name)) ? null : "differs";
                if (difference != null) out.println("section " + name + ": " + difference);
                differ |= difference != null;
            }
        }
        out.flush();
        return differ ? 1 : 0;                                  // as diff(1); trouble is 2 (badInputExit)
    }

    @Override
    public int badInputExit() {
        return EepromCli.EXIT_USAGE;
    }

    /** Every section but padding, by kind, name and occurrence ({@code file updatetime#2}); bootconf.txt is compared above. */
    private static Map<String, byte[]> sections(EepromImage image) {
        Map<String, byte[]> sections = new LinkedHashMap<>();
        for (Section s : image.sections()) {
            if (s.kind() == SectionKind.PAD || s.name().equals(EepromImage.BOOTCONF_TXT)) continue;
            String name = s.kind().label() + (s.name().isEmpty() ? "" : " " + EepromException.printable(s.name()));
            String key = name;
            for (int n = 2; sections.containsKey(key); n++) key = name + "#" + n;
            sections.put(key, image.payload(s));
        }
        return sections;
    }
}
