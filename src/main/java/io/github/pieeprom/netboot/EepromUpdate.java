package io.github.pieeprom.netboot;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.SigFile;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code pieeprom.upd} and {@code pieeprom.sig} as {@code rpi-eeprom-update} stages them: the image with its
 * update timestamp set, and its SHA-256 with the same {@code ts:} and a {@code target-soc:} line.
 * <pre>
 * EepromUpdate update = EepromUpdate.of(image, 1_700_000_000L);           // under a TFTP root: Stager.eepromUpdate
 * </pre>
 */
public final class EepromUpdate {
    public static final String UPD = "pieeprom.upd";
    public static final String SIG = "pieeprom.sig";

    private final long timestamp;
    private final byte[] upd;
    private final byte[] sig;

    private EepromUpdate(long timestamp, byte[] upd, byte[] sig) {
        this.timestamp = timestamp;
        this.upd = upd;
        this.sig = sig;
    }

    public static EepromUpdate of(EepromImage image, long timestamp) {
        byte[] upd = image.withTimestamp(timestamp).toByteArray();
        return new EepromUpdate(timestamp, upd, SigFile.of(upd, timestamp, Optional.of(image.soc())).toByteArray());
    }

    /**
     * The timestamp to stage {@code image} with: that of an already staged copy of the same image (so staging
     * again changes nothing), else {@code now}, but always newer than every other staged update, because a board
     * only flashes an update newer than its own.
     */
    static long timestamp(EepromImage image, List<EepromImage> staged, long now) {
        long newest = -1;
        for (EepromImage old : staged) {
            Optional<Long> ts = old.timestamp();
            if (ts.isEmpty()) continue;
            if (old.size() == image.size()
                    && Arrays.equals(old.toByteArray(), image.withTimestamp(ts.get()).toByteArray())) return ts.get();
            newest = Math.max(newest, ts.get());
        }
        return Math.max(now, newest + 1);
    }

    long timestamp() {
        return timestamp;
    }

    public byte[] upd() {
        return upd.clone();
    }

    public byte[] sig() {
        return sig.clone();
    }
}
