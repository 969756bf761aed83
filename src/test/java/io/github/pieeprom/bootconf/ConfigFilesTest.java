package io.github.pieeprom.bootconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which files {@code validate DIR} and the pre-commit hook check. */
class ConfigFilesTest {
    @Test
    void bootloaderConfigsAreCheckedAndTheFilesBesideThemInATftpRootOrFleetRepositoryAreNot() {
        for (String config : List.of("boot.conf", "bootconf.txt", "configs/rack1.conf", "configs/rack2.txt",
                "pieeprom.txt"))
            assertThat(ConfigFiles.isBootloaderConfig(config)).as(config).isTrue();
        for (String other : List.of("config.txt", "cmdline.txt", "README.txt", "tftp/1234abcd/config.txt",
                "tftp/1234abcd/cmdline.txt", "boot/autoboot.txt", "tryboot.txt", "issue.txt", "LICENSE.txt",
                "Readme.txt", "notes.md", "start4.elf", "bootconf.txt.orig"))
            assertThat(ConfigFiles.isBootloaderConfig(other)).as(other).isFalse();
    }

    @Test
    void thePreCommitHookChoosesFilesByTheSameExpressions() throws IOException {
        List<String> hook = Files.readAllLines(Path.of(".pre-commit-hooks.yaml")).stream().map(String::strip).toList();
        assertThat(hook).contains("files: " + ConfigFiles.FILES, "exclude: " + ConfigFiles.EXCLUDE);
    }
}
