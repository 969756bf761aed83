package io.github.pieeprom.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real peer programs interop tests run: a test skips without one, except in CI ({@code CI=true}), where it fails. */
public final class Tools {
    private Tools() {
    }

    /** The program's path: {@code name} as given when it holds a {@code /}, else found on {@code PATH}. */
    public static Path require(String name) {
        Path found = null;
        if (name.contains("/")) found = Files.isExecutable(Path.of(name)) ? Path.of(name) : null;
        else for (String dir : System.getenv("PATH").split(":"))
            if (found == null && Files.isExecutable(Path.of(dir, name))) found = Path.of(dir, name);
        if (found == null && "true".equals(System.getenv("CI"))) fail(name + " is not installed (.ci/run installs it)");
        assumeTrue(found != null, name + " is not installed");
        return found;
    }
}
