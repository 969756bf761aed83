package io.github.pieeprom.netboot;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.TempFiles;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.template.Template;
import io.github.pieeprom.text.Utf8;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** config.txt and cmdline.txt are a few KiB; no more than this is read of them. */
    private static final int MAX_TEXT = 1 << 20;

    private Stager() {
    }

    /** The files of a boot folder as {@code /}-separated relative paths, sorted; hidden files are skipped. */
    public static List<String> bootFiles(Path boot) throws IOException {
        if (!Files.isDirectory(boot)) throw EepromException.in(boot.toString(), "%s: expected a boot partition such "
                + "as /boot/firmware", Files.exists(boot) ? ImageFiles.IS_A_FILE : "no such folder");
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

    /**
     * Replays the requests a board makes while network booting ({@link BootReplay}) against a TFTP root, with
     * the prefix it puts before each name ({@link Prefix#requestPrefix}). {@link BootReplay.Result#bootable()}
     * is false when a file it needs is missing: the board cannot boot.
     * <pre>
     * BootReplay.Result r = Stager.replay(Model.PI4, Prefix.MAC.requestPrefix("--mac", "dc:a6:32:01:36:c2"), root);
     * </pre>
     */
    public static BootReplay.Result replay(BootReplay.Model model, String prefix, Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new FileSystemException(root.toString(), null,
                Files.exists(root) ? ImageFiles.IS_A_FILE : "no such folder");
        try {
            return BootReplay.run(model, prefix, name -> Files.isRegularFile(root.resolve(name)), name -> {
                Path file = root.resolve(name);
                try {
                    return Files.isRegularFile(file) ? Optional.of(text(file)) : Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The boot folder's own {@code cmdline.txt} with its root on NFS ({@link Cmdline#withNfsRoot}: every other
     * argument kept), as the template each board's {@code cmdline.txt} is made from; {@code SERVER:/PATH} may hold
     * placeholders.
     * <pre>
     * Template cmdline = Stager.nfsRootCmdline(Path.of("/boot/firmware"), "10.0.0.1:/srv/nfs/${serial}");
     * </pre>
     */
    public static Template nfsRootCmdline(Path boot, String nfsRoot) throws IOException {
        Path file = boot.resolve(StagingPlan.CMDLINE_TXT);
        if (!Files.isRegularFile(file)) throw EepromException.in(boot.toString(), "no cmdline.txt for --nfs-root to "
                + "rewrite: give the whole line with --cmdline");
        String source = file.toString();
        return Template.parse(source, Cmdline.withNfsRoot(Utf8.decode(source, ImageFiles.readAtMost(file, MAX_TEXT)),
                nfsRoot));
    }

    /**
     * Warnings for a plan whose boards would mount the SD card's root ({@link Cmdline#sdCardRoot}): one for the
     * shared {@code cmdline.txt}, or one for the first board whose own {@code cmdline.txt} does.
     */
    public static List<String> sdCardRoots(StagingPlan plan) throws IOException {
        Set<String> warnings = new LinkedHashSet<>();
        boolean boardWarned = false;
        for (BoardFolder folder : plan.folders()) {
            Optional<StagedFile> cmdline = folder.file(StagingPlan.CMDLINE_TXT);
            if (cmdline.isEmpty()) continue;
            if (cmdline.get() instanceof StagedFile.Shared shared) {
                Cmdline.sdCardRoot(shared.source().toString(), text(shared.source())).ifPresent(warnings::add);
            } else if (!boardWarned) {
                Optional<String> warning = Cmdline.sdCardRoot(folder.folder() + "/" + StagingPlan.CMDLINE_TXT,
                        ((StagedFile.Generated) cmdline.get()).text());
                warning.ifPresent(warnings::add);
                boardWarned = warning.isPresent();
            }
        }
        return List.copyOf(warnings);
    }

    /** A small text file of the boot folder or TFTP root ({@code config.txt}, {@code cmdline.txt}). */
    private static String text(Path file) throws IOException {
        return new String(ImageFiles.readAtMost(file, MAX_TEXT), StandardCharsets.ISO_8859_1);
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

    /**
     * Checks every input first (the tree is untouched when one is bad), then stages each board's folder. A root
     * (or its parents) that this run creates is removed again when the run fails or is stopped (Ctrl-C).
     */
    public static List<Outcome> apply(StagingPlan plan, Path root) throws IOException {
        preflight(plan, root);
        Path created = topmostMissing(root);
        if (created != null) TempFiles.register(created);
        boolean done = false;
        try {
            Files.createDirectories(root);
            List<Outcome> outcomes = new ArrayList<>();
            for (BoardFolder folder : plan.folders()) {
                Path target = root.resolve(folder.folder());
                if (plan.profile()) {
                    outcomes.add(new Outcome(folder, stageProfile(target, folder, plan.link())));
                    continue;
                }
                Change change = !Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? Change.CREATED
                        : matches(target, folder, plan.link()) ? Change.UNCHANGED : Change.UPDATED;
                if (change != Change.UNCHANGED) replace(target, folder, plan.link());
                outcomes.add(new Outcome(folder, change));
            }
            done = true;
            return outcomes;
        } finally {
            if (created != null) {
                if (done) TempFiles.forget(created);
                else TempFiles.delete(created);
            }
        }
    }

    /**
     * A profile, {@code profiles/NAME}, is a relative link to a version of it, {@code profiles/.NAME.N}: a changed
     * profile is built as the next version and the link renamed over the old one, so the boards that link to the
     * profile never find it missing. The version before stays (a transfer may still be reading it); older ones go.
     */
    private static Change stageProfile(Path target, BoardFolder folder, LinkMode link) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        String current = Files.isSymbolicLink(target) ? Files.readSymbolicLink(target).toString() : null;
        if (current != null && matches(parent.resolve(current), folder, link)) return Change.UNCHANGED;
        Pattern versions = Pattern.compile(Pattern.quote("." + name + ".") + "([0-9]+)");
        long next = 1;
        if (Files.isDirectory(parent)) {
            try (Stream<Path> list = Files.list(parent)) {
                for (Path p : list.toList()) {
                    Matcher m = versions.matcher(p.getFileName().toString());
                    if (m.matches()) next = Math.max(next, Long.parseLong(m.group(1)) + 1);
                }
            }
        }
        String version = "." + name + "." + next;
        replace(parent.resolve(version), folder, link);
        Path tmp = parent.resolve("." + name + ".link");
        TempFiles.delete(tmp);
        TempFiles.register(tmp);
        try {
            Files.createSymbolicLink(tmp, Path.of(version));
            TempFiles.commit(() -> Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE));
        } catch (IOException e) {
            throw named(target, e);
        } finally {
            TempFiles.delete(tmp);
        }
        try (Stream<Path> list = Files.list(parent)) {
            for (Path p : list.toList()) {
                String n = p.getFileName().toString();
                if (versions.matcher(n).matches() && !n.equals(version) && !n.equals(current)) TempFiles.delete(p);
            }
        }
        return current == null ? Change.CREATED : Change.UPDATED;
    }

    /** The first of {@code path} and its parents, from the top, that does not exist; null when it exists. */
    private static Path topmostMissing(Path path) {
        Path missing = null;
        for (Path p = path.toAbsolutePath().normalize(); p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
                p = p.getParent()) missing = p;
        return missing;
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
            if (plan.profile() && Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(target))
                throw EepromException.in(target.toString(), "a profile made by hand, not a link to a version that "
                        + "tftp stage made: move it away to stage this profile");
            if (plan.profile()) continue;
            if (Files.isSymbolicLink(target)) throw EepromException.in(target.toString(), "board %s's folder is a "
                    + "link to %s (eeprom boot set switches it): remove the link to stage a folder of its own",
                    folder.board(), Files.readSymbolicLink(target));
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))
                throw EepromException.in(target.toString(), "expected board %s's folder, found a file", folder.board());
        }
        Path existing = root.toAbsolutePath();
        while (!Files.exists(existing)) existing = existing.getParent();
        if (Files.getFileStore(existing).isReadOnly())                  // the cause, before any talk of links
            throw new FileSystemException(root.toString(), null, "Read-only file system");
        if (plan.link() == LinkMode.HARD && !sources.isEmpty()) {
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

    /**
     * Builds the board's folder beside {@code target} and swaps it in; a failure names the file or folder of the
     * TFTP root that could not be written (not a boot file, nor the hidden staging folder) and leaves the old
     * folder in place.
     */
    private static void replace(Path target, BoardFolder folder, LinkMode link) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        createFolder(parent, target);
        String name = target.getFileName().toString();
        Path staging = parent.resolve("." + name + ".staging");
        Path old = parent.resolve("." + name + ".old");
        TempFiles.delete(staging);
        TempFiles.delete(old);
        try {
            TempFiles.register(staging);
            createFolder(staging, target);
            for (StagedFile file : folder.files()) write(staging, target, file, link);
            TempFiles.commit(() -> {                   // both renames, or neither, whenever Ctrl-C comes
                try {
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS))
                        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    if (Files.exists(old) && !Files.exists(target, LinkOption.NOFOLLOW_LINKS))
                        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    throw named(target, e);
                }
                TempFiles.register(old);
            });
        } finally {
            TempFiles.delete(staging);
            TempFiles.delete(old);
        }
    }

    private static void createFolder(Path folder, Path named) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw named(named, e);
        }
    }

    /** One file into the folder being built; an identical file of the current folder is hard-linked, not redone. */
    private static void write(Path staging, Path target, StagedFile file, LinkMode link) throws IOException {
        Path dest = staging.resolve(file.name());
        Path current = target.resolve(file.name());
        try {
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
        } catch (IOException e) {
            throw named(current, e);
        }
    }

    /** The system's reason (No space left on device), named by the place in the TFTP root that was being made. */
    private static FileSystemException named(Path destination, IOException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getMessage() != null ? e.getMessage() : "cannot be written";
        return (FileSystemException) new FileSystemException(destination.toString(), null, reason).initCause(e);
    }

    /** Regular files and symbolic links under a folder, {@code /}-separated, sorted. */
    private static List<String> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
