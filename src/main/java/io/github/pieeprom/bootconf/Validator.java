package io.github.pieeprom.bootconf;

import io.github.pieeprom.Soc;
import io.github.pieeprom.bootconf.Finding.Severity;
import io.github.pieeprom.bootconf.Property.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a {@link BootConfig} against the bootloader's rules, the {@link Catalogue} (the documentation) and the
 * firmware's own word on which names it reads: an image's {@link PropertyTable}, or the {@link PropertyHistory} of
 * every release. Every finding, in line order.
 * <pre>
 * List&lt;Finding&gt; findings = Validator.check(config, Optional.of(Soc.BCM2712));
 * List&lt;Finding&gt; forImage = Validator.checkInImage(config, PropertyTable.of(image));
 * boolean ok = findings.stream().noneMatch(Finding::isError);
 * </pre>
 * Severity from evidence: a name no release reads and no document describes is an error (with a did-you-mean); a
 * name the firmware reads that the documentation does not describe is a warning (undocumented, its value is not
 * checked); a name documented for the other SoC family that this family's firmware reads is a warning; a name an
 * image's bootloader does not read (too old, or removed) is an error naming the releases that read it.
 */
public final class Validator {
    /** The largest {@code bootconf.txt} an image can hold: a 4 KiB erase block less the 20-byte file header. */
    static final int MAX_SIZE = 4076;
    /** config.txt reads only this many characters of a line; the bootloader is assumed to do the same. */
    static final int MAX_LINE = 98;

    private final BootConfig config;
    private final Optional<Soc> soc;
    private final boolean socIsStated;
    /** The target image's own property names, when known: they decide what it reads. */
    private final Optional<PropertyTable> table;
    private final List<Finding> findings = new ArrayList<>();
    /** Each finding is reported once. Keyed by text, not by the record: a record's hashCode is bootstrapped through
     *  method handles the JVM spins anew in each run (8 ms of a 50 ms validate). */
    private final Set<String> reported = new HashSet<>();

    private Validator(BootConfig config, Optional<Soc> soc, boolean socIsStated, Optional<PropertyTable> table) {
        this.config = config;
        this.soc = soc;
        this.socIsStated = socIsStated;
        this.table = table;
    }

    /**
     * Every finding for a config. {@code soc} is the SoC the user says the config is for: a property of the other
     * SoC is then an error. Without it, the SoC of each section comes from its filters ({@code [pi4]}).
     */
    public static List<Finding> check(BootConfig config, Optional<Soc> soc) {
        return new Validator(config, soc, soc.isPresent(), Optional.empty()).run();
    }

    /**
     * Every finding for the config of an image whose bootloader is not known, only its SoC: that SoC decides which
     * board-specific checks apply, but a property of the other SoC is only a warning.
     */
    public static List<Finding> checkInImage(BootConfig config, Soc imageSoc) {
        return new Validator(config, Optional.of(imageSoc), false, Optional.empty()).run();
    }

    /**
     * Every finding for a config stored in (or checked against) an image, whose own property table says which names
     * its bootloader reads: a name it does not read is an error naming the releases that do. What {@code validate
     * --image} and the commands that write a config into an image call. An image without a table (not a Raspberry
     * Pi release) is checked as {@link #checkInImage(BootConfig, Soc)} checks.
     */
    public static List<Finding> checkInImage(BootConfig config, PropertyTable image) {
        return new Validator(config, Optional.of(image.soc()), false,
                image.isKnown() ? Optional.of(image) : Optional.empty()).run();
    }

