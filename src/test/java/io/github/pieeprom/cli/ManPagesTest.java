package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The man pages as man(1) shows them: rendered by groff, whose warnings count as failures. */
class ManPagesTest {
    @TempDir Path dir;

    @Test
    void writesAPagePerCommandThatGroffRendersWithEverySection() throws Exception {
        ManPages.main(new String[] {dir.toString()});
        List<String> paths = CommandPaths.all();
        assertThat(paths).hasSize(32).contains("eeprom tftp serve", "eeprom key convert", "eeprom boot set",
                "eeprom boot serve");
        for (String path : paths) {
            Path page = dir.resolve(path.replace(' ', '-') + ".1");
            Rendered r = groff(page);
            assertThat(r.warnings()).as(path).isEmpty();
            assertThat(r.text()).as(path).contains("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS",
                    "ENVIRONMENT", "JAVA_HOME", "SEE ALSO", "rpi-eeprom-config(1)");
            if (!path.equals("eeprom tftp") && !path.equals("eeprom key") && !path.equals("eeprom"))
                assertThat(r.text()).as(path).contains("EXAMPLES", path);
        }
    }

    @Test
    void namesTheVariablesACommandReadsAndItsOwnExitCodes() throws Exception {
        Map<String, String> pages = ManPages.pages(LocalDate.of(2026, 1, 1));
        Files.writeString(dir.resolve("digest.1"), pages.get("eeprom-digest.1"));
        Files.writeString(dir.resolve("validate.1"), pages.get("eeprom-validate.1"));
        String digest = groff(dir.resolve("digest.1")).text();
        assertThat(section(digest, "ENVIRONMENT")).contains("SOURCE_DATE_EPOCH", "EEPROM_KEY_PASSPHRASE");
        assertThat(section(groff(dir.resolve("validate.1")).text(), "EXIT STATUS"))
                .contains("No error (and no warning with --strict)");
        assertThat(pages.get("eeprom-digest.1")).startsWith(".TH \"EEPROM-DIGEST\" 1 \"2026-01-01\"");
    }

    @Test
    void listsTheOptionsAndExitCodesOfTheOsEdges() throws Exception {
        Map<String, String> pages = ManPages.pages(LocalDate.of(2026, 1, 1));
        String[] names = {"eeprom-status.1", "eeprom-diff.1", "eeprom-tftp-check.1", "eeprom-tftp-stage.1",
                "eeprom-info.1"};
        Map<String, String> text = new java.util.HashMap<>();
        for (String name : names) {
            Files.writeString(dir.resolve(name), pages.get(name));
            text.put(name, groff(dir.resolve(name)).text());
        }
        assertThat(section(text.get("eeprom-status.1"), "EXIT STATUS"))
                .contains("3", "An image is behind: a newer release exists.");
        assertThat(section(text.get("eeprom-diff.1"), "EXIT STATUS")).contains("They differ.", "Trouble:");
        assertThat(section(text.get("eeprom-tftp-check.1"), "OPTIONS")).contains("--mac=MAC", "--prefix-str",
                "The board's MAC address");
        assertThat(section(text.get("eeprom-tftp-stage.1"), "OPTIONS")).contains("--nfs-root=SERVER:/PATH");
        assertThat(section(text.get("eeprom-info.1"), "OPTIONS")).contains("--debug", "stack trace");
        assertThat(section(text.get("eeprom-info.1"), "ENVIRONMENT")).contains("EEPROM_DEBUG");
    }

    @Test
    void datesThePagesBySourceDateEpochWhenABuildSetsIt() {
        assertThat(ManPages.date("1767225600")).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(ManPages.date(null)).isNotNull();
    }

    @Test
    void aBuildDatesThePagesByItsOutputTimestampInEitherOfMavensForms() {
        assertThat(ManPages.buildDate("2026-12-07T23:59:59Z")).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(ManPages.buildDate("2026-12-07T01:00:00+02:00")).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(ManPages.buildDate("1767225600")).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    private record Rendered(String text, String warnings) {
    }

    private static Rendered groff(Path page) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("groff", "-man", "-Tascii", "-ww", "-P", "-cbou", page.toString())
                .redirectError(page.resolveSibling(page.getFileName() + ".err").toFile()).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new Rendered(text.replaceAll("-\n\\s+", "-"), Files.readString(page.resolveSibling(page.getFileName() + ".err")));
    }

    /** The text of a section of a rendered page, up to the next heading. */
    private static String section(String text, String heading) {
        int start = text.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = start + heading.length() + 2;
        while (end < text.length() && !(text.charAt(end) != ' ' && text.charAt(end) != '\n' && text.charAt(end - 1) == '\n'))
            end++;
        return text.substring(start, end);
    }
}
