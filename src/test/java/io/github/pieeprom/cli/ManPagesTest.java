package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.cli.args.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManPagesTest {
    @TempDir Path dir;

    @Test
    void writesAPagePerCommandOfTheTree() throws IOException {
        ManPages.main(new String[] {dir.toString()});
        for (Tree entry : Tree.of(new EepromCli()))
            assertThat(dir.resolve(entry.path().replace(' ', '-') + ".1")).content()
                    .startsWith(".TH \"" + entry.path().replace(' ', '-').toUpperCase() + "\" 1 ");
    }

    @Test
    void datesThePagesBySourceDateEpochWhenABuildSetsIt() {
        assertThat(ManPages.date("1767225600")).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(ManPages.date(null)).isNotNull();
    }
}
