package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Hashes;
import io.github.pieeprom.testing.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball as a user gets it: unpacked by {@code tar} into a temp folder, its {@code bin/eeprom} (POSIX
 * sh) run with a PATH that has no {@code mvn} and no {@code flock}, on JDK 17 (through {@code JAVA_HOME}) and on the
 * newest JDK on the machine (as the {@code java} on the PATH). What it prints is checked against the reference's
 * vectors ({@code rpi-eeprom-config}'s output for the same image, config and key) and the images' own names.
 */
class ReleaseArchiveIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path JVMS = Path.of("/usr/lib/jvm");
    private static final String IMAGE = "firmware/2711-pieeprom-2026-08-04.bin";

    @TempDir Path tmp;
    private Path home;
    private Path path;

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void unpackAndMakeAPathWithoutMavenOrFlock() throws Exception {
        Path tarball = built("eeprom-[0-9.]+\\.tar\\.gz", "eeprom-VERSION.tar.gz");
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        assertThat(run(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()), Map.of()).exit())
                .isZero();
        String top = tarball.getFileName().toString().replace(".tar.gz", "");
        home = unpacked.resolve(top);
        // the launcher's tools: readlink (to follow /usr/bin/java's links), and to make the start-up archive mkdir,
        // mv, rm and cat; its shell is /bin/sh (dash here). Copies, not links: JUnit warns of links it deletes.
        path = Files.createDirectories(tmp.resolve("path"));
        for (String tool : List.of("readlink", "mkdir", "mv", "rm", "cat"))
            Files.copy(Path.of("/usr/bin", tool), path.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(path.resolve("mvn")).doesNotExist();
        assertThat(path.resolve("flock")).doesNotExist();
    }

    @AfterEach
    void removeTheLinkToJava() throws IOException {
        Files.deleteIfExists(path.resolve("java"));
    }

    /** The file {@code mvn package} made in target/ whose name matches {@code regex}. */
    private static Path built(String regex, String name) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().matches(regex)).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/" + name + ": mvn package makes it"));
        }
    }

    /** JDK 17's home, and the newest JDK's, read from their release files (one entry when 17 is the newest). */
    private static List<Path> jdks() throws IOException {
        Path jdk17 = null;
        Path newest = null;
        int newestMajor = 0;
        try (Stream<Path> homes = Files.list(JVMS)) {
            for (Path home : homes.sorted(Comparator.naturalOrder()).toList()) {
                Optional<Integer> major = major(home);
                if (major.isEmpty() || Files.isSymbolicLink(home)) continue;
                if (major.get() == 17 && jdk17 == null) jdk17 = home;
                if (major.get() > newestMajor) {
                    newest = home;
                    newestMajor = major.get();
                }
            }
        }
        assertThat(jdk17).as("a JDK 17 in " + JVMS).isNotNull();
        return newestMajor > 17 ? List.of(jdk17, newest) : List.of(jdk17);
    }

    private static Optional<Integer> major(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) return Optional.empty();
        for (String line : Files.readAllLines(release))
            if (line.startsWith("JAVA_VERSION=\"")) return Optional.of(Integer.parseInt(line.split("[\".]")[1]));
        return Optional.empty();
    }

    /** Runs bin/eeprom on {@code jdk}: JDK 17 through JAVA_HOME, any other as the java on the PATH. */
    private Run eeprom(Path jdk, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/eeprom").toString()));
        command.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(env);
        if (major(jdk).orElseThrow() == 17) {
            environment.put("JAVA_HOME", jdk.toString());
        } else {
            Path java = path.resolve("java");
            Files.deleteIfExists(java);
            Files.createSymbolicLink(java, jdk.resolve("bin/java"));
        }
        return run(command, environment);
    }

    private Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectError(tmp.resolve("err").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("JAVA") || k.startsWith("JDK_") || k.startsWith("_JAVA"));
        if (path != null) builder.environment().put("PATH", path.toString());
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(p.exitValue(), out, Files.readString(tmp.resolve("err")));
    }

    private static String expectedSha256(String vector) {
        return Vectors.rows().stream().filter(r -> r.id().equals(vector)).findFirst().orElseThrow().sha256();
    }

    @Test
    void infoAndExtractAgreeWithTheImageAndTheReferenceOnEachJdk() throws Exception {
        Path image = Conformance.file(IMAGE);
        for (Path jdk : jdks()) {
            Run version = eeprom(jdk, Map.of(), "--version");
            assertThat(version.exit()).as(version.err()).isZero();
            assertThat(version.out()).startsWith("eeprom (pieeprom) ").contains("Java ", jdk.toString());

            Run info = eeprom(jdk, Map.of(), "info", image.toString(), "--json");
            assertThat(info.exit()).as(info.err()).isZero();
            // the image's name says its SoC and release date; its size is the file's
            assertThat(info.out()).contains("\"soc\": \"2711\"", "\"size\": " + Files.size(image),
                    "\"date\": \"2026-08-04\"");

            Run extract = eeprom(jdk, Map.of(), "extract", image.toString());
            assertThat(extract.exit()).as(extract.err()).isZero();
            assertThat(Hashes.sha256(extract.out().getBytes(StandardCharsets.UTF_8)))
                    .as("the config, as rpi-eeprom-config reads it (vector read-2711-2026-08-04)")
                    .isEqualTo(expectedSha256("read-2711-2026-08-04"));
        }
    }

    @Test
    void signWritesTheImageTheReferenceWritesOnEachJdk() throws Exception {
        for (Path jdk : jdks()) {
            Path out = tmp.resolve("signed-" + jdk.getFileName() + ".bin");
            Run sign = eeprom(jdk, Map.of(), "sign", Conformance.file(IMAGE).toString(),
                    "-c", Conformance.file("cases/cfg-netboot.txt").toString(),
                    "-k", Conformance.file("test/private.pem").toString(), "--soc", "2711", "--ts", "1650000000",
                    "-o", out.toString());
            assertThat(sign.exit()).as(sign.err()).isZero();
            // rpi-eeprom-digest's .sig of the same config, key and time, written in by rpi-eeprom-config
            assertThat(Hashes.sha256(Files.readAllBytes(out))).as(jdk.toString())
                    .isEqualTo(expectedSha256("signed-nb2711-2711-2026-08-04"));
        }
    }

    @Test
    void theStartUpArchiveItMakesIsMappedByLaterRuns() throws Exception {
        for (Path jdk : jdks()) {
            Run make = eeprom(jdk, Map.of(), "--make-startup-archive");
            assertThat(make.exit()).as(make.err()).isZero();
            assertThat(make.out()).contains("eeprom: made " + home.resolve("lib/startup"));
            // the JVM names the archives it maps (JDK 17: "Dynamic archive name: ...", the AOT cache: "Static
            // archive name: ...") and exits; one it declines is not named
            Run mapped = eeprom(jdk, Map.of("JAVA_TOOL_OPTIONS", "-XX:+PrintSharedArchiveAndExit"), "extract",
                    home.resolve("firmware-samples/synthetic-2711-notbootable.bin").toString());
            assertThat(mapped.exit()).as(mapped.err()).isZero();
            assertThat(mapped.out()).contains("archive name: " + home.resolve("lib/startup/eeprom."));
            Run run = eeprom(jdk, Map.of(), "extract",
                    home.resolve("firmware-samples/synthetic-2711-notbootable.bin").toString());
            assertThat(run.out()).startsWith("[all]\nBOOT_UART=0\n");   // the sample's config
        }
    }

    @Test
    void theLibraryJarIsNoCommandTheJavaLauncherCouldHalfRun() throws Exception {
        Path library = built("pieeprom-[0-9.]+\\.jar", "pieeprom-VERSION.jar");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Run run = run(List.of(java, "-jar", library.toString(), "--version"), Map.of());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no main manifest attribute");   // not a NoClassDefFoundError halfway
    }

    @Test
    void withoutAUsableJavaItSaysSoInOneLine() throws Exception {
        Run badHome = run(List.of(home.resolve("bin/eeprom").toString(), "--version"),
                Map.of("JAVA_HOME", tmp.resolve("no-jdk").toString()));
        assertThat(badHome.exit()).isEqualTo(1);
        assertThat(badHome.err()).isEqualTo("eeprom: JAVA_HOME is " + tmp.resolve("no-jdk")
                + ", which has no bin/java: set it to a Java 17 or later, or unset it\n");
        Run none = run(List.of(home.resolve("bin/eeprom").toString(), "--version"), Map.of());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("eeprom: no Java found: install Java 17 or later (Debian: apt-get install "
                + "default-jre-headless), or set JAVA_HOME\n");
    }
}
