package io.github.pieeprom.bootconf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a config means for one board, in words: the settings that apply after the section filters, the defaults of
 * the rest, and {@code BOOT_ORDER} read right to left with what happens with and without a bootable SD card.
 * <pre>
 * System.out.print(Explainer.explain(config, Board.PI4));
 * </pre>
 */
public final class Explainer {
    private final BootConfig config;
    private final Board board;
    private final Map<String, Line> settings;
    private final StringBuilder out = new StringBuilder();

    private Explainer(BootConfig config, Board board) {
        this.config = config;
        this.board = board;
        this.settings = config.settings(board);
    }

    /** The explanation as lines of text, each ending in a newline. */
    public static String explain(BootConfig config, Board board) {
        return new Explainer(config, board).run();
    }

    private String run() {
        line("%s on a %s (BCM%s, filters %s):", config.file(), board.title(), board.soc().id(),
                "[" + String.join("][", board.filters().stream().sorted().toList()) + "]");
        line("");
        line("Settings that apply:");
        if (settings.isEmpty()) line("  (none)");
        settings.values().forEach(l -> line("  %-36s line %d%s", l.key() + "=" + l.value(), l.number(), note(l.key())));
        List<String> conditional = new ArrayList<>();
        for (Line l : config.lines())
            if (l.kind() == Line.Kind.PROPERTY && config.conditionOf(l).on(board) == Filter.Match.DEPENDS)
                conditional.add("  %-36s line %d, only when %s".formatted(l.key() + "=" + l.value(), l.number(),
                        config.conditionOf(l).name()));
        if (!conditional.isEmpty()) {
            line("");
            line("Settings that depend on the boot (GPIO level, serial number, tryboot, partition):");
            conditional.forEach(text -> line("%s", text));
        }
        line("");
        line("Defaults (not set):");
        for (Property p : Catalogue.all())
            if (p.status() == Property.Status.CURRENT && p.socs().contains(board.soc()) && value(p.name()).isEmpty())
                line("  %-36s %s", p.name() + "=" + Catalogue.defaultOn(p, board), p.meaning());
        line("");
        bootOrder();
        return out.toString();
    }

    /** What the firmware says of a name the documentation does not describe; empty for a documented one. */
    private String note(String key) {
        if (Catalogue.get(key).isPresent()) return "";
        String readers = PropertyHistory.readers(key, List.of(board.soc()));
        if (readers.isEmpty()) return "  (not a bootloader property: ignored)";
        return PropertyHistory.isCurrent(key, board.soc()) ? "  (undocumented; read by " + readers + ")"
                : "  (read only by " + readers + ")";
    }

    private void bootOrder() {
        String text = value("BOOT_ORDER").isEmpty() ? BootOrder.DEFAULT : value("BOOT_ORDER");
        if (BootOrder.check(text) != null) {
            line("BOOT_ORDER %s is not valid; the bootloader's behaviour is undefined.", text);
            return;
        }
        List<BootMode> modes = BootOrder.parse(text).modes();
        line("BOOT_ORDER %s%s, read right to left:", text, value("BOOT_ORDER").isEmpty() ? " (the default)" : "");
        for (int i = 0; i < modes.size(); i++) line("  %d. %s  %s", i + 1, modes.get(i).hex(), step(modes.get(i)));
        line("");
        List<String> before = new ArrayList<>();
        String withCard = null;
        for (BootMode mode : modes) {
            if (mode == BootMode.SD_CARD || mode == BootMode.SD_CARD_DETECT) {
                withCard = (before.isEmpty() ? "" : "tries " + String.join(", then ", before) + ", then ")
                        + "boots from the SD card.";
                break;
            }
            if (ends(mode)) break;
            if (board.has(mode)) before.add(mode.description());
        }
        line("With a bootable SD card: %s", withCard != null ? withCard
                : "the card is not used (no SD card mode is reached); the same as without one.");
        List<String> tried = new ArrayList<>();
        String end = "gives up and stops: there is no restart mode 0xf.";
        for (BootMode mode : modes) {
            if (mode == BootMode.RESTART) {
                String restarts = value("MAX_RESTARTS").isEmpty() ? "-1" : value("MAX_RESTARTS");
                end = "starts again with the first mode, " + (restarts.equals("-1") ? "forever (MAX_RESTARTS=-1)."
                        : "up to MAX_RESTARTS=" + restarts + " times, then resets the board.");
                break;
            }
            if (mode == BootMode.STOP || mode == BootMode.RPIBOOT) {
                end = mode == BootMode.STOP ? "stops and shows an error pattern until the power is cycled."
                        : "waits for a USB host running rpiboot, without a time limit.";
                break;
            }
            if (board.has(mode)) tried.add(mode.description() + retries(mode));
        }
        line("Without one: %s%s", tried.isEmpty() ? "" : "tries " + String.join(", then ", tried) + ", then ", end);
    }

    private String step(BootMode mode) {
        if (!board.has(mode)) return mode.description() + " (skipped: a " + board.title() + " has no such device)";
        return mode.description() + retries(mode);
    }

    private String retries(BootMode mode) {
        String key = switch (mode) {
            case SD_CARD, SD_CARD_DETECT -> "SD_BOOT_MAX_RETRIES";
            case NETWORK -> "NET_BOOT_MAX_RETRIES";
            default -> null;
        };
        if (key == null) return "";
        String n = value(key).isEmpty() ? Catalogue.get(key).orElseThrow().defaultValue() : value(key);
        return n.equals("-1") ? " (" + key + "=-1: retried forever)" : n.equals("0") ? "" : " (" + key + "=" + n + ")";
    }

    private static boolean ends(BootMode mode) {
        return mode == BootMode.RESTART || mode == BootMode.STOP || mode == BootMode.RPIBOOT;
    }

    /** The value set for the board, or empty when it is unset or set to nothing. */
    private String value(String key) {
        Line line = settings.get(key);
        return line == null ? "" : line.value();
    }

    private void line(String format, Object... args) {
        out.append(format.formatted(args)).append('\n');
    }
}
