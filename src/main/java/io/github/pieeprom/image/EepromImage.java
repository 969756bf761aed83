package io.github.pieeprom.image;

import static io.github.pieeprom.image.ImageFormat.*;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed bootloader EEPROM image (512 KiB for BCM2711, 2 MiB for BCM2712). Immutable: every
 * {@code with...} method returns a new image, written exactly as {@code rpi-eeprom-config} writes it.
 * <pre>
 * EepromImage image = ImageFiles.read(Path.of("pieeprom.bin"));
 * byte[] config = image.bootConfig();
 * ImageFiles.write(Path.of("new.bin"), image.withFile(EepromImage.BOOTCONF_TXT, newConfig).toByteArray());
 * </pre>
 */
public final class EepromImage {
    public static final String BOOTCONF_TXT = "bootconf.txt";
    public static final String BOOTCONF_SIG = "bootconf.sig";
    public static final String PUBKEY_BIN = "pubkey.bin";
    public static final String CACERT_DER = "cacert.der";
    static final String BOOTSYS = "bootsys";
    static final String UPDATETIME = "updatetime";
    /** The name {@code rpi-eeprom-config -x} gives section 0. */
    static final String BOOTCODE_BIN = "bootcode.bin";

    private final String file;
    private final Soc soc;
    private final byte[] bytes;
    private final List<Section> sections;

    private EepromImage(String file, byte[] bytes, List<Section> sections) {
        this.file = file;
        this.soc = Soc.ofImageSize(bytes.length).orElseThrow();
        this.bytes = bytes;
        this.sections = sections;
    }

    /** Parses an image; {@code file} names it in error messages. The array is copied. */
    public static EepromImage parse(String file, byte[] bytes) {
        return parseOwned(file, bytes.clone());
    }

    private static EepromImage parseOwned(String file, byte[] bytes) {
        if (Soc.ofImageSize(bytes.length).isEmpty()) throw wrongSize(file, bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        List<Section> sections = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; ) {
            int magic = in.getInt(offset);
            if (magic == 0 || magic == -1) break;                 // erased flash: the stream ends here
            if ((magic & MAGIC_MASK) != MAGIC) throw EepromException.at(file, offset,
                    "expected section magic 0x%08x (mask 0x%08x), found 0x%08x", MAGIC, MAGIC_MASK, magic);
            long length = Integer.toUnsignedLong(in.getInt(offset + 4));
            long end = offset + HEADER_LENGTH + length;
            if (end > bytes.length) throw EepromException.at(file, offset + 4,
                    "section length %d runs to 0x%x, past the end of the %d-byte image", length, end, bytes.length);
            SectionKind kind = SectionKind.of(magic);
            if (kind.named() && length < NAME_HEADER_LENGTH) throw EepromException.at(file, offset + 4,
                    "%s section length %d is shorter than its %d-byte name header", kind.label(), length,
                    NAME_HEADER_LENGTH);
            String name = kind.named() ? name(file, bytes, offset, kind) : "";
            sections.add(new Section(kind, magic, offset, (int) length, name));
            offset = align8((int) end);
        }
        if (sections.isEmpty()) throw EepromException.at(file, 0,
                "no sections: the image starts with erased flash (0x%08x)", in.getInt(0));
        return new EepromImage(file, bytes, List.copyOf(sections));
    }

    static EepromException wrongSize(String file, long size) {
        return EepromException.in(file, "expected %d bytes (Pi 4) or %d bytes (Pi 5), found %d bytes",
                Soc.BCM2711.imageSize(), Soc.BCM2712.imageSize(), size);
    }

    /** The 12-byte name field with every NUL removed, as the reference reads it. */
    private static String name(String file, byte[] bytes, int offset, SectionKind kind) {
        byte[] raw = Arrays.copyOfRange(bytes, offset + HEADER_LENGTH, offset + HEADER_LENGTH + NAME_LENGTH);
        try {
            String name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            return name.replace("\0", "");
        } catch (CharacterCodingException e) {
            if (kind != SectionKind.FILE) return new String(raw, StandardCharsets.ISO_8859_1).replace("\0", "");
            throw EepromException.at(file, offset + HEADER_LENGTH, "file section name is not UTF-8");
        }
    }

