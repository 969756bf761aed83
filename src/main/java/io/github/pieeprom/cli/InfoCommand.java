package io.github.pieeprom.cli;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Json;
import io.github.pieeprom.bootconf.PropertyTable;
import io.github.pieeprom.image.BuildInfo;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.Section;
import io.github.pieeprom.image.SectionKind;
import io.github.pieeprom.signing.ConfigSignature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import picocli.CommandLine.Model.CommandSpec;

final class InfoCommand implements Command {
    static final String IMAGE = "IMAGE";
    static final String JSON = "--json";
    static final String CHECK = "--check";
    static final String PROPERTIES = "--properties";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "info",
                "Show an image's SoC, bootloader build, layout, embedded files and sections.",
                    "The decompressed size of an LZ4 section is the one its frame header declares. --check "
                            + "decompresses each section and checks its SHA-256: about 100 ms more for a Pi 5 image "
                            + "(docs/performance.md).");
        spec.addPositional(Specs.pathParameter("IMAGE").index("0").required(true).build());
        spec.addOption(Specs.flag("--json")
                .description("Print the facts as JSON; \"properties\" lists the names the bootloader reads "
                        + "(empty for an image without a property table: not a Raspberry Pi release).").build());
        spec.addOption(Specs.flag("--properties")
                .description("Print only the property names this image's bootloader reads, one a line, read from "
                        + "its boot code (nothing, and a note, for an image without a property table).").build());
        spec.addOption(Specs.flag("--check")
                .description("Decompress every LZ4 section and check it against "
            + "the SHA-256 stored after its frame; a section that fails is an error (exit 1).").build());
        Specs.footer(spec,
                "Examples:", "  eeprom info pieeprom.bin", "  eeprom info pieeprom.bin --json",
                    "  eeprom info --check pieeprom.bin", "  eeprom info --properties pieeprom.bin");
        return spec;
    }

    @Override
    public int run(Parsed args, Console console) throws IOException {
        EepromImage source = Inputs.image(args.get(IMAGE));
        if (args.flag(PROPERTIES)) return printProperties(source, console);
        ConfigSignature signature = ConfigSignature.of(source);
        BuildInfo build = source.build();
        Map<String, Object> facts = facts(source, build, signature, args.flag(CHECK), args.flag(JSON));
        PrintWriter out = console.out();
        if (args.flag(JSON)) out.print(Json.write(facts));
        else printText(source, build, facts, signature, out);
        out.flush();
        return 0;
    }

    /**
     * {@code check}: decompress each LZ4 section and check its SHA-256 (an {@code EepromException} if one fails);
     * {@code properties}: the names the bootloader reads (which may decompress bootmain: the text output does not).
     */
    static Map<String, Object> facts(EepromImage image, BuildInfo build, ConfigSignature signature, boolean check,
            boolean properties) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("file", image.file());
        facts.put("soc", image.soc().id());
        facts.put("size", image.size());
        facts.put("ab", image.isAb());
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("timestamp", build.timestamp().isPresent() ? build.timestamp().getAsLong() : null);
        b.put("date", build.date().map(Object::toString).orElse(null));
        b.put("version", build.version().orElse(null));
        if (build.mfgVersion().isPresent()) b.put("mfgVersion", build.mfgVersion().getAsInt());
        facts.put("build", b);
        Section conf = image.findFile(EepromImage.BOOTCONF_TXT).orElse(null);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("offset", conf == null ? null : conf.offset());
        c.put("length", conf == null ? null : conf.payloadLength());
        c.put("capacity", conf == null ? null : capacity(image));
        facts.put("bootconf", c);
        facts.put("signed", image.hasContent(EepromImage.BOOTCONF_SIG));
        facts.put("pubkey", image.hasContent(EepromImage.PUBKEY_BIN));
        facts.put("cacert", image.hasContent(EepromImage.CACERT_DER));
        facts.put("signature", signature.status().label());
        facts.put("updateTimestamp", image.timestamp().orElse(null));
        if (properties) facts.put("properties", List.copyOf(PropertyTable.of(image).names()));
        List<Object> sections = new ArrayList<>();
        int lz4 = 0;
        for (Section s : image.sections()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("offset", s.offset());
            m.put("length", s.length());
            m.put("kind", s.kind().label());
            m.put("name", s.name());
            if (s.kind() == SectionKind.LZ4) {
                OptionalLong declared = check ? OptionalLong.of(image.decompress(s).length) : image.declaredSize(s);
                m.put("decompressed", declared.isPresent() ? Long.valueOf(declared.getAsLong()) : null);
                lz4++;
            }
            sections.add(m);
        }
        facts.put("lz4Checked", lz4 == 0 ? null : check);
        facts.put("sections", sections);
        return facts;
    }

    private static int printProperties(EepromImage image, Console console) {
        PropertyTable table = PropertyTable.of(image);
        if (!table.isKnown()) console.err().println("eeprom: note: " + image.file()
                + " has no property table in its boot code: not a Raspberry Pi release");
        for (String name : table.names()) console.out().println(name);
        console.out().flush();
        return 0;
    }

    private static Integer capacity(EepromImage image) {
        try {
            return image.capacity(EepromImage.BOOTCONF_TXT);
        } catch (EepromException e) {
            return null;                 // bootconf.txt outside the region the reference updates
        }
    }

    @SuppressWarnings("unchecked")
    private static void printText(EepromImage image, BuildInfo build, Map<String, Object> facts,
            ConfigSignature signature, PrintWriter out) {
        Map<String, Object> conf = (Map<String, Object>) facts.get("bootconf");
        out.println("file        " + image.file());
        out.println("soc         BCM" + image.soc().id() + " (" + (image.soc().id().equals("2711") ? "Pi 4 / Pi 400 / CM4"
                : "Pi 5 / Pi 500 / CM5") + "), " + image.size() + " bytes" + (image.isAb() ? ", AB partitions" : ""));
        out.println("build       " + build.timestamp().stream().mapToObj(t -> utc(t) + " (BUILD_TIMESTAMP=" + t + ")")
                .findFirst().orElse("unknown (no BUILD_TIMESTAMP)") + build.version().map(v -> ", version " + v)
                .orElse("") + (build.mfgVersion().isPresent() ? ", MFG_VER " + build.mfgVersion().getAsInt() : ""));
        if (conf.get("offset") == null) out.println("bootconf    none");
        else out.println("bootconf    " + conf.get("length") + " bytes at 0x" + Text.hex((Integer) conf.get("offset"), 6)
                + ", room for " + (conf.get("capacity") == null ? "?" : conf.get("capacity")) + " bytes");
        out.println("signed      " + yesNo(facts.get("signed")) + "    pubkey " + yesNo(facts.get("pubkey"))
                + "    cacert " + yesNo(facts.get("cacert")));
        out.println("signature   " + signature.status().label() + " (" + signature.detail() + ")");
        out.println("updated     " + image.timestamp().map(t -> "timestamp " + t).orElse("no update timestamp set"));
        if (facts.get("lz4Checked") != null) out.println("lz4         " + (Boolean.TRUE.equals(facts.get("lz4Checked"))
                ? "every section decompressed and its SHA-256 checked" : "sizes from the frame headers; not checked "
                + "(--check decompresses and checks them)"));
        out.println();
        out.println("  offset     length  kind        name          decompressed");
        for (Object o : (List<Object>) facts.get("sections")) {
            Map<String, Object> s = (Map<String, Object>) o;
            out.println(("  0x" + Text.hex((Integer) s.get("offset"), 6) + " " + Text.right(s.get("length"), 8) + "  "
                    + Text.left(s.get("kind"), 10) + "  " + Text.left(EepromException.printable((String) s.get("name")), 12) + "  "
                    + (s.get("decompressed") != null ? s.get("decompressed") : "")).stripTrailing());
        }
    }

    /** {@code 2026-01-01 00:00:00 UTC}. */
    static String utc(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        return t.toLocalDate() + " " + Text.two(t.getHour()) + ":" + Text.two(t.getMinute()) + ":"
                + Text.two(t.getSecond()) + " UTC";
    }

    private static String yesNo(Object value) {
        return Boolean.TRUE.equals(value) ? "yes" : "no";
    }
}
