package io.github.pieeprom.image;

import io.github.pieeprom.EepromException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files an image holds, read out as values: {@code bootcode.bin} (section 0), each file section, and each LZ4
 * section decompressed with its SHA-256 checked. Pure: every file is read before the caller writes the first, so
 * a damaged image fails as a whole ({@link ImageFiles#writeInto} writes them all or none).
 * <pre>
 * List&lt;ImageContents.Entry&gt; entries = ImageContents.all(image);
 * ImageFiles.writeInto(Path.of("extracted"), ImageContents.files(entries));
 * </pre>
 */
public final class ImageContents {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]*");

    private ImageContents() {
    }

    /** What {@link #all} lists for a section: a file it read, or a section it cannot read. */
    public sealed interface Entry permits HeldFile, Skipped {
    }

    /**
     * A file of the image: the name to write it under, its bytes, and a note ("" or, for a second copy of a
     * name, where it comes from).
     */
    public record HeldFile(String name, byte[] bytes, String note) implements Entry {
        public HeldFile {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** A section compressed with a scheme that is not published ({@link SectionKind#COMPRESSED}): not read. */
    public record Skipped(Section section) implements Entry {
    }

    /**
     * Every file of the image in section order. A name held twice (an AB image's {@code updatetime}) is listed
     * twice, the second copy named for where it lies: {@code updatetime.partition-a}, or
     * {@code NAME.at-0x0a1000} outside partition A.
     */
    public static List<Entry> all(EepromImage image) {
        return read(image, false);
    }

    /**
     * The files {@code rpi-eeprom-config -x} writes: {@code bootcode.bin} and each file section, the first copy of
     * each name only.
     */
    public static List<HeldFile> asReference(EepromImage image) {
        return files(read(image, true));
    }

    /** The files among {@code entries}, in order. */
    public static List<HeldFile> files(List<Entry> entries) {
        List<HeldFile> files = new ArrayList<>();
        for (Entry e : entries) if (e instanceof HeldFile file) files.add(file);
        return files;
    }

    private static List<Entry> read(EepromImage image, boolean asReference) {
        List<Entry> entries = new ArrayList<>();
        Section bootcode = image.sections().get(0);
        entries.add(file(image, bootcode, EepromImage.BOOTCODE_BIN, image.payload(bootcode), ""));
        Set<String> seen = new HashSet<>();
        for (Section s : image.sections()) {
            boolean file = s.kind() == SectionKind.FILE;
            if (!file && (asReference || !s.kind().named())) continue;
            if (s.kind() == SectionKind.COMPRESSED) {
                entries.add(new Skipped(s));
                continue;
            }
            boolean again = !seen.add(s.name());
            if (again && asReference) continue;
            byte[] data = s.kind() == SectionKind.LZ4 ? image.decompress(s) : image.payload(s);
            String where = again ? where(image, s) : "";
            entries.add(file(image, s, again ? s.name() + "." + where : s.name(), data,
                    again ? "second copy of " + s.name() + ", from " + where : ""));
        }
        return entries;
    }

    /** A name read from the image becomes a file's name: one that could reach outside the folder is refused. */
    private static HeldFile file(EepromImage image, Section s, String name, byte[] data, String note) {
        if (!SAFE_NAME.matcher(name).matches()) throw EepromException.at(image.file(), s.offset(),
                "refusing to write a file named \"%s\"", EepromException.printable(name));
        return new HeldFile(name, data, note);
    }

    private static String where(EepromImage image, Section s) {
        if (image.inPartitionA(s)) return "partition-a";
        String hex = Integer.toHexString(s.offset());
        return "at-0x" + "0".repeat(Math.max(0, 6 - hex.length())) + hex;
    }
}
