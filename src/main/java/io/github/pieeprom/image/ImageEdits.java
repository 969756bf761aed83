package io.github.pieeprom.image;

import io.github.pieeprom.EepromException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A set of changes applied in the order {@code rpi-eeprom-config} applies them: timestamp, bootcode, bootsys,
 * {@code cacert.der}, {@code bootconf.txt}, {@code bootconf.sig}, {@code pubkey.bin}.
 * <pre>
 * EepromImage out = new ImageEdits().config(text).digest(sig).pubkey(key264).applyTo(image);
 * EepromImage named = new ImageEdits().config(bytes, "boot.conf").applyTo(image);   // errors name boot.conf
 * </pre>
 */
public final class ImageEdits {
    private OptionalLong timestamp = OptionalLong.empty();
    private byte[] bootcode, bootsys, cacert, config, digest, pubkey;
    /** The file each payload was read from, by the name it is stored under: named when it is too large. */
    private final Map<String, String> sources = new HashMap<>();

    public ImageEdits timestamp(long value) {
        timestamp = OptionalLong.of(value);
        return this;
    }

    public ImageEdits bootcode(byte[] value) {
        bootcode = value.clone();
        return this;
    }

    public ImageEdits bootsys(byte[] value) {
        bootsys = value.clone();
        return this;
    }

    public ImageEdits cacert(byte[] value) {
        cacert = value.clone();
        return this;
    }

    public ImageEdits config(byte[] value) {
        config = value.clone();
        return this;
    }

    /** {@code bootconf.txt} read from {@code source}, which a payload too large for any bootloader file names. */
    public ImageEdits config(byte[] value, String source) {
        sources.put(EepromImage.BOOTCONF_TXT, source);
        return config(value);
    }

    /** {@code cacert.der} read from {@code source}, named as {@link #config(byte[], String)} names it. */
    public ImageEdits cacert(byte[] value, String source) {
        sources.put(EepromImage.CACERT_DER, source);
        return cacert(value);
    }

    /** {@code bootconf.sig} read from {@code source}, named as {@link #config(byte[], String)} names it. */
    public ImageEdits digest(byte[] value, String source) {
        sources.put(EepromImage.BOOTCONF_SIG, source);
        return digest(value);
    }

    /** The {@code .sig} file's bytes, stored verbatim as {@code bootconf.sig}. */
    public ImageEdits digest(byte[] value) {
        digest = value.clone();
        return this;
    }

    /** The 264-byte bootloader form of the public key (see {@code BootloaderKey}). */
    public ImageEdits pubkey(byte[] value) {
        pubkey = value.clone();
        return this;
    }

    public boolean isEmpty() {
        return timestamp.isEmpty() && bootcode == null && bootsys == null && cacert == null && config == null
                && digest == null && pubkey == null;
    }

    /**
     * Applies the changes. A digest or public key without a config is refused, as {@code eeprom config} refuses
     * it: the reference silently drops them, so the user's intent would be lost.
     */
    public EepromImage applyTo(EepromImage image) {
        if ((digest != null || pubkey != null) && config == null) throw new IllegalStateException(
                "bootconf.sig and pubkey.bin are replaced together with bootconf.txt: set a config too");
        requireFileSize(EepromImage.CACERT_DER, cacert);
        requireFileSize(EepromImage.BOOTCONF_TXT, config);
        requireFileSize(EepromImage.BOOTCONF_SIG, digest);
        EepromImage out = image;
        if (timestamp.isPresent()) out = out.withTimestamp(timestamp.getAsLong());
        if (bootcode != null) out = out.withBootcode(bootcode);
        if (bootsys != null) out = out.withFile(EepromImage.BOOTSYS, bootsys);
        if (cacert != null) out = out.withFile(EepromImage.CACERT_DER, cacert);
        if (config != null) out = out.withFile(EepromImage.BOOTCONF_TXT, config);
        if (digest != null) out = out.withFile(EepromImage.BOOTCONF_SIG, digest);
        if (pubkey != null) out = out.withFile(EepromImage.PUBKEY_BIN, pubkey);
        return out;
    }

    /** A payload no bootloader file can hold is the fault of the file it came from, not of the image. */
    private void requireFileSize(String name, byte[] payload) {
        String source = sources.get(name);
        if (payload != null && source != null && payload.length > ImageFormat.MAX_FILE_SIZE)
            throw EepromException.in(source, "%s of %d bytes is over the %d-byte limit of a bootloader file", name,
                    payload.length, ImageFormat.MAX_FILE_SIZE);
    }
}
