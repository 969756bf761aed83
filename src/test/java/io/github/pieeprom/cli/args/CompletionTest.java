package io.github.pieeprom.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script is run by a real bash, as the shell runs it when the user presses tab. */
class CompletionTest {
    @TempDir Path dir;

    private List<String> complete(String... words) throws IOException, InterruptedException {
        Path script = dir.resolve("tool.bash");
        Files.writeString(script, Completion.bash(new Sample().root));
        Files.writeString(dir.resolve("input.bin"), "");
        Files.writeString(dir.resolve("my image.bin"), "");
        StringBuilder array = new StringBuilder();
        for (String w : words) array.append(" '").append(w).append("'");
        String shell = "source " + script + "; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; _tool; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", shell).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().filter(l -> !l.isEmpty()).sorted().toList();
    }

    @Test
    void completesSubcommandsAtEachLevel() throws Exception {
        assertThat(complete("tool", "")).contains("copy", "net");
        assertThat(complete("tool", "net", "s")).containsExactly("serve");
    }

    @Test
    void completesTheOptionsOfTheCommandBeingTyped() throws Exception {
        assertThat(complete("tool", "copy", "--o")).containsExactly("--only", "--out");
        assertThat(complete("tool", "net", "serve", "--s")).containsExactly("--serial");
    }

    @Test
    void completesTheWordsALabelListsAndFileNamesElsewhere() throws Exception {
        assertThat(complete("tool", "copy", "--soc", "")).containsExactly("2711", "2712");
        assertThat(complete("tool", "copy", "-o", "inp")).containsExactly("input.bin");
        assertThat(complete("tool", "copy", "inp")).containsExactly("input.bin");
        assertThat(complete("tool", "copy", "my")).containsExactly("my image.bin");
    }
}
