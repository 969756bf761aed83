package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.PackagedCheckout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./eeprom} launcher on the packaged jar, in a copy of the checkout without sources (so it does not
 * rebuild): its first run trains a start-up archive in the background, and later runs can map it.
 */
class LauncherIT {
    @TempDir
    Path tmp;

    /**
     * Every run of the launcher may start a training in the background that writes under {@code target/startup}
     * (or the user's cache): the temp folder is deleted after this, so wait until no training has held a lock for
     * two seconds in a row (a test that ended first left a training writing while JUnit deleted its folder).
     */
    @AfterEach
    void trainingsEnded() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180), quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(2)) {
            if (trainingLockIn(tmp)) quietSince = System.nanoTime();
            Thread.sleep(100);
        }
    }

    private static boolean trainingLockIn(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.anyMatch(f -> f.getFileName().toString().endsWith(".lock")
                    && f.getParent().getFileName().toString().equals("startup"));
        } catch (IOException | UncheckedIOException e) {
            return true;                                   // a file vanished mid-walk: something is still writing
        }
    }

    private Path checkout() throws IOException {
        return PackagedCheckout.create(tmp.resolve("checkout"));
    }

    private static String run(Path checkout, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(checkout.resolve("eeprom").toString()),
                Stream.of(args)).toList()).redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static List<Path> archives(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("eeprom.*\\.(aot|jsa)")).toList();
        }
    }

    private static Process start(Path launcher, Map<String, String> env, Path err, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(launcher.toString()), Stream.of(args)).toList())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    @Test
    void aCopyOutsideACheckoutPointsAtTheReleaseAndBuildsNothing() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path copy = Files.copy(Path.of("eeprom").toAbsolutePath(), bin.resolve("eeprom"), StandardCopyOption.COPY_ATTRIBUTES);
        Process p = start(copy, Map.of(), tmp.resolve("err"), "--version");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(tmp.resolve("err"))).isEqualTo("eeprom: " + copy + " is the launcher of a pieeprom "
                + "source checkout (it builds itself with Maven), and " + bin + " is none: install a release instead "
                + "(eeprom-VERSION.tar.gz or eeprom_VERSION_all.deb, docs/install.md), or run ./eeprom inside a clone\n");
        try (Stream<Path> files = Files.list(bin)) {
            assertThat(files).containsExactly(copy);                       // no target/ beside the copy
        }
    }

    @Test
    void theServersRunWithTheOptimisingCompiler() throws Exception {
        Path checkout = checkout();
        Path root = Files.createDirectories(tmp.resolve("root"));
        for (List<String> server : List.of(List.of("tftp", "serve", "--root", root.toString(), "--bind", "127.0.0.1",
                "--port", "0"), List.of("boot", "serve", "--root", root.toString(), "--bind", "127.0.0.1", "--dhcp",
                "off", "--tftp-port", "0", "--netconsole-port", "0", "--state", tmp.resolve("state").toString()))) {
            Process p = start(checkout.resolve("eeprom"), Map.of(), tmp.resolve("err"), server.toArray(String[]::new));
            try {
                // the launcher execs java: the process it started is the JVM, whose command line holds its flags
                assertThat(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine())
                        .as(String.join(" ", server)).contains(" serving ");
                String jvm = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline")).replace('\0', ' ');
                assertThat(jvm).as(String.join(" ", server)).contains("io.github.pieeprom.cli.EepromCli")
                        .doesNotContain("TieredStopAtLevel");          // a long run wants C2 (bench/boot-storm.sh)
            } finally {
                p.destroy();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void aJavaHomeWithoutJavaIsOneLineBeforeAnyBuild() throws Exception {
        Path checkout = checkout();
        Process p = start(checkout.resolve("eeprom"), Map.of("JAVA_HOME", tmp.resolve("no-jdk").toString()),
                tmp.resolve("err"), "--version");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(tmp.resolve("err"))).isEqualTo("eeprom: JAVA_HOME is " + tmp.resolve("no-jdk")
                + ", which has no bin/java: set it to a JDK 17 or later, or unset it\n");
    }

    @Test
    void aUserWhoCannotWriteTheCheckoutRunsItsJarAndKeepsTheArchiveInTheirCache() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));   // readable, not writable
        Path checkout = checkout();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.setOwner(home, home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        // util-linux's setpriv runs the launcher as nobody (uid 65534), whose HOME is the folder above
        ProcessBuilder pb = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                checkout.resolve("eeprom").toString(), "--version").redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("eeprom (pieeprom) ");
        Path startup = home.resolve(".cache/pieeprom/" + checkout.toString().replaceAll("[^A-Za-z0-9]", "_")
                + "/startup");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (archives(startup).isEmpty() && System.nanoTime() < deadline) Thread.sleep(200);
        assertThat(archives(startup)).as("an archive in the user's cache within 120 s").isNotEmpty();
        assertThat(checkout.resolve("target/startup")).doesNotExist();
        // the training goes on to the fleet archive: let it end before the folder is deleted
        while (hasLock(startup) && System.nanoTime() < deadline) Thread.sleep(200);
    }

    private static boolean hasLock(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".lock"));
        }
    }

    @Test
    void theArchiveTrainedUnderARunsJvmOptionsServesRunsWithoutThem() throws Exception {
        Path checkout = checkout();
        // a PATH with the tools the launcher runs and no flock (macOS has none): the training's lock is mkdir's
        Path path = Files.createDirectories(tmp.resolve("path"));
        for (String tool : List.of("bash", "find", "mkdir", "rm", "mv", "sleep"))
            Files.copy(Path.of("/usr/bin", tool), path.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
        // the first run's options (here a JFR recording, which adds the jdk.jfr module) must not reach the archive
        String first = run(checkout, Map.of("PATH", path.toString(), "JAVA_TOOL_OPTIONS",
                "-XX:StartFlightRecording=filename=" + tmp.resolve("first.jfr")), "--version");
        assertThat(first).contains("eeprom (pieeprom)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (archives(checkout.resolve("target/startup")).isEmpty() && System.nanoTime() < deadline) Thread.sleep(200);
        List<Path> archives = archives(checkout.resolve("target/startup"));
        assertThat(archives).as("an archive under target/startup within 120 s").hasSize(1);
        // the JVM names the archives it maps (JDK 17: "Dynamic archive name: ...", the AOT cache: "Static archive
        // name: ...") and exits; -Xshare:on or -XX:AOTMode=on would pass without ours, on the JDK's own archive
        assertThat(run(checkout, Map.of("JAVA_TOOL_OPTIONS", "-XX:+PrintSharedArchiveAndExit"), "info",
                checkout.resolve("firmware-samples/synthetic-2711-notbootable.bin").toString()))
                .contains("archive name: " + archives.get(0));
        assertThat(run(checkout, Map.of(), "info",
                checkout.resolve("firmware-samples/synthetic-2711-notbootable.bin").toString())).contains("BCM2711");
    }

    @Test
    void aLockFileLeftByTheFlockLauncherOfOlderReleasesDoesNotStopTheTraining() throws Exception {
        Path checkout = checkout();
        String javaHome = Path.of(System.getProperty("java.home")).toRealPath().toString();
        Path startup = Files.createDirectories(checkout.resolve("target/startup"));
        Files.createFile(startup.resolve("." + javaHome.replaceAll("[^A-Za-z0-9]", "_") + ".lock"));   // flock's
        assertThat(run(checkout, Map.of("JAVA_HOME", javaHome), "--version")).contains("eeprom (pieeprom)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (archives(startup).isEmpty() && System.nanoTime() < deadline) Thread.sleep(200);
        assertThat(archives(startup)).as("an archive under target/startup within 120 s").isNotEmpty();
    }

    /**
     * The newest JDK wins, and one found only on the PATH counts: here a "JDK 99" outside the folders the launcher
     * searches, reached through a symbolic link on the PATH (the launcher resolves it without forking where the
     * link leads into those folders, and with readlink where it does not).
     */
    @Test
    void aNewerJdkFoundOnlyThroughThePathIsTheOneThatRuns() throws Exception {
        Path checkout = checkout();
        Path jdk = Files.createDirectories(tmp.resolve("opt/jdk-99/bin"));
        Path java = Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho \"jdk 99 ran: $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(jdk.getParent().resolve("release"), "JAVA_VERSION=\"99.0.1\"\n");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("java"), java);
        String out = run(checkout, Map.of("PATH", bin + ":" + System.getenv("PATH")),
                "--version");
        assertThat(out).contains("jdk 99 ran: ").contains("io.github.pieeprom.cli.EepromCli --version");
    }

    /** The README's first command in a fresh clone: no target/ yet, so the launcher builds the jar, then runs. */
    @Test
    void aFreshCloneBuildsItselfOnFirstUseAndRuns() throws Exception {
        Path clone = sourceClone();
        // a lock folder without a PID, as a launcher killed between its mkdir and writing the PID leaves it: taken
        // over once it is a minute old (it kept every later run waiting)
        Path lock = Files.createDirectories(clone.resolve("target/.build.lock"));
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(120)));
        ProcessBuilder pb = new ProcessBuilder(clone.resolve("eeprom").toString(), "info",
                "firmware-samples/synthetic-2712-ab-notbootable.bin").directory(clone.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("built and ran within 300 s").isTrue();
        String out = Files.readString(tmp.resolve("out"));
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("eeprom: building ").contains("BCM2712", "bootconf.txt");
        assertThat(clone.resolve("target/eeprom.jar")).isRegularFile();
        assertThat(clone.resolve("target/.build.lock")).as("the build lock is released").doesNotExist();
    }

    /** SIGTERM to a launcher that is building (as a service manager or {@code timeout} sends it) stops its Maven. */
    @Test
    void aLauncherStoppedWhileItBuildsStopsItsMavenAndReleasesTheLock() throws Exception {
        Path clone = sourceClone();
        ProcessBuilder pb = new ProcessBuilder(clone.resolve("eeprom").toString(), "--version").directory(clone.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process launcher = pb.start();
        String maven = "-Dpieeprom.target=" + clone.resolve("target");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (processesWith(maven).isEmpty() && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(processesWith(maven)).as("Maven started").isNotEmpty();
        Thread.sleep(2000);                                             // well into the build
        launcher.destroy();                                             // SIGTERM
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isEqualTo(143);
        // the launcher waits for its Maven to end before it exits: a second is for /proc to catch up, not the build
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!processesWith(maven).isEmpty() && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(processesWith(maven)).as("no Maven building on").isEmpty();
        assertThat(clone.resolve("target/.build.lock")).as("the build lock is released").doesNotExist();
    }

    /** PIDs of the processes whose command line holds {@code text}, read from /proc. */
    private static List<String> processesWith(String text) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(text);
                } catch (IOException gone) {
                    return false;
                }
            }).map(p -> p.getFileName().toString()).toList();
        }
    }

    /** A clone as git makes it: sources, no target/. */
    private Path sourceClone() throws IOException {
        Path clone = Files.createDirectories(tmp.resolve("clone"));
        for (String part : List.of("pom.xml", "eeprom", "LICENSE", "README.md", "src/main", "firmware-samples"))
            copyTree(Path.of(part).toAbsolutePath(), clone.resolve(part));
        return clone;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
