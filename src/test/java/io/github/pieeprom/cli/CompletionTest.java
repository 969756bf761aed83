package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion script as bash runs it: the script {@code eeprom completion bash} prints is sourced in a real bash,
 * and its completion function is called as bash calls it on TAB (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT).
 * {@code compopt} only works while bash itself is completing, so it is a no-op here.
 */
class CompletionTest {
    @TempDir Path tmp;

    @Test
    void formatsCompleteToTheirValues() throws Exception {
        assertThat(complete("eeprom validate --format ")).containsExactly("text", "json", "github");
    }

    @Test
    void setCompletesPropertyNamesWithTheirEqualsSign() throws Exception {
        assertThat(complete("eeprom apply x.bin --set BOOT_O")).containsExactly("BOOT_ORDER=");
        assertThat(complete("eeprom edit boot.conf --unset NET_BOOT_MAX")).containsExactly("NET_BOOT_MAX_RETRIES");
    }

    @Test
    void optionsWithAFixedSetCompleteThatSet() throws Exception {
        assertThat(complete("eeprom explain boot.conf --board ")).contains("pi4", "cm4", "pi5", "cm5");
        assertThat(complete("eeprom status x --channel ")).contains("default", "latest");
        assertThat(complete("eeprom migrate --only ")).contains("config", "sig", "pubkey", "cacert");
        assertThat(complete("eeprom digest x --soc ")).containsExactly("2711", "2712");
        assertThat(complete("eeprom tftp stage --link ")).containsExactly("hard", "symlink", "copy");
        assertThat(complete("eeprom completion ")).containsExactly("bash", "zsh");
    }

    @Test
    void commandsAndSubcommandsComplete() throws Exception {
        assertThat(complete("eeprom ext")).containsExactly("extract");
        assertThat(complete("eeprom tftp s")).containsExactly("serve", "stage");
        assertThat(complete("eeprom info --")).contains("--json", "--check", "--help");
    }

    @Test
    void fileOptionsCompleteFileNames() throws Exception {
        Files.writeString(tmp.resolve("boot.conf"), "[all]\n");
        assertThat(complete("eeprom apply x.bin --config " + tmp + "/bo")).containsExactly(tmp + "/boot.conf");
    }

    private List<String> complete(String line) throws IOException, InterruptedException {
        Path script = tmp.resolve("eeprom.bash");
        Files.writeString(script, Cli.run("completion", "bash").out());
        Path driver = Files.writeString(tmp.resolve("driver.bash"), """
                source "$1"
                compopt() { :; }
                COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
                read -ra COMP_WORDS <<< "$COMP_LINE"
                [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                COMPREPLY=()
                _complete_eeprom eeprom "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """);
        Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", driver.toString(), script.toString(), line)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).isZero();
        return out.lines().filter(s -> !s.isEmpty()).toList();
    }
}