    private List<Finding> run() {
        if (config.size() > MAX_SIZE) add(0, 0, "", Severity.ERROR,
                "the file is " + config.size() + " bytes, more than the " + MAX_SIZE + " bytes an image can hold");
        Map<String, Map<String, Line>> seen = new HashMap<>();
        for (Line line : config.lines()) {
            Condition condition = config.conditionOf(line);
            int invisible = Invisible.indexOf(line.text());
            if (invisible >= 0 && !condition.isParked()) {
                add(line, invisible + 1, line.key(), Severity.ERROR, Invisible.name(line.text().charAt(invisible))
                        + " at line " + line.number() + ", column " + (invisible + 1) + ": an invisible character, "
                        + "which the bootloader reads as part of the line; remove it");
                continue;
            }
            if (line.kind() == Line.Kind.SECTION && !isConfigTxtContent(line)) section(line);
            if (condition.isParked()) continue;
            if (line.kind() == Line.Kind.INVALID) add(line, 1, "", Severity.ERROR,
                    "expected KEY=VALUE, a [filter], a # comment or a blank line, found \"" + line.text() + "\"");
            if (line.kind() == Line.Kind.PROPERTY) {
                property(line, condition);
                Line earlier = seen.computeIfAbsent(condition.name(), c -> new HashMap<>()).put(line.key(), line);
                if (earlier != null) add(line, 1, line.key(), Severity.WARNING,
                        line.key() + " is also set on line " + earlier.number() + " in " + condition.name()
                                + "; this later value wins");
            }
        }
        crossChecks();
        List<Finding> sorted = new ArrayList<>(findings);
        // not Comparator.comparingInt(...).thenComparingInt(...): the JDK spins those lambdas anew in every run
        sorted.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                : Integer.compare(a.column(), b.column()));
        return sorted;
    }

    /** Lines after {@code [config.txt]} belong to the OS config.txt, headers included. */
    private boolean isConfigTxtContent(Line line) {
        return line.number() > 1 && config.conditionOf(config.lines().get(line.number() - 2)).isConfigTxt();
    }

    private void section(Line line) {
        Filter filter = Filter.parse(line.value());
        String name = "[" + line.value() + "]";
        if (filter.kind() == Filter.Kind.UNSUPPORTED) add(line, 1, name, Severity.ERROR,
                name + ": EDID and HDMI filters are not supported in bootconf.txt");
        if (filter.kind() == Filter.Kind.UNKNOWN) add(line, 1, name, Severity.ERROR,
                "unknown section filter " + name + (line.value().startsWith("board_type")
                        ? "; did you mean [board-type=...] (with a hyphen)?"
                        : "; expected all, none, a model (pi4, pi400, cm4, cm4s, pi5, pi500, cm5), board-type=0xNN, "
                                + "a serial 0xNNNNNNNN, gpioN=0|1, tryboot, partition=N, boot_count or boot_arg1"));
    }

    private void property(Line line, Condition condition) {
        String key = line.key();
        if (!key.chars().allMatch(c -> c == '_' || c < 128 && Character.isLetterOrDigit(c))) {
            add(line, 1, "", Severity.ERROR, (key.isBlank() || !key.strip().equals(key)
                    ? "spaces around = are not allowed: expected KEY=VALUE, found \""
                    : "expected KEY=VALUE with a name of letters, digits and _, found \"") + line.text() + "\"");
            return;
        }
        if (Catalogue.CONFIG_TXT_ONLY.contains(key)) {
            add(line, 1, key, Severity.ERROR,
                    key + " is a config.txt setting (read by recovery.bin or the firmware), not a bootloader property");
            return;
        }
        Optional<Property> known = Catalogue.get(key);
        Optional<Soc> lineSoc = socOf(condition);
        if (table.isPresent() && lineSoc.isPresent()) {            // a line this image's bootloader reads
            PropertyTable image = table.get();
            if (!image.takesEffect(key)) {
                notRead(line, image, known);
                return;
            }
            if (known.isEmpty()) {
                add(line, 1, key, Severity.WARNING, key + " is read by " + image.describe()
                        + " but the documentation does not describe it (undocumented): its value is not checked");
                return;
            }
            if (!known.get().socs().contains(image.soc())) add(line, 1, key, Severity.WARNING, key
                    + " is documented for the " + family(known.get()) + " only, but " + image.describe() + " reads it");
            value(line, condition, known.get(), lineSoc);
            return;
        }
        if (known.isEmpty()) {
            undocumented(line, lineSoc);
            return;
        }
        Property p = known.get();
        if (p.status() != Status.CURRENT) add(line, 1, key, Severity.WARNING,
                key + " is " + (p.status() == Status.REMOVED ? "no longer a property" : "deprecated") + " ("
                        + p.meaning() + "); the bootloader ignores it");
        if (lineSoc.isPresent() && !p.socs().contains(lineSoc.get())) {
            String readers = PropertyHistory.readers(key, List.of(lineSoc.get()));
            if (!readers.isEmpty()) add(line, 1, key, Severity.WARNING,
                    key + " is documented for the " + family(p) + " only, but " + readers + " read it");
            else add(line, 1, key, socIsStated ? Severity.ERROR : Severity.WARNING,
                    key + " is a " + family(p) + " property; the BCM" + lineSoc.get().id() + " bootloader ignores it");
        }
        value(line, condition, p, lineSoc);
    }

    /** The value of a documented property, and the length of its line. */
    private void value(Line line, Condition condition, Property p, Optional<Soc> lineSoc) {
        String key = line.key();
        if (line.value().isEmpty()) return;                        // KEY= means unset
        if (p.type() == ValueType.BOOT_ORDER) {
            bootOrder(line, condition, lineSoc);
        } else {
            String problem = p.problem(line.value());
            if (problem != null) add(line, line.valueColumn(), key, Severity.ERROR, key + ": " + problem);
        }
        if (line.text().length() > MAX_LINE) add(line, MAX_LINE + 1, key, Severity.WARNING,
                "the line is " + line.text().length() + " characters; the bootloader reads only the first " + MAX_LINE);
    }

    /**
     * A name the target image's bootloader does not read: an error naming the releases that do, or, for a name no
     * release reads and no document describes, "unknown property".
     */
    private void notRead(Line line, PropertyTable image, Optional<Property> known) {
        String key = line.key();
        if (known.isEmpty() && PropertyHistory.readers(key, List.of(Soc.values())).isEmpty()) {
            unknown(line);
            return;
        }
        add(line, 1, key, Severity.ERROR, key + " is not read by " + image.describe() + ": " + image.whyNotRead(key)
                + (known.isEmpty() ? hint(key) : ""));
    }

    /**
     * A name the documentation does not describe, judged by the history: read by current releases (a warning:
     * undocumented), only by old ones (a warning: no longer read), only by the other SoC's, or by none (an error).
     */
    private void undocumented(Line line, Optional<Soc> lineSoc) {
        String key = line.key();
        List<Soc> socs = lineSoc.isPresent() ? List.of(lineSoc.get()) : List.of(Soc.values());
        String readers = PropertyHistory.readers(key, socs);
        if (readers.isEmpty()) {
            String others = PropertyHistory.readers(key, List.of(Soc.values()));
            if (others.isEmpty()) unknown(line);
            else add(line, 1, key, socIsStated ? Severity.ERROR : Severity.WARNING, key + " is read only by " + others
                    + "; the BCM" + lineSoc.orElseThrow().id() + " bootloader ignores it");
            return;
        }
        boolean current = false;
        for (Soc s : socs) current |= PropertyHistory.isCurrent(key, s);
        add(line, 1, key, Severity.WARNING, current
                ? key + " is undocumented: " + readers + " read it, but the documentation does not describe it, so "
                        + "its value is not checked"
                : key + " is no longer read: only " + readers + " read it" + hint(key));
    }

    private void unknown(Line line) {
        add(line, 1, line.key(), Severity.ERROR, "unknown property " + line.key() + hint(line.key()));
    }

    /** "; did you mean A, B or C?", or empty. */
    private static String hint(String key) {
        List<String> like = Catalogue.suggestions(key);
        return like.isEmpty() ? "" : "; did you mean " + (like.size() == 1 ? like.get(0)
                : String.join(", ", like.subList(0, like.size() - 1)) + " or " + like.get(like.size() - 1)) + "?";
    }

    /** The SoC a section is for: the one the user or the image names, else the one its filters select. */
    private Optional<Soc> socOf(Condition condition) {
        Optional<Soc> filtered = condition.soc();
        if (soc.isPresent() && filtered.isPresent() && soc.get() != filtered.get())
            return Optional.empty();                               // a section for the other SoC: never applies
        return soc.or(() -> filtered);
    }

    private void bootOrder(Line line, Condition condition, Optional<Soc> lineSoc) {
        BootOrder.Problem problem = BootOrder.check(line.value());
        if (problem != null) {
            add(line, line.valueColumn() + problem.index(), line.key(), Severity.ERROR,
                    "BOOT_ORDER: " + problem.message());
            return;
        }
        List<BootMode> modes = BootOrder.parse(line.value()).modes();
        BootMode last = modes.get(modes.size() - 1);
        if (!modes.contains(BootMode.RESTART) && last != BootMode.STOP) warn(line,
                "BOOT_ORDER " + line.value() + " has no restart mode 0xf: after " + last.description()
                        + " the bootloader gives up (0xf" + line.value().substring(2) + " tries again)");
        Optional<Board> board = condition.board().or(() -> lineSoc.map(Board::defaultFor));
        for (int i = 0; i < modes.size(); i++) {
            BootMode mode = modes.get(i);
            if (board.isPresent() && !board.get().has(mode)) warn(line,
                    "BOOT_ORDER: boot mode " + mode.hex() + " (" + mode.description() + ") does not exist on a "
                            + board.get().title() + "; the bootloader skips it");
            if (mode == BootMode.SD_CARD_DETECT) warn(line, "BOOT_ORDER: boot mode 0x0 is deprecated; use 0xf");
            boolean ends = mode == BootMode.RESTART || mode == BootMode.STOP || mode == BootMode.RPIBOOT;
            if (ends && i < modes.size() - 1) warn(line,
                    "BOOT_ORDER: the modes after " + mode.hex() + " (" + mode.description() + ") are never tried");
        }
    }

    /**
     * Properties that only work together (per section, with the {@code [all]} settings it inherits: every {@code [all]}
     * line, above the section or below it, applies to the boards the section matches, and the later line of a key
     * wins). A section's settings are looked up, not copied: copying each {@code [all]} line into every section made
     * a config of thousands of sections quadratic.
     */
    private void crossChecks() {
        Map<String, Line> all = new HashMap<>();                       // key: its last [all] line
        Map<String, Section> sections = new LinkedHashMap<>();         // by name, in the order they begin
        for (Line line : config.lines()) {
            Condition condition = config.conditionOf(line);
            if (line.kind() != Line.Kind.PROPERTY || condition.isParked()) continue;
            Section section = sections.computeIfAbsent(condition.name(), c -> new Section(new HashMap<>(), all));
            (condition.filters().isEmpty() ? all : section.own()).put(line.key(), line);
        }
        for (Section section : sections.values()) together(section);
    }

    /**
     * The settings of a section for {@link #crossChecks}.
     *
     * @param own its own last line of each key
     * @param all the last {@code [all]} line of each key in the whole config
     */
    private record Section(Map<String, Line> own, Map<String, Line> all) {
        /** The line that sets {@code key} here: the later of its own and the last {@code [all]} one. */
        Line get(String key) {
            Line mine = own.get(key), inherited = all.get(key);
            if (inherited == null) return mine;
            return mine == null || mine.number() < inherited.number() ? inherited : mine;
        }
    }

    private void together(Section settings) {
        Line prefix = settings.get("TFTP_PREFIX");
        if (prefix != null && prefix.value().equals("1") && value(settings, "TFTP_PREFIX_STR").isEmpty())
            warn(prefix, "TFTP_PREFIX=1 takes the folder from TFTP_PREFIX_STR, which is not set");
        Line string = settings.get("TFTP_PREFIX_STR");
        String mode = value(settings, "TFTP_PREFIX");
        if (string != null && !string.value().isEmpty() && !mode.equals("1"))
            warn(string, "TFTP_PREFIX_STR is ignored unless TFTP_PREFIX=1; here TFTP_PREFIX is "
                    + (mode.isEmpty() ? "not set (0: the board's folder is its serial number)"
                    : mode + (mode.equals("0") ? " (the serial number)" : mode.equals("2") ? " (the MAC address)" : "")));
        Line client = settings.get("CLIENT_IP");
        if (client == null || client.value().isEmpty()) return;
        List<String> missing = new ArrayList<>();
        for (String key : List.of("SUBNET", "TFTP_IP")) if (value(settings, key).isEmpty()) missing.add(key);
        if (!missing.isEmpty()) {
            warn(client, "CLIENT_IP without " + String.join(" and ", missing)
                    + ": a static IP needs CLIENT_IP, SUBNET and TFTP_IP, so the bootloader uses DHCP");
            return;
        }
        long ip = ValueType.ipv4(client.value()), mask = ValueType.ipv4(value(settings, "SUBNET"));
        Line tftp = settings.get("TFTP_IP");
        long server = ValueType.ipv4(tftp.value());
        if (ip >= 0 && mask >= 0 && server >= 0 && (ip & mask) != (server & mask) && value(settings, "GATEWAY").isEmpty())
            warn(tftp, "TFTP_IP " + tftp.value() + " is outside CLIENT_IP/SUBNET " + client.value() + "/"
                    + value(settings, "SUBNET") + " and no GATEWAY is set");
    }

    private static String value(Section settings, String key) {
        Line line = settings.get(key);
        return line == null ? "" : line.value();
    }

    /** "BCM2711 (Pi 4 family)": the family a property of one SoC is documented for. */
    private static String family(Property p) {
        Soc soc = p.socs().iterator().next();
        return "BCM" + soc.id() + (soc == Soc.BCM2711 ? " (Pi 4 family)" : " (Pi 5 family)");
    }

    private void warn(Line line, String message) {
        add(line, line.valueColumn(), line.key(), Severity.WARNING, message);
    }

    private void add(Line line, int column, String key, Severity severity, String message) {
        add(line.number(), column, key, severity, message);
    }

    private void add(int line, int column, String key, Severity severity, String message) {
        if (reported.add(line + ":" + column + ":" + severity + ":" + key + ":" + message))
            findings.add(new Finding(line, column, key, severity, message));
    }
}
