package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.netboot.profile.History;
import io.github.pieeprom.testing.BootPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the install-then-run workflow of docs/netboot.md ("A rented Pi, from installer to installed") as written:
 * its devices file, its commands in order (the paths under /srv moved to a temporary folder), its output.
 */
class ProfileWorkflowTest {
    private static final Path DOC = Path.of("docs", "netboot.md");
    private static final String INSTALLER = "console=serial0,115200 root=/dev/ram0 hostname=node2 "
            + "install=http://10.0.0.1/images/ubuntu-24.04.img";
    private static final String INSTALLED = "console=serial0,115200 root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/node2,"
            + "vers=4 rw ip=dhcp rootwait";
    @TempDir Path tmp;

    @Test
    void theDocumentedWorkflowRunsAndEachBoardBootsWhatItWasLastSetTo() throws IOException {
        String doc = Files.readString(DOC);
        String section = doc.substring(doc.indexOf("### A rented Pi, from installer to installed"));
        Files.writeString(tmp.resolve("devices.csv"), block(section, "csv"));
        for (String profile : List.of("installer", "installed", "rescue")) {
            Path boot = BootPartition.create(tmp.resolve("boot").resolve(profile));
            Files.writeString(boot.resolve("kernel8.img"), "kernel of " + profile + "\n");
        }
        Path root = tmp.resolve("tftp");
        List<String> commands = block(section, "sh").lines().filter(l -> l.startsWith("eeprom ")).toList();
        assertThat(commands).hasSize(10);
        String last = "";
        for (String command : commands) {
            Cli.Result r = Cli.run(words(command.substring("eeprom ".length())
                    .replace("/srv/tftp", root.toString()).replace("/srv/boot/", tmp.resolve("boot") + "/")
                    .replace("/srv/devices.csv", tmp.resolve("devices.csv").toString())).toArray(new String[0]));
            assertThat(r.exit()).as(command + "\n" + r.out() + r.stderr()).isZero();
            if (command.startsWith("eeprom tftp check"))                      // node2 on the installer
                assertThat(Files.readString(root.resolve("5678ef01/cmdline.txt"))).isEqualTo(INSTALLER + "\n");
            last = r.out();
        }
        assertThat(last).isEqualTo(block(section, "text"));
        assertThat(Files.readString(root.resolve("5678ef01/cmdline.txt"))).isEqualTo(INSTALLED + "\n");
        assertThat(Files.readString(root.resolve("5678ef01/kernel8.img"))).isEqualTo("kernel of installed\n");
        assertThat(section).contains("`" + INSTALLER + "`", "`" + INSTALLED + "`");
        assertThat(History.read(root)).filteredOn(e -> e.name().equals("node2")).extracting(History.Entry::to)
                .containsExactly("installed", "installer", "installed", "rescue", "installed");
        assertThat(History.read(root)).filteredOn(e -> e.name().equals("node1")).hasSize(1);
    }

    /** The first fenced block of that language. */
    private static String block(String text, String language) {
        int start = text.indexOf("```" + language + "\n") + language.length() + 4;
        return text.substring(start, text.indexOf("```", start));
    }

    /** A command line's words as sh splits them: blanks separate words, '...' quotes. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                if (word == null) word = new StringBuilder();
            } else if (c == ' ' && !quoted) {
                if (word != null) words.add(word.toString());
                word = null;
            } else {
                if (word == null) word = new StringBuilder();
                word.append(c);
            }
        }
        if (word != null) words.add(word.toString());
        return words;
    }
}
