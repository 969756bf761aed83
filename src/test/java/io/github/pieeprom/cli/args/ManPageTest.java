package io.github.pieeprom.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages are rendered by the system's groff, as {@code man} renders them. */
class ManPageTest {
    @TempDir Path dir;

    private String render(Tree entry) throws Exception {
        Path page = dir.resolve(entry.path().replace(' ', '-') + ".1");
        Files.writeString(page, ManPage.of(entry, "tool 1.0", LocalDate.of(2026, 11, 25)));
        Process p = new ProcessBuilder("groff", "-man", "-Tutf8", "-P-c", "-rLL=100n", page.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return text.replaceAll(".\b", "").replace('\u2010', '-').replace('\u2212', '-');
    }

    @Test
    void aLeafPageHasNameSynopsisDescriptionOptionsAndExamples() throws Exception {
        String text = render(Tree.of(new Sample().root).get(1));
        assertThat(text).contains("tool-copy - Copy a file.", "SYNOPSIS", "tool copy [-hV] -o=FILE",
                "A second paragraph", "-o, --out=FILE", "Where to write.", "EXAMPLES", "tool copy a -o b",
                "2026-11-25", "tool 1.0");
    }

    @Test
    void aGroupPageListsItsSubcommandsAndTheirPages() throws Exception {
        Tree net = Tree.of(new Sample().root).stream().filter(t -> t.path().equals("tool net")).findFirst().orElseThrow();
        assertThat(render(net)).contains("COMMANDS", "serve", "Serve files.", "tool-net-serve(1)");
    }
}
