package io.github.pieeprom.testing;

import io.github.pieeprom.Soc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.XXHash32;

/**
 * Builds images in the real format (FORMAT.md) from made-up content: the fixtures for tests and the files in
 * {@code firmware-samples/}. Nothing here comes from Raspberry Pi firmware, and nothing it builds boots.
 * <pre>
 * byte[] image = new SyntheticImage(Soc.BCM2711).bootcode(code).lz4("bootmain", data)
 *         .file("bootconf.txt", config).end();
 * </pre>
 */
public final class SyntheticImage {
    public static final String BANNER = "pieeprom SYNTHETIC sample - NOT BOOTABLE - not Raspberry Pi firmware\0";
    public static final int BOOTCODE = 0x55aa_f00f, FILE = 0x55aa_f11f, RAW = 0x55aa_f22f, COMPRESSED = 0x55aa_f33f,
            LZ4 = 0x55aa_f44f, PAD = 0x55aa_feef;

    private final byte[] bytes;
    private int offset;

    public SyntheticImage(Soc soc) {
        bytes = new byte[soc.imageSize()];
        Arrays.fill(bytes, (byte) 0xff);
    }

    /** Boot code: the banner, the version strings the bootloader carries, then seeded filler. */
    public static byte[] bootcode(int length, long buildTimestamp, String version, long seed) {
        String strings = BANNER + "VERSION:" + version + "\0DATE: 2026/01/01\0TIME: 00:00:00\0BUILD_TIMESTAMP="
                + buildTimestamp + "\0MFG_VER: 1\0";
        byte[] code = noise(length, seed);
        byte[] text = strings.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, code, 64, text.length);
        return code;
    }

    /** Seeded bytes: the same for the same seed on every JVM. */
    public static byte[] noise(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Compressible made-up data of the given length (text lines with numbers). */
    public static byte[] text(int length, String label) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; s.length() < length; i++) s.append(label).append(" line ").append(i).append(" of synthetic data\n");
        return Arrays.copyOf(s.toString().getBytes(StandardCharsets.US_ASCII), length);
    }

    public SyntheticImage bootcode(byte[] code) {
        return section(BOOTCODE, code);
    }

    /** A raw section with any magic and body: for unknown magics and malformed cases. */
    public SyntheticImage section(int magic, byte[] body) {
        put(magic, body.length);
        System.arraycopy(body, 0, bytes, offset + 8, body.length);
        offset = align8(offset + 8 + body.length);
        return this;
    }

    public SyntheticImage file(String name, byte[] payload) {
        return named(FILE, name, payload);
    }

    public SyntheticImage raw(String name, byte[] payload) {
        return named(RAW, name, payload);
    }

    public SyntheticImage compressed(String name, byte[] payload) {
        return named(COMPRESSED, name, payload);
    }

    /** An LZ4 section: one LZ4 frame of {@code data}, then the SHA-256 of {@code data}. */
    public SyntheticImage lz4(String name, byte[] data) {
        byte[] frame = lz4Frame(data);
        byte[] payload = Arrays.copyOf(frame, frame.length + 32);
        System.arraycopy(Hashes.sha256Bytes(data), 0, payload, frame.length, 32);
        return named(LZ4, name, payload);
    }

    public SyntheticImage named(int magic, String name, byte[] payload) {
        byte[] body = new byte[16 + payload.length];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, body, 0, Math.min(12, n.length));
        System.arraycopy(payload, 0, body, 16, payload.length);
        return section(magic, body);
    }

    /** A pad section (all 0xff) from here up to {@code target}, as real images pad between sections. */
    public SyntheticImage padTo(int target) {
        if (target == offset) return this;
        if (target < offset + 8 || target % 8 != 0) throw new IllegalArgumentException(offset + " -> " + target);
        put(PAD, target - offset - 8);
        offset = target;
        return this;
    }

    /** Pads to the next multiple of {@code alignment}. */
    public SyntheticImage align(int alignment) {
        int target = (offset + alignment - 1) / alignment * alignment;
        return target - offset >= 8 || target == offset ? padTo(target) : padTo(target + alignment);
    }

    public int offset() {
        return offset;
    }

    /** Ends the stream with erased flash ({@code 0xffffffff}, already there) and returns the image. */
    public byte[] end() {
        return bytes.clone();
    }

    private void put(int magic, int length) {
        ByteBuffer.wrap(bytes).putInt(offset, magic).putInt(offset + 4, length);
    }

    private static int align8(int value) {
        return (value + 7) & ~7;
    }

    /**
     * An LZ4 frame as the bootloader's are (FORMAT.md section 6): independent 64 KiB blocks, no checksums, and the
     * content size in the header, which Commons Compress does not write: it is put in here, with the header
     * checksum recomputed.
     */
    static byte[] lz4Frame(byte[] data) {
        byte[] frame;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var lz4 = new FramedLZ4CompressorOutputStream(out, new FramedLZ4CompressorOutputStream.Parameters(
                    FramedLZ4CompressorOutputStream.BlockSize.K64, false, false, false))) {
                lz4.write(data);
            }
            frame = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer sized = ByteBuffer.allocate(frame.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        sized.put(frame, 0, 4).put((byte) (frame[4] | 0x08)).put(frame[5]).putLong(data.length);
        XXHash32 hash = new XXHash32();
        hash.update(sized.array(), 4, 10);
        sized.put((byte) (hash.getValue() >> 8)).put(frame, 7, frame.length - 7);
        return sized.array();
    }

    /** Pi 4 layout of 2025-09 and later: LZ4 bootmain/memsys/mcb, old-scheme VL805 blobs, files at the end. */
    public static byte[] pi4Sample() {
        SyntheticImage image = new SyntheticImage(Soc.BCM2711).bootcode(bootcode(51_200, 1_767_225_600L, "5a4e7e11", 2711));
        image.lz4("bootmain", text(120_000, "bootmain"));
        for (int i = 0; i < 3; i++) image.lz4("memsys0" + i + ".bin", text(20_492, "memsys" + i));
        image.lz4("mcb.bin", text(5_440, "mcb")).compressed("vl805hub.bin", noise(9_000, 805))
                .lz4("logo.bin", text(12_844, "logo"));
        image.align(256).file("pubkey.bin", new byte[1024]).align(256).file("cacert.der", new byte[2048])
                .align(256).file("bootconf.sig", new byte[1024]).align(4096);
        return image.file("bootconf.txt", piConfig("[all]\nBOOT_UART=0\nWAKE_ON_GPIO=1\nPOWER_OFF_ON_HALT=0\n")).end();
    }

    /** Pi 5 layout of 2025-11 to 2026-05 (not AB). */
    public static byte[] pi5Sample() {
        return pi5Sample(1_767_225_600L);
    }

    /** The Pi 5 sample with another build timestamp (and a version string derived from it). */
    public static byte[] pi5Sample(long buildTimestamp) {
        String version = "%08x".formatted(buildTimestamp == 1_767_225_600L ? 0x5a4e7e12L : buildTimestamp);
        SyntheticImage image = new SyntheticImage(Soc.BCM2712).bootcode(bootcode(60_000, buildTimestamp, version, 2712))
                .padTo(0x20000);
        image.lz4("bootmain", text(300_000, "bootmain"));
        for (int i = 0; i < 2; i++) image.lz4("memsys0" + i + ".bin", text(40_972, "memsys" + i));
        image.lz4("mcb.bin", text(7_880, "mcb")).lz4("rp1c0fw1.bin", text(16_384, "rp1"))
                .lz4("logo.bin", text(12_844, "logo"));
        image.align(256).file("pubkey.bin", new byte[1024]).align(256).file("cacert.der", new byte[2048])
                .align(256).file("bootconf.sig", new byte[1024]).align(4096);
        return image.file("bootconf.txt", piConfig("[all]\nBOOT_UART=1\nPOWER_OFF_ON_HALT=0\nBOOT_ORDER=0xf461\n")).end();
    }

    /** Pi 5 AB layout (2026-05 on): read-only region, partition A, empty partition B (FORMAT.md section 10). */
    public static byte[] pi5AbSample() {
        byte[] updatetime = {0, 0, 0, 0, -1, -1, -1, -1};
        SyntheticImage image = new SyntheticImage(Soc.BCM2712).bootcode(noise(25_984, 2713)).align(64)
                .file("updatetime", updatetime).padTo(0x10000)
                .file("bootsys", bootcode(78_300, 1_767_225_600L, "5a4e7eab", 2714)).align(256);
        image.lz4("bootmain", text(300_000, "bootmain")).lz4("memsys00.bin", text(40_972, "memsys0"))
                .lz4("mcb.bin", text(7_880, "mcb")).file("updatetime", updatetime);
        image.align(256).file("pubkey.bin", new byte[1024]).align(256).file("cacert.der", new byte[2048])
                .align(256).file("bootconf.sig", new byte[1024]).align(4096)
                .file("bootconf.txt", piConfig("[all]\nBOOT_UART=1\nPOWER_OFF_ON_HALT=0\nBOOT_ORDER=0xf461\n"))
                .padTo(0x107000).padTo(0x1fe000);
        return image.end();
    }

    private static byte[] piConfig(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
