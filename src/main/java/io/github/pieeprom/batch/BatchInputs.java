package io.github.pieeprom.batch;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.template.Template;
import io.github.pieeprom.text.Utf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything a batch reads before it plans: the manifest, the templates and images its rows name (paths relative
 * to the manifest's folder), and a base image per SoC for rows without an image, each checked to be of its SoC.
 * A name that is no file is left out, for the plan to reject its row; a folder, or a file that cannot be read,
 * stops the batch.
 * <pre>
 * BatchInputs inputs = BatchInputs.read(Path.of("devices.csv"), Map.of(Soc.BCM2711, Path.of("pieeprom.bin")));
 * BatchPlan plan = inputs.plan(1_700_000_000L);
 * </pre>
 */
public record BatchInputs(Manifest manifest, Map<String, Template> templates, BaseImages images, Set<Path> files) {
    /** {@code files}: every file read (manifest, templates, images), for a caller that must not write over one. */
    public BatchInputs {
        templates = Map.copyOf(templates);
        files = Set.copyOf(files);
    }

    /**
     * Reads the manifest at {@code manifest}, then what it names; {@code baseImages} are the images for rows
     * without an {@code image} column (as {@code --image-2711} and {@code --image-2712}).
     */
    public static BatchInputs read(Path manifest, Map<Soc, Path> baseImages) throws IOException {
        Manifest rows = Manifest.parse(manifest.toString(), ImageFiles.readInput(manifest));
        Path folder = manifest.toAbsolutePath().getParent();
        Set<Path> files = new HashSet<>(baseImages.values());
        files.add(manifest);
        return new BatchInputs(rows, templates(rows, folder, files), images(rows, folder, baseImages, files), files);
    }

    /** The plan of these inputs; {@code ts} is the {@code ts:} of every {@code pieeprom.sig}. */
    public BatchPlan plan(long ts) {
        return BatchPlan.of(manifest, templates, images, ts);
    }

    /** Every template the manifest names that exists; a row naming a missing one is rejected by the plan. */
    private static Map<String, Template> templates(Manifest rows, Path folder, Set<Path> files) throws IOException {
        Map<String, Template> templates = new HashMap<>();
        for (Manifest.Row row : rows.rows()) {
            String name = row.get(Manifest.TEMPLATE);
            if (name.isEmpty() || templates.containsKey(name)) continue;
            Path path = file(rows, row, Manifest.TEMPLATE, folder);
            if (path == null || !Files.exists(path)) continue;     // a device or FIFO is read: its own error
            templates.put(name, Template.parse(name, Utf8.decode(name, ImageFiles.readInput(path))));
            files.add(path);
        }
        return templates;
    }

    private static BaseImages images(Manifest rows, Path folder, Map<Soc, Path> baseImages, Set<Path> files)
            throws IOException {
        Map<Soc, EepromImage> bySoc = new EnumMap<>(Soc.class);
        for (Soc soc : Soc.values()) if (baseImages.containsKey(soc)) bySoc.put(soc, ImageFiles.read(baseImages.get(soc)));
        for (Map.Entry<Soc, EepromImage> e : bySoc.entrySet()) if (e.getValue().soc() != e.getKey())
            throw EepromException.in(e.getValue().file(), "given as --image-%s, but it is a BCM%s image",
                    e.getKey().id(), e.getValue().soc().id());
        Map<String, EepromImage> byName = new HashMap<>();
        for (Manifest.Row row : rows.rows()) {
            String name = row.get(Manifest.IMAGE);
            if (name.isEmpty() || byName.containsKey(name)) continue;
            Path path = file(rows, row, Manifest.IMAGE, folder);
            if (path == null || !Files.exists(path)) continue;     // a device or FIFO is read: its own error
            byName.put(name, EepromImage.parse(name, ImageFiles.readImageBytes(path)));
            files.add(path);
        }
        return new BaseImages(bySoc, byName);
    }

    /**
     * The file a row's {@code template} or {@code image} column names, beside the manifest, or null for a name no
     * file can have (a NUL). A folder there stops the batch, as a file that cannot be read does; a name that does
     * not exist is the plan's bad row.
     */
    private static Path file(Manifest rows, Manifest.Row row, String column, Path folder) {
        String name = row.get(column);
        Path path;
        try {
            path = folder.resolve(name);
        } catch (InvalidPathException noSuchFile) {
            return null;
        }
        if (Files.isDirectory(path)) throw EepromException.atLine(rows.file(), row.line(), "%s %s %s", column,
                EepromException.printable(name), ImageFiles.IS_A_FOLDER);
        return path;
    }
}
