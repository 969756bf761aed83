package io.github.pieeprom.release;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.signing.SigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The bootloader releases in a folder: a checkout of raspberrypi/rpi-eeprom (its {@code firmware-2711/} and
 * {@code firmware-2712/} channel folders) or any folder of {@code pieeprom-*.bin}. Symlinked channels
 * ({@code beta}, {@code stable}, {@code critical}) and copies count once: releases are told apart by content.
 * <pre>
 * ReleaseIndex index = ReleaseIndex.scan(Path.of("rpi-eeprom"));
 * Standing s = index.standing(ImageFiles.read(Path.of("pieeprom.bin")));
 * </pre>
 */
public final class ReleaseIndex {
    private final List<Release> releases;

    ReleaseIndex(List<Release> releases) {
        this.releases = List.copyOf(releases);
    }

    List<Release> releases() {
        return releases;
    }

    /** Reads every {@code *pieeprom*.bin} below {@code dir}; files that are not images are skipped. */
    public static ReleaseIndex scan(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw EepromException.in(dir.toString(), "not a folder of releases");
        dir = dir.toRealPath();                               // a channel given as its symlink (beta) is walked too
        Map<String, Release> byContent = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {          // symlinked folders are not followed: they repeat channels
            files = walk.filter(p -> p.getFileName().toString().matches(".*pieeprom.*\\.bin"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            if (Soc.ofImageSize(Files.size(file)).isEmpty()) continue;
            byte[] bytes = Files.readAllBytes(file);
            String sha = SigFile.sha256Hex(bytes);
            if (byContent.containsKey(sha)) continue;
            EepromImage image = EepromImage.parse(file.toString(), bytes);
            if (image.build().timestamp().isEmpty()) continue;
            byContent.put(sha, new Release(file, channel(dir, file), image.soc(),
                    image.build().timestamp().getAsLong(), image.build().version().orElse(""), sha));
        }
        return new ReleaseIndex(new ArrayList<>(byContent.values()));
    }

    /** The channels its releases are in, sorted ({@code ""} for releases at the top). */
    public SortedSet<String> channels() {
        return new TreeSet<>(releases.stream().map(Release::channel).toList());
    }

    /** Where the image's build stands against this index's releases of the same SoC (optionally one channel). */
    public Standing standing(EepromImage image, String channel) {
        if (image.build().timestamp().isEmpty()) throw EepromException.in(image.file(),
                "no BUILD_TIMESTAMP in the boot code: cannot tell its release");
        return Standing.of(image.build().timestamp().getAsLong(), releases.stream()
                .filter(r -> r.soc() == image.soc())
                .filter(r -> channel == null || r.channel().equals(channel)).toList());
    }

    /** The channel is the folder below {@code firmware-27xx/} (or below the root), e.g. {@code old/beta}. */
    private static String channel(Path root, Path file) {
        Path rel = root.relativize(file.getParent());
        if (rel.getNameCount() > 0 && rel.getName(0).toString().matches("firmware(-27\\d\\d)?"))
            rel = rel.getNameCount() > 1 ? rel.subpath(1, rel.getNameCount()) : Path.of("");
        return rel.toString().replace('\\', '/');
    }
}
