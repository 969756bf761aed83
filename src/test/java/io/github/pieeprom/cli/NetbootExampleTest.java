package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.testing.BootPartition;
import io.github.pieeprom.testing.Conformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs examples/netboot/commands.sh line by line in-process, against firmware-samples/ and a stand-in boot folder. */
class NetbootExampleTest {
    private static final Path EXAMPLE = Path.of("examples", "netboot");
    private static final Pattern DEFAULT = Pattern.compile("(\\w+)=\\$\\{\\1:-(.*)}");
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");
    @TempDir Path tmp;

    @Test
    void theWorkedExampleRunsAndEveryBoardCanBoot() throws IOException {
        Map<String, String> vars = new HashMap<>(Map.of("BOOT", BootPartition.create(tmp.resolve("boot")).toString(),
                "OUT", tmp.resolve("out").toString(),
                "RECOVERY", Conformance.file("firmware/2711-recovery.bin").toString()));
        Files.createDirectories(tmp.resolve("out"));
        int commands = 0;
        for (String line : Files.readAllLines(EXAMPLE.resolve("commands.sh"))) {
            Matcher d = DEFAULT.matcher(line);
            if (d.matches()) vars.putIfAbsent(d.group(1), d.group(2));
            if (!line.startsWith("$EEPROM ")) continue;
            String[] args = substitute(line.substring("$EEPROM ".length()), vars).split(" +");
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(line + "\n" + r.out() + r.stderr()).isZero();
            commands++;
        }
        assertThat(commands).isEqualTo(4);
        Path out = tmp.resolve("out");
        assertThat(ImageFiles.read(out.resolve("netboot.bin")).bootConfig()).asString().contains("BOOT_ORDER=0xf21\n");
        assertThat(out.resolve("recovery.zip")).isNotEmptyFile();
        for (String serial : List.of("1234abcd", "5678ef01", "9abc0123")) {
            assertThat(Cli.run("tftp", "check", "--root", out.resolve("tftp").toString(), "--serial", serial).exit()).isZero();
            assertThat(out.resolve("tftp").resolve(serial).resolve("pieeprom.upd")).isNotEmptyFile();
        }
        assertThat(Files.readString(out.resolve("tftp/5678ef01/cmdline.txt"))).isEqualTo("console=serial0,115200 "
                + "console=tty1 root=/dev/nfs nfsroot=10.0.0.1:/srv/nfs/rack1-node2,vers=4 rw ip=dhcp rootwait\n");
    }

    private static String substitute(String text, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(vars.get(m.group(1))));
        return m.appendTail(out).toString();
    }
}
