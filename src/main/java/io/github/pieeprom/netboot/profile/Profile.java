package io.github.pieeprom.netboot.profile;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.netboot.BootReplay;
import io.github.pieeprom.netboot.StagingPlan;
import io.github.pieeprom.template.Template;
import io.github.pieeprom.text.Utf8;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A profile as it lies under {@code ROOT/profiles/NAME/}, checked: it exists, every top-level entry resolves inside
 * the root (no loop of links, no link to nothing or out of the root, which a chrooting server cannot serve), and its
 * {@code cmdline.txt} and {@code config.txt}, when they hold a {@code ${}, are templates rendered per board.
 */
final class Profile {
    /** The files rendered per board when they hold a placeholder. */
    static final List<String> TEMPLATED = List.of("cmdline.txt", "config.txt");
    private static final int MAX_TEXT = 1 << 20;

    private final String name;
    private final Path root;              // real path
    private final Path folder;            // ROOT/profiles/NAME, as boards link to it
    private final List<String> entries;   // its top-level names, sorted, hidden ones left out
    private final Map<String, Template> templates;

    private Profile(String name, Path root, Path folder, List<String> entries, Map<String, Template> templates) {
        this.name = name;
        this.root = root;
        this.folder = folder;
        this.entries = List.copyOf(entries);
        this.templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));   // in file order
    }

    static Profile read(Path root, String name) throws IOException {
        StagingPlan.requireProfileName("PROFILE", name);
        Path realRoot = root.toRealPath();
        Path folder = root.resolve(Profiles.PROFILES).resolve(name);
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            List<String> known = Profiles.names(root);
            throw EepromException.in(folder.toString(), "no such profile (profiles here: %s; eeprom tftp stage "
                    + "--profile %s makes one)", known.isEmpty() ? "none" : String.join(", ", known), name);
        }
        Path real = inside(realRoot, folder);
        if (!Files.isDirectory(real)) throw EepromException.in(folder.toString(), "a profile is a folder, found a file");
        List<String> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
        for (String entry : entries) inside(realRoot, folder.resolve(entry));
        Map<String, Template> templates = new LinkedHashMap<>();
        for (String file : TEMPLATED) {
            Path path = folder.resolve(file);
            if (!Files.isRegularFile(path)) continue;
            byte[] bytes = ImageFiles.readAtMost(path, MAX_TEXT);
            if (!new String(bytes, StandardCharsets.ISO_8859_1).contains("${")) continue;   // served as it is
            templates.put(file, Template.parse(path.toString(), Utf8.decode(path.toString(), bytes)));
        }
        return new Profile(name, realRoot, folder, entries, templates);
    }

    String name() {
        return name;
    }

    Path folder() {
        return folder;
    }

    List<String> entries() {
        return entries;
    }

    /** The board's own {@code cmdline.txt} and {@code config.txt}; empty when the profile has no templates. */
    Map<String, byte[]> render(Target target) {
        Map<String, byte[]> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, Template> t : templates.entrySet()) {
            try {
                rendered.put(t.getKey(), t.getValue().substitute(target.vars()).getBytes(StandardCharsets.UTF_8));
            } catch (EepromException e) {
                throw EepromException.in("", "%s (board %s)", e.getMessage(), target.label());
            }
        }
        return rendered;
    }

    /**
     * The requests a board makes when its folder holds this profile with {@code rendered} in place of the
     * templates ({@link BootReplay}, the board's folder read as the root): a file is there when it resolves to a
     * regular file inside the TFTP root.
     */
    BootReplay.Result replay(BootReplay.Model model, Map<String, byte[]> rendered) throws IOException {
        try {
            return BootReplay.run(model, "", n -> rendered.containsKey(n) || servable(n).isPresent(), n -> {
                if (rendered.containsKey(n)) return Optional.of(new String(rendered.get(n), StandardCharsets.ISO_8859_1));
                Optional<Path> file = servable(n);
                try {
                    return file.isEmpty() ? Optional.empty() : Optional.of(new String(ImageFiles.readAtMost(file.get(),
                            MAX_TEXT), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Optional<Path> servable(String relative) {
        try {
            Path real = folder.resolve(relative).toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The real path of {@code path}, which must resolve inside the (real) root; a loop or dangling link is named. */
    private static Path inside(Path root, Path path) throws IOException {
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw EepromException.in(path.toString(), "a symbolic link to nothing (%s)", Files.readSymbolicLink(path));
        } catch (FileSystemException e) {
            if (loops(path)) throw EepromException.in(path.toString(), "a loop of symbolic links");
            throw e;
        }
        if (!real.startsWith(root)) throw EepromException.in(path.toString(), "links to %s, outside the TFTP root: "
                + "a server that keeps to the root (in.tftpd -s, eeprom tftp serve) cannot serve it", real);
        return real;
    }

    /**
     * Whether following the links from {@code path} comes back to one already passed, or takes more than the 40
     * links Linux follows ({@code ELOOP}); read here rather than from the system's message, which is localized.
     */
    private static boolean loops(Path path) throws IOException {
        Set<Path> seen = new HashSet<>();
        Path p = path.toAbsolutePath().normalize();
        for (int hops = 0; hops <= 40; hops++) {
            if (!Files.isSymbolicLink(p)) return false;
            if (!seen.add(p)) return true;
            p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
        }
        return true;
    }

    /** What a board cannot boot without: the needed files the replay found missing, in request order. */
    static List<String> missing(BootReplay.Result result) {
        List<String> missing = new ArrayList<>();
        for (BootReplay.Request r : result.requests()) if (r.status() == BootReplay.Status.MISSING) missing.add(r.path());
        return missing;
    }
}
