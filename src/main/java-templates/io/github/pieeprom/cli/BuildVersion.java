package io.github.pieeprom.cli;

/**
 * The version and commit this build was made from, written in by the build (templating-maven-plugin filters this
 * file): constants cost a run nothing, where the jar's manifest cost {@code --version} 13 ms.
 */
final class BuildVersion {
    static final String VERSION = "${project.version}";
    static final String COMMIT = "${buildNumber}";

    private BuildVersion() {
    }
}
