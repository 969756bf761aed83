package io.github.pieeprom.netboot.profile;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.TempFiles;
import io.github.pieeprom.netboot.BootReplay;
import io.github.pieeprom.netboot.StagingPlan;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which profile each board boots: a board's folder under the TFTP root ({@code ROOT/1234abcd}) is a relative
 * symbolic link to {@code profiles/NAME}, or, when the profile's {@code cmdline.txt} or {@code config.txt} holds
 * {@code ${variables}}, to a folder of its own, {@code .boards/1234abcd/NAME.HASH}, that holds those two files
 * rendered for the board and relative links to the profile's other entries. A switch writes the new link under a
 * temporary name and renames it over the old one, so a board that fetches files meanwhile finds either profile,
 * never no folder. Every change is appended to the {@link History}.
 * <pre>
 * Change who = new Change("alice", Instant.now());
 * Profiles.set(root, List.of(Targets.one("1234abcd", "", Optional.empty(), Prefix.SERIAL)), "installed", Model.PI4, who);
 * </pre>
 */
public final class Profiles {
    public static final String PROFILES = StagingPlan.PROFILES;
    /** The boards' rendered folders. */
    static final String BOARDS = ".boards";
    /** The history and the pending one-shot boots: a folder under the root, hidden as the boards' folders are. */
    static final String STATE = ".eeprom-boot";
    private static final String LOCK_FILE = "lock";
    /** Serializes the switches of this JVM; the file lock those of other processes (it throws within one JVM). */
    private static final Object LOCK = new Object();

    /**
     * A board's switch.
     *
     * @param from    the profile before, "" for none (or the old link's text when it named no profile)
     * @param changed false when the board already booted {@code to} as it would be rendered now
     */
    public record Switched(String board, String name, String from, String to, boolean changed) {
    }

    /** A board's folder as {@code boot list} shows it: the profile it links to, and a pending one-shot boot. */
    public record BoardProfile(String board, String profile, String link, boolean rendered, Optional<OneShot> once) {
    }

    private record Planned(Target target, Profile profile, String link, Map<String, byte[]> rendered, String kernel) {
    }

    private Profiles() {
    }

    /** Where the history and the pending one-shot boots are kept: {@code ROOT/.eeprom-boot}. */
    public static Path stateFolder(Path root) {
        return root.resolve(STATE);
    }

