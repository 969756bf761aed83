package io.github.pieeprom.image;

import java.util.OptionalLong;

/**
 * A set of changes applied in the order {@code rpi-eeprom-config} applies them: timestamp, bootcode, bootsys,
 * {@code cacert.der}, {@code bootconf.txt}, {@code bootconf.sig}, {@code pubkey.bin}.
 * <pre>
 * EepromImage out = new ImageEdits().config(text).digest(sig).pubkey(key264).applyTo(image);
 * </pre>
 */
public final class ImageEdits {
    private OptionalLong timestamp = OptionalLong.empty();
    private byte[] bootcode, bootsys, cacert, config, digest, pubkey;

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
}
