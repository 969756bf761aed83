package io.github.pieeprom.signing;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code .sig} file as {@code rpi-eeprom-digest} writes it: the file's SHA-256, the {@code ts:} line, an
 * optional {@code target-soc:} line and an optional {@code rsa2048:} signature, each hex value lowercase.
 * <pre>
 * byte[] sig = SigFile.of(image, 1650000000L, Optional.of(Soc.BCM2712)).toByteArray();   // pieeprom.sig
 * SigFile big = SigFile.of("boot.img", Files.newInputStream(path), ts, Optional.empty());  // any size, streamed
 * SigFile parsed = SigFile.parse("boot.sig", Files.readAllBytes(path));
 * </pre>
 *
 * @param sha256    64 lowercase hex digits
 * @param ts        seconds since 1970, as {@code SOURCE_DATE_EPOCH}
 * @param targetSoc the {@code target-soc:} line, if any
 * @param rsa2048   the RSASSA-PKCS1-v1_5 SHA-256 signature as 512 lowercase hex digits, if any
 */
public record SigFile(String sha256, long ts, Optional<Soc> targetSoc, Optional<String> rsa2048) {
    static final int SIGNATURE_LENGTH = 256;
    /** A stream is hashed this much at a time: large enough for the disk's speed, small enough for any heap. */
    private static final int CHUNK = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    public SigFile {
        if (!isHex(sha256, 64)) throw new IllegalArgumentException("sha256: expected 64 lowercase hex digits");
        if (ts < 0) throw new IllegalArgumentException("ts: negative " + ts);
        if (rsa2048.isPresent() && !isHex(rsa2048.get(), 2 * SIGNATURE_LENGTH))
            throw new IllegalArgumentException("rsa2048: expected 512 lowercase hex digits");
    }

    /** The unsigned {@code .sig} of {@code data}: {@code rpi-eeprom-digest} without {@code -k}. */
    public static SigFile of(byte[] data, long ts, Optional<Soc> targetSoc) {
        return new SigFile(sha256Hex(data), ts, targetSoc, Optional.empty());
    }

    /**
     * The unsigned {@code .sig} of a stream of any size, read once to its end in constant memory. A
     * {@code targetSoc} that the data's size contradicts (an image of the other SoC) is refused, naming
     * {@code file}.
     */
    public static SigFile of(String file, InputStream data, long ts, Optional<Soc> targetSoc) throws IOException {
        Digest digest = digest(data, null);
        requireTarget(file, digest.size(), targetSoc);
        return new SigFile(digest.sha256(), ts, targetSoc, Optional.empty());
    }

    /** This {@code .sig} with a 256-byte signature in its {@code rsa2048:} line. */
    public SigFile withSignature(byte[] signature) {
        if (signature.length != SIGNATURE_LENGTH) throw new IllegalArgumentException(
                "an RSA-2048 signature has 256 bytes, not " + signature.length);
        return new SigFile(sha256, ts, targetSoc, Optional.of(HEX.formatHex(signature)));
    }

    /** The signature's bytes, if the file has an {@code rsa2048:} line. */
    Optional<byte[]> signature() {
        return rsa2048.map(HEX::parseHex);
    }

    /** Whether {@code data} has the SHA-256 this file records. */
    public boolean matches(byte[] data) {
        return sha256.equals(sha256Hex(data));
    }

    /** The exact text {@code rpi-eeprom-digest} writes: LF line ends, lines in this order. */
    public String text() {
        StringBuilder out = new StringBuilder(sha256).append("\nts: ").append(ts).append('\n');
        targetSoc.ifPresent(soc -> out.append("target-soc: ").append(soc.id()).append('\n'));
        rsa2048.ifPresent(hex -> out.append("rsa2048: ").append(hex).append('\n'));
        return out.toString();
    }

