package io.github.pieeprom.release;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageEdits;
import io.github.pieeprom.signing.SigFile;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a board carries from its deployed bootloader onto a new release: the config and, where the old image has
 * real ones (not the shipped all-zero placeholders), {@code bootconf.sig}, {@code pubkey.bin} and {@code cacert.der}.
 * <pre>
 * EepromImage out = Migration.fromImage(ImageFiles.read(deployed)).applyTo(ImageFiles.read(newRelease), Part.ALL);
 * </pre>
 */
public final class Migration {
    /** The parts that can be carried; {@code --only} picks some. */
    public enum Part {
        CONFIG(EepromImage.BOOTCONF_TXT), SIG(EepromImage.BOOTCONF_SIG), PUBKEY(EepromImage.PUBKEY_BIN),
        CACERT(EepromImage.CACERT_DER);

        public static final Set<Part> ALL = EnumSet.allOf(Part.class);
        private final String file;

        Part(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }
    }

    private final String source;
    private final Optional<Soc> soc;
    private final byte[] config;
    private final Optional<byte[]> sig, pubkey, cacert;

    private Migration(String source, Optional<Soc> soc, byte[] config, Optional<byte[]> sig, Optional<byte[]> pubkey,
            Optional<byte[]> cacert) {
        this.source = source;
        this.soc = soc;
        this.config = config;
        this.sig = sig;
        this.pubkey = pubkey;
        this.cacert = cacert;
    }

    /** Everything a deployed image carries. */
    public static Migration fromImage(EepromImage from) {
        return new Migration(from.file(), Optional.of(from.soc()), from.bootConfig(), real(from, EepromImage.BOOTCONF_SIG),
                real(from, EepromImage.PUBKEY_BIN), real(from, EepromImage.CACERT_DER));
    }

    /** A config saved from a board ({@code vcgencmd bootloader_config}, {@code eeprom extract}): the config only. */
    public static Migration fromConfig(String source, byte[] config) {
        return new Migration(source, Optional.empty(), config.clone(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Optional<byte[]> real(EepromImage image, String name) {
        return image.hasContent(name) ? image.file(name) : Optional.empty();
    }

    public byte[] config() {
        return config.clone();
    }

    Optional<byte[]> sig() {
        return sig.map(byte[]::clone);
    }

    /** Which of {@code parts} this source really has (the config always; the others only when not placeholders). */
    public Set<Part> carried(Set<Part> parts) {
        Set<Part> carried = EnumSet.noneOf(Part.class);
        for (Part p : parts) if (p == Part.CONFIG || payload(p).isPresent()) carried.add(p);
        return carried;
    }

    private Optional<byte[]> payload(Part part) {
        return switch (part) {
            case CONFIG -> Optional.of(config);
            case SIG -> sig;
            case PUBKEY -> pubkey;
            case CACERT -> cacert;
        };
    }

    /**
     * Writes the carried parts onto {@code to}. Refuses another SoC, and a part that does not fit (naming the
     * room {@code to} has for it).
     */
    public EepromImage applyTo(EepromImage to, Set<Part> parts) {
        if (soc.isPresent() && soc.get() != to.soc()) throw EepromException.in(to.file(),
                "is a %s image but %s is a %s image: a bootloader cannot move between SoCs", to.soc().id(), source,
                soc.get().id());
        EepromImage out = to;
        for (Part part : carried(parts)) {
            byte[] payload = payload(part).orElseThrow();
            if (to.findFile(part.file()).isEmpty()) throw EepromException.in(to.file(),
                    "has no %s section to carry %s's onto (it predates signed boot)", part.file(), source);
            int room = out.capacity(part.file());
            if (payload.length > room) throw EepromException.in(to.file(),
                    "%s's %s is %d bytes but this release has room for %d", source, part.file(), payload.length, room);
        }
        Set<Part> carried = carried(parts);
        byte[] outConfig = carried.contains(Part.CONFIG) ? config : to.bootConfig();
        if (carried.contains(Part.SIG) && !SigFile.parse(source + ":" + EepromImage.BOOTCONF_SIG, sig.orElseThrow())
                .matches(outConfig)) throw EepromException.in(source, "its bootconf.sig does not match the config %s "
                        + "would carry (sha256 %s): the board would reject it", to.file(), SigFile.of(outConfig, 0,
                        Optional.empty()).sha256());
        ImageEdits edits = new ImageEdits();
        if (carried.contains(Part.CACERT)) edits.cacert(cacert.orElseThrow());
        edits.config(outConfig);
        if (carried.contains(Part.SIG)) edits.digest(sig.orElseThrow());
        if (carried.contains(Part.PUBKEY)) edits.pubkey(pubkey.orElseThrow());
        return edits.applyTo(out);
    }
}
