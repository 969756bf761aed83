package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.testing.Conformance;
import io.github.pieeprom.testing.Openssl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run as a user runs it, in an environment of the test's choosing: {@code SOURCE_DATE_EPOCH}
 * through picocli's {@code ${env:...}} default, {@code EEPROM_KEY_PASSPHRASE}, {@code EEPROM_DEBUG} with a small
 * heap, and the passphrase asked for with echo off on a terminal ({@code script}, util-linux) when neither a file
 * nor the variable gives it.
 */
class EnvironmentIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run eeprom(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return eeprom(List.of(), env, args);
    }

    private Run eeprom(List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", ROOT.resolve("target/eeprom.jar").toString(), EepromCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(tmp.resolve("err").toFile());
        builder.environment().remove("SOURCE_DATE_EPOCH");
        builder.environment().remove("EEPROM_KEY_PASSPHRASE");
        builder.environment().remove(EepromCli.DEBUG_VARIABLE);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(tmp.resolve("err")));
    }

    /**
     * A real OutOfMemoryError: a 6 MiB heap starts the JVM and parses the command line but cannot check a Pi 5
     * image's sections. One line naming the command and the image, exit 1; EEPROM_DEBUG=1 adds the trace.
     */
    @Test
    void outOfMemoryIsOneLineAndEepromDebugShowsTheTrace() throws Exception {
        String image = Conformance.file("firmware/2712-pieeprom-2026-08-12.bin").toString();
        List<String> smallHeap = List.of("-Xmx6m", "-XX:TieredStopAtLevel=1");
        Run r = eeprom(smallHeap, Map.of(), "info", "--check", image);
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("eeprom: error: eeprom info " + image + ": out of memory (Java heap space); "
                + "java -Xmx sets the limit (--debug or EEPROM_DEBUG=1 shows the stack trace)\n");
        assertThat(r.out()).isEmpty();
        Run debug = eeprom(smallHeap, Map.of(EepromCli.DEBUG_VARIABLE, "1"), "info", "--check", image);
        assertThat(debug.exit()).isEqualTo(1);
        assertThat(debug.err()).startsWith("eeprom: error: eeprom info " + image + ": out of memory (Java heap space); "
                + "java -Xmx sets the limit\njava.lang.OutOfMemoryError: Java heap space\n\tat ");
    }

    @Test
    void sourceDateEpochIsTheDefaultOfTs() throws Exception {
        Path file = Files.writeString(tmp.resolve("boot.conf"), "[all]\nBOOT_ORDER=0xf21\n");
        assertThat(eeprom(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "digest", file.toString()).out())
                .contains("ts: 1700000000\n");
        assertThat(eeprom(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "digest", file.toString(), "--ts", "42").out())
                .contains("ts: 42\n");
        Run bad = eeprom(Map.of("SOURCE_DATE_EPOCH", "yesterday"), "digest", file.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("eeprom: error: SOURCE_DATE_EPOCH: expected a decimal number of seconds "
                + "since 1970, found \"yesterday\"\n");
    }

    @Test
    void anEncryptedKeysPassphraseComesFromTheEnvironmentOrIsAskedForWithEchoOff() throws Exception {
        Path key = tmp.resolve("enc.pem");
        Files.write(tmp.resolve("private.pem"), Conformance.read("test/private.pem"));
        Openssl.run(tmp, "pkey", "-in", "private.pem", "-aes256", "-passout", "pass:s3cret-words", "-out", "enc.pem");
        Path file = Files.writeString(tmp.resolve("boot.conf"), "[all]\nBOOT_ORDER=0xf21\n");
        Run plain = eeprom(Map.of(), "digest", file.toString(), "--ts", "1", "-k", tmp.resolve("private.pem").toString());

        Run fromEnv = eeprom(Map.of("EEPROM_KEY_PASSPHRASE", "s3cret-words"), "digest", file.toString(), "--ts", "1",
                "-k", key.toString());
        assertThat(fromEnv.exit()).as(fromEnv.err()).isZero();
        assertThat(fromEnv.out()).isEqualTo(plain.out()).contains("rsa2048: ");

        Run none = eeprom(Map.of(), "digest", file.toString(), "--ts", "1", "-k", key.toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("the private key is encrypted");

        String shown = inTerminal("s3cret-words\n", "'" + JAVA + "' -cp '" + ROOT.resolve("target/eeprom.jar") + "' "
                + EepromCli.class.getName() + " digest '" + file + "' --ts 1 -k '" + key + "' -o '" + tmp.resolve("t.sig")
                + "'");
        assertThat(shown).contains("Passphrase for " + key + ": ").doesNotContain("s3cret-words");
        assertThat(Files.readString(tmp.resolve("t.sig"))).isEqualTo(plain.out());
    }

    /** Runs {@code shell} under {@code script}; types {@code input} once the prompt is up; returns what it showed. */
    private static String inTerminal(String input, String shell) throws Exception {
        Process p = new ProcessBuilder("script", "-qec", shell, "/dev/null").redirectErrorStream(true).start();
        StringBuilder shown = new StringBuilder();
        var screen = p.getInputStream();
        while (!shown.toString().contains("Passphrase for ")) {   // typed before the prompt, it would be echoed
            int c = screen.read();
            assertThat(c).as(shown.toString()).isNotNegative();
            shown.append((char) c);
        }
        Thread.sleep(200);                                      // the rest of the prompt line, echo turned off
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        shown.append(new String(screen.readAllBytes(), StandardCharsets.UTF_8));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(shown.toString()).isZero();
        return shown.toString();
    }
}