    /** The profiles under {@code root}, sorted. */
    public static List<String> names(Path root) throws IOException {
        Path profiles = root.resolve(PROFILES);
        if (!Files.isDirectory(profiles)) return List.of();
        try (Stream<Path> list = Files.list(profiles)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /**
     * Links each board's folder to {@code profile}, rendered for it. Every board and the profile are checked first
     * (a board must be able to boot it, as {@code model}): bad input changes nothing. A pending one-shot boot of a
     * board is dropped: this is its profile now.
     */
    public static List<Switched> set(Path root, List<Target> targets, String profile, BootReplay.Model model,
            Change change) throws IOException {
        List<Planned> plans = plan(root, targets, profile, model);
        return locked(root, () -> {
            List<Switched> done = new ArrayList<>();
            List<OneShot> pending = new ArrayList<>(OneShot.read(root));
            boolean dropped = pending.removeIf(p -> plans.stream().anyMatch(x -> x.target().folder().equals(p.board())));
            if (dropped) OneShot.write(root, pending);
            for (Planned p : plans) done.add(apply(root, p, change, History.How.SET, pending));
            return done;
        });
    }

    /**
     * Boots {@code profile} on the board's next boot only: links its folder to it and records a {@link OneShot}
     * that {@link #fetched} consumes. The board must have a profile to return to; a one-shot boot still pending
     * is replaced, and the board still returns to the profile it had before that one.
     */
    public static Switched once(Path root, Target target, String profile, BootReplay.Model model, Change change)
            throws IOException {
        Planned plan = plan(root, List.of(target), profile, model).get(0);
        returnTo(root, plan);                                  // bad input: before the lock file is made
        return locked(root, () -> {
            String current = returnTo(root, plan);
            List<OneShot> pending = new ArrayList<>(OneShot.read(root));
            Optional<OneShot> earlier = pending.stream().filter(p -> p.board().equals(target.folder())).findFirst();
            String then = earlier.map(OneShot::then).orElse(current);      // a second one-shot replaces the first
            earlier.ifPresent(pending::remove);
            pending.add(new OneShot(target.folder(), profile, plan.kernel(), then, profileOf(then)));
            Switched switched = apply(root, plan, change, History.How.ONCE, pending);
            OneShot.write(root, pending);
            return switched;
        });
    }

    /** The link a one-shot boot of {@code plan} comes back to: the board's current profile. */
    private static String returnTo(Path root, Planned plan) throws IOException {
        Target target = plan.target();
        String then = currentLink(root, target.folder());
        if (then == null || profileOf(then) == null) throw EepromException.in(root.resolve(target.folder())
                .toString(), "board %s has no profile to come back to after a one-shot boot: set one first",
                target.label());
        if (then.equals(plan.link())) throw EepromException.in(root.resolve(target.folder()).toString(),
                "board %s boots %s already", target.label(), plan.profile().name());
        return then;
    }

    /**
     * What the boot server calls when a transfer of {@code path} (as the board asked for it, {@code
     * 1234abcd/kernel8.img}) has completed: when it is the kernel of the board's pending one-shot profile, the
     * board's folder links back to the profile before, the one-shot is done and the history says so.
     */
    public static Optional<Switched> fetched(Path root, String path, Change change) throws IOException {
        String name = path.startsWith("/") ? path.substring(1) : path;
        int slash = name.indexOf('/');
        if (slash < 0 || !Files.exists(stateFolder(root).resolve(OneShot.FILE))) return Optional.empty();
        String board = name.substring(0, slash), file = name.substring(slash + 1);
        return locked(root, () -> {
            List<OneShot> pending = new ArrayList<>(OneShot.read(root));
            Optional<OneShot> done = pending.stream().filter(p -> p.board().equals(board) && p.kernel().equals(file))
                    .findFirst();
            if (done.isEmpty()) return Optional.empty();
            pending.remove(done.get());
            swapLink(root, board, done.get().then());
            OneShot.write(root, pending);
            History.append(root, new History.Entry(change.time(), change.user(), board, board, done.get().once(),
                    done.get().thenProfile(), History.How.BACK));
            return Optional.of(new Switched(board, board, done.get().once(), done.get().thenProfile(), true));
        });
    }

    /** Every board folder under {@code root} that links to a profile, by folder name. */
    public static List<BoardProfile> list(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw EepromException.in(root.toString(), Files.exists(root)
                ? "the TFTP root is a file, not a folder" : "no such folder");
        List<OneShot> pending = OneShot.read(root);
        List<BoardProfile> boards = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path p : entries.sorted().toList()) {
                String board = p.getFileName().toString();
                if (board.startsWith(".") || !Files.isSymbolicLink(p)) continue;
                String link = Files.readSymbolicLink(p).toString();
                String profile = profileOf(link);
                if (profile == null) continue;
                boards.add(new BoardProfile(board, profile, link, link.startsWith(BOARDS + "/"),
                        pending.stream().filter(o -> o.board().equals(board)).findFirst()));
            }
        }
        return boards;
    }

