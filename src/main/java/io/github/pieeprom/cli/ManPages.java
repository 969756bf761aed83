package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.ManPage;
import io.github.pieeprom.cli.args.Tree;
import io.github.pieeprom.image.ImageFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Writes a man page per command ({@code eeprom.1}, {@code eeprom-tftp-serve.1}, ...); run by the build. */
public final class ManPages {
    private ManPages() {
    }

    /** {@code args[0]}: the folder to write into. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        String version = EepromCli.version().lines().findFirst().orElseThrow();
        for (Tree entry : Tree.of(new EepromCli())) {
            String page = ManPage.of(entry, version, LocalDate.now(ZoneOffset.UTC));
            ImageFiles.write(dir.resolve(entry.path().replace(' ', '-') + ".1"), page.getBytes(StandardCharsets.UTF_8));
        }
    }
}
