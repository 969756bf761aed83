package io.github.pieeprom.netboot.profile;

import io.github.pieeprom.text.Utf8;
import io.github.pieeprom.text.KeyValueLines;
import io.github.pieeprom.image.ImageFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pending one-shot boot: the board boots {@code once} until it has fetched that profile's kernel, then its folder
 * links to {@code then} again. Kept in {@code ROOT/.eeprom-boot/once.tsv} (written whole, renamed into place):
 * <pre>
 * # eeprom boot once 1
 * board=1234abcd	once=rescue	kernel=kernel8.img	then=profiles/installed	then-profile=installed
 * </pre>
 *
 * @param board       the board's folder
 * @param kernel      the kernel the board fetches from {@code once}, relative to its folder
 * @param then        the link the folder had before, put back once the kernel is fetched
 * @param thenProfile the profile {@code then} names
 */
public record OneShot(String board, String once, String kernel, String then, String thenProfile) {
    static final String FILE = "once.tsv";
    static final String HEADER = "# eeprom boot once 1";
    private static final List<String> KEYS = List.of("board", "once", "kernel", "then", "then-profile");

    static String text(List<OneShot> pending) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (OneShot p : pending) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("board", p.board());
            fields.put("once", p.once());
            fields.put("kernel", p.kernel());
            fields.put("then", p.then());
            fields.put("then-profile", p.thenProfile());
            out.append(KeyValueLines.line(fields));
        }
        return out.toString();
    }

    static List<OneShot> parse(String file, String text) {
        return KeyValueLines.parse(file, HEADER, KEYS, text).stream().map(r -> new OneShot(r.get("board"),
                r.get("once"), r.get("kernel"), r.get("then"), r.get("then-profile"))).toList();
    }

    /** The pending one-shot boots under {@code root}; empty when none. */
    public static List<OneShot> read(Path root) throws IOException {
        Path file = Profiles.stateFolder(root).resolve(FILE);
        if (!Files.isRegularFile(file)) return List.of();
        return parse(file.toString(), Utf8.decode(file.toString(), Files.readAllBytes(file)));   // names the line
    }

    /** Replaces the file; called with the root's lock held. */
    static void write(Path root, List<OneShot> pending) throws IOException {
        ImageFiles.write(Profiles.stateFolder(root).resolve(FILE), text(pending).getBytes(StandardCharsets.UTF_8));
    }
}