    private static List<Planned> plan(Path root, List<Target> targets, String profile, BootReplay.Model model)
            throws IOException {
        if (!Files.isDirectory(root)) throw EepromException.in(root.toString(), "%s: expected the TFTP root",
                Files.exists(root) ? "a file, not a folder" : "no such folder");
        Profile p = Profile.read(root, profile);
        List<Planned> plans = new ArrayList<>();
        for (Target t : targets) {
            Path folder = root.resolve(t.folder());
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(folder))
                throw EepromException.in(folder.toString(), "board %s's folder is a folder of its own (as eeprom tftp "
                        + "stage makes them), not a link to a profile: move it away first", t.label());
            Map<String, byte[]> rendered = p.render(t);
            BootReplay.Result replay = p.replay(model, rendered);
            List<String> missing = Profile.missing(replay);
            if (!missing.isEmpty()) throw EepromException.in(p.folder().toString(), "board %s cannot boot it as a %s: "
                    + "missing %s", t.label(), model == BootReplay.Model.PI4 ? "Pi 4" : "Pi 5", String.join(", ", missing));
            String kernel = replay.requests().get(replay.requests().size() - 1).path();
            String link = rendered.isEmpty() ? PROFILES + "/" + profile
                    : BOARDS + "/" + t.folder() + "/" + profile + "." + hash(p, rendered);
            plans.add(new Planned(t, p, link, rendered, kernel));
        }
        return plans;
    }

    private static Switched apply(Path root, Planned p, Change change, History.How how, List<OneShot> pending)
            throws IOException {
        String folder = p.target().folder();
        String previous = currentLink(root, folder);
        String from = previous == null ? "" : Optional.ofNullable(profileOf(previous)).orElse(previous);
        if (p.link().equals(previous))
            return new Switched(folder, p.target().label(), from, p.profile().name(), false);
        if (!p.rendered().isEmpty()) render(root, p);
        swapLink(root, folder, p.link());
        History.append(root, new History.Entry(change.time(), change.user(), folder, p.target().label(), from,
                p.profile().name(), how));
        List<String> keep = new ArrayList<>(List.of(p.link()));
        if (previous != null) keep.add(previous);
        pending.forEach(o -> keep.add(o.then()));
        clean(root, folder, Set.copyOf(keep));
        return new Switched(folder, p.target().label(), from, p.profile().name(), true);
    }

    /** The board's own folder, built under a temporary name and renamed into place, unless it is there already. */
    private static void render(Path root, Planned p) throws IOException {
        Path dir = root.resolve(p.link());
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return;
        Files.createDirectories(dir.getParent());
        Path tmp = TempFiles.createDirectory(dir.getParent(), ".new-");
        try {
            // TempFiles makes it 0700: a TFTP server running as its own user (tftpd-hpa) could not read it
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String entry : p.profile().entries()) {
                byte[] bytes = p.rendered().get(entry);
                if (bytes != null) Files.write(tmp.resolve(entry), bytes);
                else Files.createSymbolicLink(tmp.resolve(entry), Path.of("../../..", PROFILES, p.profile().name(), entry));
            }
            TempFiles.commit(() -> Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE));
        } finally {
            TempFiles.delete(tmp);
        }
    }

    /** A new relative link at a temporary name, renamed over the board's folder: rename(2) replaces it at once. */
    private static void swapLink(Path root, String folder, String link) throws IOException {
        Path tmp = root.resolve("." + folder + ".link");
        TempFiles.delete(tmp);
        TempFiles.register(tmp);
        try {
            Files.createSymbolicLink(tmp, Path.of(link));
            TempFiles.commit(() -> Files.move(tmp, root.resolve(folder), StandardCopyOption.ATOMIC_MOVE));
        } finally {
            TempFiles.delete(tmp);
        }
    }

    /**
     * Deletes the board's rendered folders but those in {@code keep}: its current one, the one it linked to just
     * before (a transfer that resolved the old link a moment ago may still open files there) and the one a
     * pending one-shot comes back to.
     */
    private static void clean(Path root, String folder, Set<String> keep) throws IOException {
        Path boards = root.resolve(BOARDS).resolve(folder);
        if (!Files.isDirectory(boards)) return;
        try (Stream<Path> list = Files.list(boards)) {
            for (Path p : list.toList()) {
                String link = BOARDS + "/" + folder + "/" + p.getFileName();
                if (!p.getFileName().toString().startsWith(".") && !keep.contains(link)) TempFiles.delete(p);
            }
        }
    }

    private static String currentLink(Path root, String folder) throws IOException {
        Path p = root.resolve(folder);
        return Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : null;
    }

    /** The profile a board's link names ({@code profiles/NAME}, {@code .boards/F/NAME.HASH}), or null. */
    static String profileOf(String link) {
        String[] parts = link.split("/");
        if (parts.length == 2 && parts[0].equals(PROFILES)) return parts[1];
        if (parts.length == 3 && parts[0].equals(BOARDS) && parts[2].lastIndexOf('.') > 0)
            return parts[2].substring(0, parts[2].lastIndexOf('.'));
        return null;
    }

    /**
     * 12 hex digits of the SHA-256 of the profile's name and entries and the rendered files: the same rendering
     * finds its folder again.
     */
    private static String hash(Profile profile, Map<String, byte[]> rendered) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((profile.name() + "\0" + String.join("/", profile.entries()) + "\0").getBytes(UTF_8));
            for (Map.Entry<String, byte[]> e : rendered.entrySet()) {
                sha.update((e.getKey() + "\0" + e.getValue().length + "\0").getBytes(UTF_8));
                sha.update(e.getValue());
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @FunctionalInterface
    private interface Locked<T> {
        T run() throws IOException;
    }

    /** Runs {@code body} holding {@code ROOT/.eeprom-boot/lock}: one switch at a time, across processes. */
    private static <T> T locked(Path root, Locked<T> body) throws IOException {
        synchronized (LOCK) {
            Path state = stateFolder(root);
            Files.createDirectories(state);
            try (FileChannel channel = FileChannel.open(state.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                return body.run();
            }
        }
    }
}
