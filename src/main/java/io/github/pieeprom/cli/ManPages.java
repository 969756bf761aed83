package io.github.pieeprom.cli;

import io.github.pieeprom.cli.args.ManPage;
import io.github.pieeprom.cli.args.Tree;
import io.github.pieeprom.image.BuildInfo;
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

    /** The pages' date: {@code SOURCE_DATE_EPOCH}'s, as reproducible builds set it, else today (UTC). */
    static LocalDate date(String sourceDateEpoch) {
        return sourceDateEpoch == null || sourceDateEpoch.isBlank() ? LocalDate.now(ZoneOffset.UTC)
                : BuildInfo.dateOf(Long.parseLong(sourceDateEpoch.strip()));
    }

    /** {@code args[0]}: the folder to write into. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        String version = EepromCli.version().lines().findFirst().orElseThrow();
        for (Tree entry : Tree.of(new EepromCli())) {
            String page = ManPage.of(entry, version, date(System.getenv("SOURCE_DATE_EPOCH")));
            ImageFiles.write(dir.resolve(entry.path().replace(' ', '-') + ".1"), page.getBytes(StandardCharsets.UTF_8));
        }
    }
}
