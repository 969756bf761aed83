package io.github.pieeprom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/** The rows of {@code vectors.tsv}: expected results computed with the reference {@code rpi-eeprom-config}. */
public final class Vectors {
    public record Row(String id, List<String> args, String image, boolean succeeds, String sha256, String note) {
        public boolean writesOut() {
            return args.contains("{OUT}");
        }
    }

    private Vectors() {
    }

    public static List<Row> rows() {
        try {
            List<String> lines = Files.readAllLines(Conformance.file("vectors.tsv"));
            assertThat(lines.get(0)).startsWith("id\targs\timage\texpect_exit\texpect_sha256");
            List<Row> rows = lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
                String[] f = l.split("\t", -1);
                return new Row(f[0], Arrays.asList(f[1].split(" ")), f[2], f[3].equals("0"), f[4], f[5]);
            }).toList();
            assertThat(rows).hasSizeGreaterThan(400);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
