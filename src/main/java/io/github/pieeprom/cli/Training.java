package io.github.pieeprom.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training runs of the launcher's two start-up archives (docs/performance.md). {@code quick}: the commands most
 * runs are, in one JVM, on the synthetic sample images, so that the archive holds the classes each of them loads
 * and nothing more (on JDK 25 every class in the archive is loaded when the JVM starts: a run pays for each).
 * {@code fleet}: the same, then a batch of {@value #BATCH_DEVICES} devices, so that on JDK 25 it also holds the
 * method profiles a batch's JIT starts from. It only reads the samples; what it writes goes to a temp folder, deleted
 * at the end.
 */
public final class Training {
    static final int BATCH_DEVICES = 300;

    private Training() {
    }

    /** {@code args[0]}: the {@code firmware-samples} folder; {@code args[1]}: {@code quick} or {@code fleet}. */
    public static void main(String[] args) throws IOException {
        String pi4 = Path.of(args[0], "synthetic-2711-notbootable.bin").toString();
        String pi5 = Path.of(args[0], "synthetic-2712-ab-notbootable.bin").toString();
        Path tmp = Files.createTempDirectory("eeprom-training");
        try {
            Console quiet = new Console(OutputStream.nullOutputStream(),
                    new PrintWriter(OutputStream.nullOutputStream()), new PrintWriter(OutputStream.nullOutputStream()));
            String conf = tmp.resolve("boot.conf").toString();
            String out = tmp.resolve("out.bin").toString();
            // a config with a warning, an error and a did-you-mean, so that the findings' code is archived too
            String bad = Files.writeString(tmp.resolve("bad.conf"), "[all]\nBOOT_UART=1\nBOOT_UART=0\n"
                    + "BOOT_ORDER=0xf2x\nNET_BOOT_MAX_RETRY=5\n").toString();
            String[][] runs = {{"info", pi5}, {"info", pi4, "--json"}, {"extract", pi4}, {"extract", pi5, "-o", conf},
                    {"validate", conf}, {"validate", bad}, {"validate", "--format", "json", bad}, {"config", pi4},
                    {"config", "--config", conf, "--out", out, pi5}, {"apply", pi4, "--set", "BOOT_ORDER=0xf21", "-o", out},
                    {"digest", out, "--ts", "1700000000", "-o", conf + ".sig"}, {"explain", conf}, {"diff", conf, bad},
                    {"extract", "--help"}, {"extract", "--no-such-option"}, {"info", tmp.resolve("missing.bin").toString()}};
            for (String[] run : runs) EepromCli.run(quiet, run);
            if (!"fleet".equals(args[1])) return;
            EepromCli.run(quiet, batch(tmp, pi4, pi5, BATCH_DEVICES, "fleet"));
            EepromCli.run(quiet, batch(tmp, pi4, pi5, 10, "fleet.tar.gz"));
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** A batch as fleets use it: a template with a static address and a folder per device, every config distinct. */
    private static String[] batch(Path tmp, String pi4, String pi5, int devices, String out) throws IOException {
        Path template = tmp.resolve("node.conf");
        Files.writeString(template, "[all]\nBOOT_ORDER=0xf21\nCLIENT_IP=${ip}\nTFTP_PREFIX=1\nTFTP_PREFIX_STR=${name}/\n");
        StringBuilder csv = new StringBuilder("name,soc,template,ip\n");
        for (int i = 0; i < devices; i++) csv.append("node-").append(i).append(i % 16 == 15 ? ",2712," : ",2711,")
                .append(template.getFileName()).append(",10.0.").append(i / 250).append('.').append(i % 250 + 1)
                .append('\n');
        Path manifest = Files.writeString(tmp.resolve(out + ".csv"), csv);
        return new String[] {"batch", manifest.toString(), "--image-2711", pi4, "--image-2712", pi5, "--ts",
                "1700000000", "-o", tmp.resolve(out).toString()};
    }
}
