package io.github.pieeprom.bootconf;

import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.Section;
import io.github.pieeprom.image.SectionKind;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The property names one image's bootloader reads, taken from the image itself: the bootloader keeps them as a
 * table of strings in its boot code ({@link EepromImage#bootCode()}: {@code bootcode.bin}, or {@code bootsys} in an
 * AB image), so a release published tomorrow is understood on the day.
 * <p>
 * How a name is told from the other strings of the code: a <b>name</b> is a NUL-terminated run of upper-case
 * letters, digits and {@code _} that starts with a letter and begins right after a NUL (or, for the first string
 * after code or data, at a 4-byte boundary). A <b>table</b> is a run of names with only NUL padding (at most 8 bytes)
 * between them; any other string ends it. A table counts if at least one of its names is in the {@link Catalogue}
 * (the documentation); its names with a {@code _} are property names, and so are those without one that the
 * documentation describes ({@code SUBNET}, {@code GATEWAY}, {@code PARTITION}, {@code VL805}...): the 2020-2021 Pi 4
 * table of IP addresses runs on into the Ethernet controller's counter names ({@code GR64}, {@code GTPKT}...).
 * When the boot code holds no table, the LZ4 {@code bootmain} is read instead; in every LZ4 image released so far its
 * table repeats the boot code's. An image with no table at all (a synthetic one) gives an empty set.
 * <pre>
 * PropertyTable.of(ImageFiles.read(Path.of("pieeprom-2022-02-04.bin"))).reads("DNS_IP")   // true
 * </pre>
 *
 * @param soc   the image's SoC
 * @param built the build date of its bootloader, if the code says
 * @param names every property name found, sorted
 */
public record PropertyTable(Soc soc, Optional<LocalDate> built, SortedSet<String> names) {
    /** At most this many NUL bytes between two names of one table: the terminator and up to 7 of padding. */
    static final int MAX_GAP = 8;

    public PropertyTable {
        names = Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }

    /** Reads the names from an image's boot code (see the class comment for the rule). */
    public static PropertyTable of(EepromImage image) {
        SortedSet<String> names = scan(image.bootCode());
        if (names.isEmpty())
            for (Section s : image.sections())
                if (s.kind() == SectionKind.LZ4 && s.name().equals("bootmain")) names = scan(image.decompressUnchecked(s));
        return new PropertyTable(image.soc(), image.build().date(), names);
    }

    /** Whether this bootloader reads the name. */
    public boolean reads(String name) {
        return names.contains(name);
    }

    /**
     * Whether a setting of the name takes effect with this bootloader: it reads the name, or another program reads
     * it from the config ({@code FREEZE_VERSION}: {@code rpi-eeprom-update}; {@code IMAGER_REPO_URL}: the
     * network-install Imager).
     */
    public boolean takesEffect(String name) {
        return reads(name) || Catalogue.READ_BY_OTHERS.containsKey(name);
    }

    /**
     * Why this bootloader does not read a name, from the {@link PropertyHistory}: "the first BCM2711 release that
     * reads it is 2022-02-04", "only BCM2711 releases 2019-09-22 to 2020-04-16 read it", "only BCM2712 releases
     * since 2023-11-20 read it", "no release reads it".
     */
    public String whyNotRead(String name) {
        Optional<PropertyHistory.Range> range = PropertyHistory.range(name, soc);
        String own = PropertyHistory.readers(name, List.of(soc));
        if (range.isPresent()) {
            PropertyHistory.Range r = range.get();
            if (built.isPresent() && built.get().isBefore(r.first()))
                return "the first BCM" + soc.id() + " release that reads it is " + r.first();
            return built.isPresent() && built.get().isAfter(r.last()) ? "only " + own + " read it"
                    : own + " read it, but not this build";
        }
        String others = PropertyHistory.readers(name, List.of(Soc.values()));
        return others.isEmpty() ? "no release reads it" : "only " + others + " read it";
    }

    /** Whether the image has a property table: false for images that are not Raspberry Pi releases. */
    public boolean isKnown() {
        return !names.isEmpty();
    }

    /** "this bootloader (BCM2711, built 2022-02-03)", for messages. */
    String describe() {
        return "this bootloader (BCM" + soc.id() + (built.isPresent() ? ", built " + built.get() : "") + ")";
    }

    /** The property names in the tables of one piece of boot code. */
    static SortedSet<String> scan(byte[] code) {
        SortedSet<String> names = new TreeSet<>();
        List<String> table = new ArrayList<>();
        int tableEnd = -1;                                   // the NUL after the current table's last name
        for (int p = 0; p < code.length; ) {
            int nul = p;
            while (nul < code.length && code[nul] != 0) nul++;
            if (nul == code.length) break;                   // not NUL-terminated: no string
            if (nul > p) {
                int start = isName(code, p, nul) ? p : alignedName(code, p, nul);
                boolean continues = start == p && tableEnd >= 0 && p - tableEnd <= MAX_GAP;
                if (!continues) {
                    keep(table, names);
                    table.clear();
                }
                if (start >= 0) {
                    table.add(new String(code, start, nul - start, StandardCharsets.US_ASCII));
                    tableEnd = nul;
                } else {
                    tableEnd = -1;
                }
            }
            p = nul + 1;
        }
        keep(table, names);
        return names;
    }

    /** Adds a table's names if the documentation describes one of them (see the class comment). */
    private static void keep(List<String> table, SortedSet<String> names) {
        boolean documented = false;
        for (String name : table) documented |= Catalogue.get(name).isPresent();
        if (!documented) return;
        for (String name : table) if (name.indexOf('_') >= 0 || Catalogue.get(name).isPresent()) names.add(name);
    }

    /** The first name that starts on a 4-byte boundary inside a string that follows code or data, or -1. */
    private static int alignedName(byte[] code, int from, int end) {
        for (int q = (from + 3) & ~3; q < end; q += 4) if (isName(code, q, end)) return q;
        return -1;
    }

    /** {@code [A-Z][A-Z0-9_]+} from {@code from} to {@code end}. */
    private static boolean isName(byte[] code, int from, int end) {
        if (end - from < 2 || code[from] < 'A' || code[from] > 'Z') return false;
        for (int i = from + 1; i < end; i++) {
            byte b = code[i];
            if (!(b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_')) return false;
        }
        return true;
    }
}
