package io.github.pieeprom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real {@code openssl} (installed by {@code .ci/run}) in a test's temporary folder. */
public final class Openssl {
    private Openssl() {
    }

    /** Runs {@code openssl ARGS} in {@code dir}, asserts it succeeded and returns its standard output. */
    public static String run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as("%s\n%s", command, output).isZero();
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run openssl (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