    /** The name given to {@link #parse}, used in error messages. */
    public String file() {
        return file;
    }

    public Soc soc() {
        return soc;
    }

    public int size() {
        return bytes.length;
    }

    public List<Section> sections() {
        return sections;
    }

    /** An AB image (2712, from 2026-05) has a {@code bootsys} file; the reference decides it this way. */
    public boolean isAb() {
        return findFile(BOOTSYS).isPresent();
    }

    /** Whether a section lies in partition A of an AB image (after the read-only region, FORMAT.md). */
    boolean inPartitionA(Section section) {
        return isAb() && section.offset() >= READ_ONLY_SIZE && section.offset() < PARTITION_END;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    // Loops, not streams, on the paths every command takes: a run's first lambda sets up the JDK's lambda machinery,
    // several milliseconds on JDK 17 (docs/performance.md).

    /** The section's payload: the body after the name header for named kinds. */
    public byte[] payload(Section section) {
        return Arrays.copyOfRange(bytes, section.payloadOffset(), section.payloadOffset() + section.payloadLength());
    }

    /** The first file section with this name anywhere in the image, as the reference reads files. */
    public Optional<Section> findFile(String name) {
        for (Section s : sections) if (s.kind() == SectionKind.FILE && s.name().equals(name)) return Optional.of(s);
        return Optional.empty();
    }

    /** The payload of the first file with this name, if the image has one. */
    public Optional<byte[]> file(String name) {
        if (name.equals(BOOTCODE_BIN)) return Optional.of(payload(sections.get(0)));
        Optional<Section> section = findFile(name);
        return section.isPresent() ? Optional.of(payload(section.get())) : Optional.empty();
    }

    /**
     * Whether the image carries real content for this file: the shipped placeholders (all zero or all
     * {@code 0xff}) count as absent.
     */
    public boolean hasContent(String name) {
        Optional<byte[]> payload = file(name);
        return payload.isPresent() && notBlank(payload.get());
    }

    static boolean notBlank(byte[] payload) {
        for (byte b : payload) if (b != 0 && b != (byte) 0xff) return true;
        return false;
    }

    /** The {@code bootconf.txt} payload, byte for byte. */
    public byte[] bootConfig() {
        Optional<byte[]> config = file(BOOTCONF_TXT);
        if (config.isEmpty()) throw EepromException.in(file, "no %s section", BOOTCONF_TXT);
        return config.get();
    }

    /** Version strings from the bootcode section (or {@code bootsys} in AB images). */
    public BuildInfo build() {
        return BuildInfo.scan(bootCode());
    }

    /**
     * The boot code the bootloader starts with, stored uncompressed: {@code bootsys} in an AB image, otherwise
     * section 0 ({@code bootcode.bin}). It holds the build strings and the names of the properties it reads.
     */
    public byte[] bootCode() {
        return isAb() ? file(BOOTSYS).orElseThrow() : payload(sections.get(0));
    }

    /**
     * The size an LZ4 section's frame header declares for its data, read without decompressing it (FORMAT.md
     * section 6: every frame declares it, and it always equals the data's size); empty when the header does not.
     */
    public OptionalLong declaredSize(Section section) {
        if (section.kind() != SectionKind.LZ4) throw new IllegalArgumentException(section + " is not LZ4");
        long size = Lz4Frame.declaredSize(bytes, section.payloadOffset(), section.payloadLength());
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** Decompresses an LZ4 section and checks the SHA-256 stored after its frame. */
    public byte[] decompress(Section section) {
        return Lz4Section.decompress(file, section, payload(section));
    }

    /**
     * An LZ4 section decompressed without checking the SHA-256 stored after its frame: for reading the boot code's
     * strings ({@code PropertyTable}), where the check would cost a short run more than the rest of it (a Pi 5
     * bootmain: 16 ms before the JIT has run) and a damaged section only gives a wrong list of names. A frame that
     * does not decode still throws; {@link #decompress} and {@code info --check} check the hash.
     */
    public byte[] decompressUnchecked(Section section) {
        return Lz4Section.decode(file, section, payload(section));
    }

    /**
     * The largest payload that {@link #withFile} accepts for this file: the reference's 4076-byte limit
     * (not for bootsys), the room before the next non-pad section, and never into the reserved last 4 KiB.
     */
    public int capacity(String name) {
        Slot slot = slot(name, READ_ONLY_SIZE, PARTITION_END)
                .orElseThrow(() -> EepromException.in(file, "no %s section to update", name));
        return capacity(name, slot);
    }

    private int capacity(String name, Slot slot) {
        int room = slotEnd(slot) - slot.section().offset() - FILE_HEADER_LENGTH;
        return Math.max(0, name.equals(BOOTSYS) ? room : Math.min(MAX_FILE_SIZE, room));
    }

    /** Where a file's slot ends for its header and payload: the next section, and never in the reserved last 4 KiB. */
    private int slotEnd(Slot slot) {
        return Math.min(slot.next(), bytes.length - RESERVED_LENGTH);
    }

    /**
     * Replaces a modifiable file ({@code bootconf.txt}, {@code bootconf.sig}, {@code pubkey.bin},
     * {@code cacert.der}, {@code bootsys}) found between 64 KiB and 64 KiB + 988 KiB, padding after it as the
     * reference does. Unlike the reference, a payload that would run past its slot is rejected.
     */
    public EepromImage withFile(String name, byte[] payload) {
        return with(patchFile(name, payload));
    }

    /**
     * What {@link #withFile} changes, as a patch: the file's header, payload and padding up to the next section.
     * The checks are {@code withFile}'s.
     */
    public ImagePatch patchFile(String name, byte[] payload) {
        if (!name.equals(BOOTSYS) && payload.length > MAX_FILE_SIZE) throw EepromException.in(file,
                "%s of %d bytes is over the %d-byte limit of a bootloader file", name, payload.length, MAX_FILE_SIZE);
        Slot slot = slot(name, READ_ONLY_SIZE, PARTITION_END).orElseThrow(() -> EepromException.in(file,
                "no %s section between 0x%06x and 0x%06x to update", name, READ_ONLY_SIZE, PARTITION_END));
        int capacity = capacity(name, slot);
        Section section = slot.section();
        if (section.payloadOffset() > slotEnd(slot)) throw EepromException.at(file, section.offset(),
                "%s has no room: its %d-byte header runs past 0x%06x, where its slot ends", name, FILE_HEADER_LENGTH,
                slotEnd(slot));
        if (payload.length > capacity) throw EepromException.at(file, section.offset(),
                "%s of %d bytes does not fit: this image's %s slot holds at most %d bytes", name, payload.length,
                name, capacity);
        int from = section.offset();                    // a multiple of 8, so padding aligns as in the whole image
        byte[] out = Arrays.copyOfRange(bytes, from, slot.next());
        ByteBuffer.wrap(out).putInt(4, payload.length + NAME_HEADER_LENGTH);
        System.arraycopy(payload, 0, out, section.payloadOffset() - from, payload.length);
        pad(out, section.payloadOffset() - from + payload.length, out.length, slot.last());
        return new ImagePatch(from, out);
    }

    /** This image with {@code patch} applied (made by {@link #patchFile} on this image or an equal one). */
    EepromImage with(ImagePatch patch) {
        if (patch.end() > bytes.length) throw new IllegalArgumentException("a patch to 0x" + Integer.toHexString(
                patch.end()) + " is past the end of a " + bytes.length + "-byte image");
        byte[] out = bytes.clone();
        patch.copyInto(out);
        return parseOwned(file, out);
    }

    /**
     * Replaces section 0, the second-stage boot code. Like the reference, a non-AB image must reserve
     * 128 KiB for it; unlike the reference, code longer than its slot is rejected.
     */
    EepromImage withBootcode(byte[] code) {
        Section section = sections.get(0);
        int next = nextNonPad(0).orElse(0);
        if (!isAb() && next < BOOTCODE_SLOT) throw EepromException.at(file, section.offset(),
                "bootcode can only be replaced when 128 KiB are reserved for it; the next section starts at 0x%06x",
                next);
        int capacity = next - HEADER_LENGTH;
        if (code.length > capacity) throw EepromException.at(file, section.offset(),
                "bootcode of %d bytes does not fit: this image's bootcode slot holds at most %d bytes",
                code.length, capacity);
        byte[] out = bytes.clone();
        ByteBuffer.wrap(out).putInt(section.offset() + 4, code.length);
        System.arraycopy(code, 0, out, section.offset() + HEADER_LENGTH, code.length);
        pad(out, section.offset() + HEADER_LENGTH + code.length, next, false);
        return parseOwned(file, out);
    }

    /**
     * Sets the self-update timestamp: in both {@code updatetime} files of an AB image, otherwise (as the
     * reference does, even for 2711 images with an {@code updatetime} file above 64 KiB) in the last 8 bytes.
     * Each place holds {@code ~ts} then {@code ts}, little-endian.
     */
    public EepromImage withTimestamp(long timestamp) {
        if (timestamp < 0 || timestamp > 0xffff_ffffL) throw new IllegalArgumentException(
                "timestamp " + timestamp + " does not fit 32 bits");
        byte[] out = bytes.clone();
        ByteBuffer le = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        Optional<Slot> readOnly = slot(UPDATETIME, 0, READ_ONLY_SIZE);
        if (readOnly.isEmpty()) {
            putTimestamp(le, out.length - 8, timestamp);
        } else {
            Section partition = slot(UPDATETIME, READ_ONLY_SIZE, PARTITION_END).orElseThrow(() -> EepromException.in(
                    file, "the read-only region has an %s file but partition A has none", UPDATETIME)).section();
            putTimestamp(le, timestampAt(readOnly.get().section()), timestamp);
            putTimestamp(le, timestampAt(partition), timestamp);
        }
        return new EepromImage(file, out, sections);
    }

    /** The update timestamp as {@link #withTimestamp} stores it, if one is set (not erased flash). */
    public Optional<Long> timestamp() {
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = slot(UPDATETIME, 0, READ_ONLY_SIZE).map(s -> timestampAt(s.section())).orElse(bytes.length - 8);
        long inverted = Integer.toUnsignedLong(le.getInt(at)), ts = Integer.toUnsignedLong(le.getInt(at + 4));
        return (inverted ^ ts) == 0xffff_ffffL && ts != 0xffff_ffffL ? Optional.of(ts) : Optional.empty();
    }

    /** Where an {@code updatetime} file keeps its 8 timestamp bytes: a shorter file would put them outside it. */
    private int timestampAt(Section updatetime) {
        if (updatetime.payloadLength() < 8) throw EepromException.at(file, updatetime.offset(),
                "%s file of %d bytes: the timestamp needs 8", UPDATETIME, updatetime.payloadLength());
        return updatetime.payloadOffset();
    }

    private static void putTimestamp(ByteBuffer le, int at, long timestamp) {
        le.putInt(at, (int) ~timestamp);
        le.putInt(at + 4, (int) timestamp);
    }

    /** 0xff to the next multiple of 8, then a pad section (unless last) or 0xff up to {@code next}. */
    private static void pad(byte[] out, int from, int next, boolean last) {
        int p = align8(from);
        Arrays.fill(out, from, p, (byte) 0xff);
        int gap = next - p;
        if (gap >= HEADER_LENGTH && !last) {
            ByteBuffer.wrap(out).putInt(p, SectionKind.PAD.magic()).putInt(p + 4, gap - HEADER_LENGTH);
            p += HEADER_LENGTH;
        }
        if (next > p) Arrays.fill(out, p, next, (byte) 0xff);
    }

    /** A file found for an update, whether it is the last section, and where the next non-pad section starts. */
    private record Slot(Section section, boolean last, int next) {
    }

    private Optional<Slot> slot(String name, int start, int end) {
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            if (s.offset() >= start && s.offset() < end && s.kind() == SectionKind.FILE && s.name().equals(name)) {
                int fallback = Math.min(bytes.length - RESERVED_LENGTH, end);
                return Optional.of(new Slot(s, i == sections.size() - 1, nextNonPad(i).orElse(fallback)));
            }
        }
        return Optional.empty();
    }

    private Optional<Integer> nextNonPad(int index) {
        for (Section s : sections.subList(index + 1, sections.size()))
            if (s.kind() != SectionKind.PAD) return Optional.of(s.offset());
        return Optional.empty();
    }
}