    public byte[] toByteArray() {
        return text().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a {@code .sig} file; {@code file} names it in errors, which give the line. The last line may lack
     * its LF; blank lines, CR line ends, unknown or repeated keys are rejected.
     */
    public static SigFile parse(String file, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);       // any byte maps to one char
        if (text.isEmpty()) throw EepromException.in(file, "empty .sig file: expected a SHA-256 line");
        String[] lines = (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1);
        String sha256 = lines[0];
        if (!isHex(sha256, 64)) throw EepromException.atLine(file, 1, "expected 64 lowercase hex digits (SHA-256), "
                + "found %s", quote(sha256));
        Long ts = null;
        Optional<Soc> soc = Optional.empty();
        Optional<String> rsa = Optional.empty();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            int colon = line.indexOf(": ");
            String key = colon < 0 ? "" : line.substring(0, colon);
            if (!(key.equals("ts") || key.equals("target-soc") || key.equals("rsa2048")))
                throw EepromException.atLine(file, number, "expected \"ts: \", \"target-soc: \" or \"rsa2048: \", "
                        + "found %s", quote(line));
            String value = line.substring(colon + 2);
            if (!seen.add(key)) throw EepromException.atLine(file, number, "second %s line", key);
            switch (key) {
                case "ts" -> {
                    if (!value.matches("[0-9]{1,18}")) throw EepromException.atLine(file, number,
                            "ts: expected decimal seconds since 1970, found %s", quote(value));
                    ts = Long.parseLong(value);
                }
                case "target-soc" -> soc = Optional.of(Soc.parse(value).filter(s -> s.id().equals(value))
                        .orElseThrow(() -> EepromException.atLine(file, number,
                                "target-soc: expected 2711 or 2712, found %s", quote(value))));
                default -> {
                    if (!isHex(value, 2 * SIGNATURE_LENGTH)) throw EepromException.atLine(file, number,
                            "rsa2048: expected 512 lowercase hex digits (a 2048-bit signature), found %d characters",
                            value.length());
                    rsa = Optional.of(value);
                }
            }
        }
        if (ts == null) throw EepromException.atLine(file, lines.length, "no \"ts: \" line");
        return new SigFile(sha256, ts, soc, rsa);
    }

    /** The SHA-256 of {@code data} as 64 lowercase hex digits, as {@code sha256sum} prints it. */
    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(newSha256().digest(data));
    }

    /** The SHA-256 of a stream read to its end, and its size in bytes. */
    record Digest(String sha256, long size) {
    }

    /**
     * Reads {@code data} to its end, a chunk at a time, into a SHA-256 and (unless null) {@code signature}'s
     * update: one pass over a file of any size.
     */
    static Digest digest(InputStream data, Signature signature) throws IOException {
        MessageDigest sha256 = newSha256();
        byte[] chunk = new byte[CHUNK];
        long size = 0;
        for (int n; (n = data.read(chunk)) > 0; size += n) {
            sha256.update(chunk, 0, n);
            if (signature != null) {
                try {
                    signature.update(chunk, 0, n);
                } catch (SignatureException e) {
                    throw new IllegalStateException("the signature was initialised before the data", e);
                }
            }
        }
        return new Digest(HEX.formatHex(sha256.digest()), size);
    }

    /**
     * Refuses a {@code target-soc:} for data of an image's size of the other SoC (the size tells them apart),
     * as {@code sign --soc} does: the bootloader would not take the update.
     */
    static void requireTarget(String file, long size, Optional<Soc> targetSoc) {
        Optional<Soc> soc = Soc.ofImageSize(size);
        if (targetSoc.isPresent() && soc.isPresent() && soc.get() != targetSoc.get())
            throw EepromException.in(file, "is a %s image, but --soc says %s", soc.get().id(), targetSoc.get().id());
    }

    /** A new SHA-256 digest (every Java platform has one). */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static boolean isHex(String s, int length) {
        if (s.length() != length) return false;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }

    /** The found text for a message: quoted, clipped, control characters escaped. */
    private static String quote(String s) {
        String clipped = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        StringBuilder out = new StringBuilder("\"");
        for (char c : clipped.toCharArray()) out.append(c < 0x20 || c > 0x7e ? "\\x%02x".formatted((int) c) : c);
        return out.append('"').toString();
    }
}
