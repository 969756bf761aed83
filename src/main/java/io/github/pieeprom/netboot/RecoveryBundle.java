package io.github.pieeprom.netboot;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.SigFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A recovery zip for an SD card, laid out as Raspberry Pi's own (FORMAT.md §17): {@code README.txt},
 * {@code recovery.bin}, {@code pieeprom.bin} (no update timestamp added), {@code pieeprom.sig} (sha256, ts,
 * target-soc) and, for a Pi 4 with a VL805 firmware, {@code vl805.bin} + {@code vl805.sig} (the SHA-256 line only).
 * Entries carry the {@code ts} as their time, so the same inputs give the same bytes.
 */
public final class RecoveryBundle {
    private RecoveryBundle() {
    }

    public static byte[] zip(EepromImage image, byte[] recovery, Optional<byte[]> vl805, long ts) {
        if (vl805.isPresent() && image.soc() != Soc.BCM2711) throw EepromException.in(image.file(),
                "--vl805 is for Pi 4 images (2711); this image is %s", image.soc().id());
        byte[] pieeprom = image.toByteArray();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("README.txt", readme(image.soc()).getBytes(StandardCharsets.UTF_8));
        entries.put("recovery.bin", recovery);
        entries.put("pieeprom.bin", pieeprom);
        entries.put("pieeprom.sig", SigFile.of(pieeprom, ts, Optional.of(image.soc())).toByteArray());
        vl805.ifPresent(v -> {
            entries.put("vl805.bin", v);
            entries.put("vl805.sig", (SigFile.of(v, ts, Optional.empty()).sha256() + "\n").getBytes(StandardCharsets.US_ASCII));
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                entry.setLastModifiedTime(FileTime.fromMillis(ts * 1000));
                entry.setUnixMode(0100644);
                zip.putArchiveEntry(entry);
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static String readme(Soc soc) {
        return """
                Bootloader EEPROM recovery for Raspberry Pi (BCM%s), made by pieeprom (eeprom stage-update --zip).

                1. Format an SD card as FAT32 and copy every file of this zip to it.
                2. Power the board off, insert the card, power it on.
                3. recovery.bin flashes pieeprom.bin (and vl805.bin, if present). The green LED blinks rapidly
                   when it is done; an HDMI display shows a green screen.
                4. Power off and remove the card.
                """.formatted(soc.id());
    }
}
