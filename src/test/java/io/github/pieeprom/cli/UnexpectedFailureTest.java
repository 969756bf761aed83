package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.EepromException;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ends a run: bad input is one line, exit 1; a bug (an unchecked exception that is not ours) or the JVM out of
 * memory is one line naming the command and its input, with the stack trace only under --debug or EEPROM_DEBUG.
 * The bug and the OutOfMemoryError are synthetic, handed to the handler directly: a real bug would be fixed, and
 * a real OutOfMemoryError is provoked in EnvironmentIT.
 */
class UnexpectedFailureTest {
    @TempDir Path tmp;

    private record Printed(int exit, String err) {
    }

    private static Printed handle(Throwable e, int badInput, boolean debug) {
        StringWriter err = new StringWriter();
        Console console = new Console(new ByteArrayOutputStream(), new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        int exit = EepromCli.failure(e, "eeprom info", List.of("pieeprom.bin"), badInput, debug, console);
        return new Printed(exit, err.toString());
    }

    @Test
    void aBugIsOneLineNamingTheCommandAndItsInput() {
        Printed p = handle(new NullPointerException("Cannot invoke \"String.length()\"\nsecond line"), 1, false);
        assertThat(p.exit()).isEqualTo(1);
        assertThat(p.err()).isEqualTo("eeprom: error: eeprom info pieeprom.bin: unexpected NullPointerException: "
                + "Cannot invoke \"String.length()\"; this is a bug (--debug or EEPROM_DEBUG=1 shows the stack trace)\n");
    }

    @Test
    void outOfMemoryIsOneLine() {
        Printed p = handle(new OutOfMemoryError("Java heap space"), 1, false);
        assertThat(p.exit()).isEqualTo(1);
        assertThat(p.err()).isEqualTo("eeprom: error: eeprom info pieeprom.bin: out of memory (Java heap space); "
                + "java -Xmx sets the limit (--debug or EEPROM_DEBUG=1 shows the stack trace)\n");
    }

    @Test
    void debugAddsTheStackTraceAfterTheLine() {
        Printed p = handle(new IllegalStateException("boom"), 2, true);
        assertThat(p.exit()).as("diff's trouble code").isEqualTo(2);
        assertThat(p.err()).startsWith("eeprom: error: eeprom info pieeprom.bin: unexpected IllegalStateException: "
                + "boom; this is a bug\njava.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void usageAndBadInputKeepTheirCodesAndMessage() {
        assertThat(handle(new UsageException("give one"), 1, false)).isEqualTo(new Printed(2, "eeprom: error: give one\n"));
        assertThat(handle(EepromException.in("x.bin", "bad"), 1, false))
                .isEqualTo(new Printed(1, "eeprom: error: x.bin: bad\n"));
    }

    @Test
    void debugIsTheOptionBeforeAnyDoubleDashOrTheVariable() {
        assertThat(EepromCli.debug(List.of("info", "--debug", "x.bin"), null)).isTrue();
        assertThat(EepromCli.debug(List.of("--debug", "info", "x.bin"), null)).isTrue();
        assertThat(EepromCli.debug(List.of("info", "--", "--debug"), null)).as("a file named --debug").isFalse();
        assertThat(EepromCli.debug(List.of("info", "x.bin"), "1")).isTrue();
        assertThat(EepromCli.debug(List.of("info", "x.bin"), "0")).isFalse();
        assertThat(EepromCli.debug(List.of("info", "x.bin"), "")).isFalse();
    }

    @Test
    void debugOnBadInputPrintsTheLineThenTheTrace() {
        Path missing = tmp.resolve("missing.bin");
        Cli.Result plain = Cli.run("info", missing.toString());
        assertThat(plain.exit()).isEqualTo(1);
        assertThat(plain.stderr()).isEqualTo("eeprom: error: " + missing + ": no such file or folder\n");
        Cli.Result debug = Cli.run("--debug", "info", missing.toString());
        assertThat(debug.exit()).isEqualTo(1);
        assertThat(debug.stderr()).startsWith("eeprom: error: " + missing + ": no such file or folder\n"
                + "java.nio.file.NoSuchFileException: " + missing + "\n\tat ");
        assertThat(Cli.run("info", "--debug", missing.toString()).stderr()).contains("\tat ");
    }

    @Test
    void everyCommandsHelpListsDebug() {
        for (String command : EepromCli.NAMES) {
            if (command.equals("key") || command.equals("tftp")) continue;           // groups: their commands do
            assertThat(Cli.run(command, "--help").out()).as(command).contains("--debug");
        }
        assertThat(Cli.run("tftp", "check", "--help").out()).contains("--debug", "--mac=MAC", "--prefix-str=STR");
        assertThat(Cli.run("tftp", "stage", "--help").out()).contains("--nfs-root=SERVER:/PATH");
    }
}
