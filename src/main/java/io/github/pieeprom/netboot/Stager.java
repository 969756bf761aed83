package io.github.pieeprom.netboot;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a {@link StagingPlan} under a TFTP root. A board's folder that already holds exactly the planned files is
 * left alone (no file's inode or modification time changes); any other is built beside its final place, reusing
 * (hard-linking) the old folder's unchanged files, and renamed into place, so a Pi never reads half a folder.
 */
public final class Stager {
    /** What happened to a board's folder. */
    public enum Change { CREATED, UPDATED, UNCHANGED }

    public record Outcome(BoardFolder folder, Change change) {
    }

    private Stager() {
    }

    /** The files of a boot folder as {@code /}-separated relative paths, sorted; hidden files are skipped. */
    public static List<String> bootFiles(Path boot) throws IOException {
        if (!Files.isDirectory(boot)) throw EepromException.in(boot.toString(), "not a folder: expected a boot "
                + "partition such as /boot/firmware");
        return relativeFiles(boot).stream().filter(name -> !name.startsWith(".") && !name.contains("/.")).toList();
    }

    /**
     * The {@code pieeprom.upd} and {@code pieeprom.sig} to stage from the image file {@code image} under
     * {@code root}: its timestamp is that of an identical copy staged there before (staging again changes nothing),
     * else {@code now}, and always newer than every other update staged there, since a board only flashes an
     * update newer than its own ({@link EepromUpdate#timestamp}). {@code now} is the caller's: the clock, or
     * {@code SOURCE_DATE_EPOCH} for a reproducible tree.
     * <pre>
     * EepromUpdate update = Stager.eepromUpdate(Path.of("pieeprom.bin"), Path.of("/srv/tftp"), Instant.now().getEpochSecond());
     * </pre>
     */
    public static EepromUpdate eepromUpdate(Path image, Path root, long now) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root))
            throw EepromException.in(root.toString(), "the TFTP root is a file, not a folder");
        EepromImage update = ImageFiles.read(image);
        return EepromUpdate.of(update, EepromUpdate.timestamp(update, stagedUpdates(root), now));
    }

    /** The {@code pieeprom.upd} files staged under a root before (unreadable or broken ones are skipped). */
    static List<EepromImage> stagedUpdates(Path root) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        List<EepromImage> images = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 4)) {
            for (Path p : files.filter(p -> p.getFileName().toString().equals(EepromUpdate.UPD)).toList()) {
                try {
                    images.add(ImageFiles.read(p));
                } catch (EepromException | IOException notAnImage) {
                    // not ours to judge here: it is replaced or left as it is
                }
            }
        }
        return images;
    }

    /** Checks every input first (the tree is untouched when one is bad), then stages each board's folder. */
    public static List<Outcome> apply(StagingPlan plan, Path root) throws IOException {
        preflight(plan, root);
        Files.createDirectories(root);
        List<Outcome> outcomes = new ArrayList<>();
        for (BoardFolder folder : plan.folders()) {
            Path target = root.resolve(folder.folder());
            Change change = !Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? Change.CREATED
                    : matches(target, folder, plan.link()) ? Change.UNCHANGED : Change.UPDATED;
            if (change != Change.UNCHANGED) replace(target, folder, plan.link());
            outcomes.add(new Outcome(folder, change));
        }
        return outcomes;
    }

    private static void preflight(StagingPlan plan, Path root) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root))
            throw EepromException.in(root.toString(), "the TFTP root is a file, not a folder");
        Set<Path> sources = new TreeSet<>();
        plan.folders().forEach(f -> f.files().forEach(s -> {
            if (s instanceof StagedFile.Shared shared) sources.add(shared.source());
        }));
        for (Path source : sources) if (!Files.isRegularFile(source)) throw EepromException.in(source.toString(),
                Files.isDirectory(source) ? ImageFiles.IS_A_FOLDER : "missing boot file");   // --config-txt DIR
        for (BoardFolder folder : plan.folders()) {
            Path target = root.resolve(folder.folder());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))
                throw EepromException.in(target.toString(), "expected board %s's folder, found a file", folder.board());
        }
        if (plan.link() == LinkMode.HARD && !sources.isEmpty()) {
            Path existing = root;
            while (!Files.exists(existing)) existing = existing.toAbsolutePath().getParent();
            if (!Files.getFileStore(existing).equals(Files.getFileStore(sources.iterator().next())))
                throw EepromException.in(root.toString(), "hard links need the boot files and the TFTP root on one "
                        + "file system; use --link symlink or --link copy");
        }
    }

    private static boolean matches(Path target, BoardFolder folder, LinkMode link) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) return false;
        List<String> planned = folder.files().stream().map(StagedFile::name).sorted().toList();
        if (!relativeFiles(target).equals(planned)) return false;
        for (StagedFile file : folder.files()) if (!same(target.resolve(file.name()), file, link)) return false;
        return true;
    }

    /** Whether {@code existing} is already what the plan asks for at that place. */
    private static boolean same(Path existing, StagedFile file, LinkMode link) throws IOException {
        boolean symlink = Files.isSymbolicLink(existing);
        if (file instanceof StagedFile.Generated generated)
            return !symlink && Files.isRegularFile(existing) && Arrays.equals(Files.readAllBytes(existing), generated.bytes());
        Path source = ((StagedFile.Shared) file).source();
        return switch (link) {
            case HARD -> !symlink && Files.isSameFile(existing, source);
            case SYMLINK -> symlink && Files.readSymbolicLink(existing).equals(symlinkTarget(existing, source));
            case COPY -> !symlink && !Files.isSameFile(existing, source) && Files.mismatch(existing, source) == -1;
        };
    }

    private static Path symlinkTarget(Path link, Path source) {
        return link.toAbsolutePath().getParent().relativize(source.toAbsolutePath().normalize());
    }

    private static void replace(Path target, BoardFolder folder, LinkMode link) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String name = target.getFileName().toString();
        Path staging = parent.resolve("." + name + ".staging");
        Path old = parent.resolve("." + name + ".old");
        deleteTree(staging);
        deleteTree(old);
        try {
            Files.createDirectory(staging);
            for (StagedFile file : folder.files()) write(staging, target, file, link);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } finally {
            deleteTree(staging);
        }
    }

    /** One file into the folder being built; an identical file of the current folder is hard-linked, not redone. */
    private static void write(Path staging, Path target, StagedFile file, LinkMode link) throws IOException {
        Path dest = staging.resolve(file.name());
        Path current = target.resolve(file.name());
        Files.createDirectories(dest.getParent());
        if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && same(current, file, link)) {
            Files.createLink(dest, current);
        } else if (file instanceof StagedFile.Generated generated) {
            Files.write(dest, generated.bytes());
        } else {
            Path source = ((StagedFile.Shared) file).source();
            switch (link) {
                case HARD -> Files.createLink(dest, source);
                case SYMLINK -> Files.createSymbolicLink(dest, symlinkTarget(current, source));
                case COPY -> Files.copy(source, dest);
            }
        }
    }

    /** Regular files and symbolic links under a folder, {@code /}-separated, sorted. */
    private static List<String> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
