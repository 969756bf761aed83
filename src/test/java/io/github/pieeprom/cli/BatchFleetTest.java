package io.github.pieeprom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pieeprom.Soc;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.signing.SigFile;
import io.github.pieeprom.signing.Verifier;
import io.github.pieeprom.testing.Hashes;
import io.github.pieeprom.testing.SyntheticImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A 1,000-device fleet from 3 templates, written as a folder and as archives: its images checked against
 * {@code eeprom apply}, the archives read back with Commons Compress and with the system's {@code tar} and {@code unzip}.
 */
class BatchFleetTest {
    static final long TS = 1_700_000_000L;
    static final Map<String, String> TEMPLATES = Map.of(
            "rack.conf", "[all]\nBOOT_UART=0\nBOOT_ORDER=0xf21\nTFTP_PREFIX=1\nTFTP_PREFIX_STR=${rack}/\n",
            "static.conf", "[all]\nBOOT_ORDER=0xf21\nCLIENT_IP=${ip}\nSUBNET=255.255.255.0\nTFTP_IP=10.0.0.1\n",
            "templates/pi5.conf", "[all]\nBOOT_ORDER=${order}\nPOWER_OFF_ON_HALT=1\n");
    static final List<String> ORDERS = List.of("0xf461", "0xf41", "0xf146");

    @TempDir static Path dir;
    static Path csv, pi4, pi5, out;
    /** Device name to the config the test expects, built with String.replace (not with Template). */
    static final Map<String, String> expected = new TreeMap<>();
    static final Map<String, Soc> socs = new HashMap<>();
    static Cli.Result result;

    @BeforeAll
    static void writeFleet() throws IOException {
        pi4 = Files.write(dir.resolve("pi4.bin"), SyntheticImage.pi4Sample());
        pi5 = Files.write(dir.resolve("pi5.bin"), SyntheticImage.pi5AbSample());   // AB: bootsys, two partitions
        Files.createDirectories(dir.resolve("templates"));
        for (Map.Entry<String, String> t : TEMPLATES.entrySet()) Files.writeString(dir.resolve(t.getKey()), t.getValue());
        StringBuilder rows = new StringBuilder("name,soc,template,rack,ip,order\n");
        for (int i = 0; i < 1000; i++) {
            String name = "node-%04d".formatted(i), rack = "", ip = "", order = "", template;
            if (i % 3 == 0) rack = "rack" + i % 7;
            if (i % 3 == 1) ip = "10.0.0." + (10 + i % 20);
            if (i % 3 == 2) order = ORDERS.get(i / 3 % ORDERS.size());
            template = List.of("rack.conf", "static.conf", "templates/pi5.conf").get(i % 3);
            Soc soc = i % 3 == 2 ? Soc.BCM2712 : Soc.BCM2711;
            rows.append(String.join(",", name, soc.id(), template, rack, ip, order)).append('\n');
            expected.put(name, TEMPLATES.get(template).replace("${rack}", rack).replace("${ip}", ip)
                    .replace("${order}", order));
            socs.put(name, soc);
        }
        csv = Files.writeString(dir.resolve("devices.csv"), rows);
        out = dir.resolve("fleet");
        result = Cli.run("batch", csv.toString(), "--image-2711", pi4.toString(), "--image-2712", pi5.toString(),
                "--ts", String.valueOf(TS), "-o", out.toString());
    }

    @Test
    void writesOneImagePerDistinctConfigAndSaysSo() throws IOException {
        Set<String> distinct = new HashSet<>();
        expected.forEach((name, config) -> distinct.add(socs.get(name).id() + config));
        assertThat(distinct).hasSize(30);                          // 7 racks + 20 addresses + 3 boot orders
        assertThat(result.exit()).isZero();
        assertThat(result.stderr()).isEqualTo("wrote " + out + ": 1000 devices, 30 images\n");
        try (Stream<Path> images = Files.list(out.resolve("images"))) {
            assertThat(images).hasSize(30);
        }
    }

    @Test
    void eachDeviceFolderLinksToAnImageWithTheExpectedConfig() throws IOException {
        for (Map.Entry<String, String> device : expected.entrySet()) {
            Path bin = out.resolve("devices").resolve(device.getKey()).resolve("pieeprom.bin");
            byte[] bytes = Files.readAllBytes(bin);
            EepromImage image = EepromImage.parse(bin.toString(), bytes);
            assertThat(image.soc()).isEqualTo(socs.get(device.getKey()));
            assertThat(new String(image.bootConfig(), StandardCharsets.UTF_8)).isEqualTo(device.getValue());
            Path stored = out.resolve("images").resolve(Hashes.sha256(bytes)).resolve("pieeprom.bin");
            assertThat(Files.isSameFile(bin, stored)).as(device.getKey()).isTrue();
        }
    }

    @Test
    void everyImageEqualsWhatApplyGivesForItsConfig() throws IOException {
        Map<String, Path> configs = new HashMap<>();
        for (Map.Entry<String, String> device : expected.entrySet()) {
            Soc soc = socs.get(device.getKey());
            if (configs.containsKey(soc.id() + device.getValue())) continue;
            Path config = Files.writeString(dir.resolve("apply-" + configs.size() + ".conf"), device.getValue());
            configs.put(soc.id() + device.getValue(), config);
            Path applied = dir.resolve("apply-" + configs.size() + ".bin");
            Cli.Result apply = Cli.run("apply", (soc == Soc.BCM2711 ? pi4 : pi5).toString(), "--config",
                    config.toString(), "-o", applied.toString());
            assertThat(apply.exit()).as(apply.stderr()).isZero();
            assertThat(Files.readAllBytes(out.resolve("devices").resolve(device.getKey()).resolve("pieeprom.bin")))
                    .as(device.getKey()).isEqualTo(Files.readAllBytes(applied));
        }
        assertThat(configs).hasSize(30);
    }

    @Test
    void everySigVerifiesAndCarriesTheTimestampAndSoc() throws IOException {
        for (String name : expected.keySet()) {
            Path folder = out.resolve("devices").resolve(name);
            byte[] sigBytes = Files.readAllBytes(folder.resolve("pieeprom.sig"));
            SigFile sig = SigFile.parse("pieeprom.sig", sigBytes);
            Verifier.verify("pieeprom.bin", Files.readAllBytes(folder.resolve("pieeprom.bin")), "pieeprom.sig", sig,
                    Optional.empty());
            assertThat(new String(sigBytes, StandardCharsets.US_ASCII))
                    .isEqualTo(sig.sha256() + "\nts: " + TS + "\ntarget-soc: " + socs.get(name).id() + "\n");
        }
    }

    @Test
    void manifestJsonListsEveryDeviceWithItsHashesAndRow() throws IOException {
        String json = Files.readString(out.resolve("manifest.json"));
        Matcher m = Pattern.compile("\\{\"name\": \"(node-\\d{4})\", \"soc\": \"(\\d{4})\", \"config\": \"([0-9a-f]{64})\", "
                + "\"image\": \"([0-9a-f]{64})\", \"path\": \"images/\\4\", \"line\": (\\d+), \"row\": \\{\"name\": \"\\1\", "
                + "\"soc\": \"\\2\", \"template\": \"([a-z0-9/.]+)\", ").matcher(json);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            names.add(name);
            assertThat(m.group(3)).isEqualTo(Hashes.sha256(expected.get(name).getBytes(StandardCharsets.UTF_8)));
            assertThat(m.group(4) + "\n")                        // the .sig's line; everySigVerifies... checks it
                    .isEqualTo(Files.readString(out.resolve("devices").resolve(name).resolve("pieeprom.sig")).substring(0, 65));
            assertThat(Integer.parseInt(m.group(5))).isEqualTo(Integer.parseInt(name.substring(5)) + 2);
        }
        assertThat(names).containsExactlyElementsOf(expected.keySet());
        assertThat(json).startsWith("{\n  \"manifest\": \"" + csv + "\",\n  \"ts\": 1700000000,\n  \"images\": 30,\n")
                .endsWith("}}\n  ],\n  \"skipped\": []\n}\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fleet.tar", "fleet.tar.gz", "fleet.tar.bz2", "fleet.tar.xz", "fleet.zip"})
    void anArchiveHoldsTheStoredImagesAndManifestSortedWithFixedTimesAndIsReproducible(String name)
            throws IOException, InterruptedException {
        Map<String, byte[]> folder = stored(out);
        Path archive = batch(name), again = batch("again-" + name);
        assertThat(Files.readAllBytes(again)).as("a second run").isEqualTo(Files.readAllBytes(archive));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        if (name.endsWith(".zip")) {
            try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                    assertThat(LocalDateTime.ofInstant(Instant.ofEpochMilli(e.getTime()), ZoneId.systemDefault()))
                            .isEqualTo(LocalDateTime.ofEpochSecond(TS, 0, ZoneOffset.UTC));
                    assertThat(e.getUnixMode()).isEqualTo(0100644);
                    try (InputStream in = zip.getInputStream(e)) {
                        entries.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        } else {
            InputStream file = Files.newInputStream(archive);
            try (TarArchiveInputStream tar = new TarArchiveInputStream(name.endsWith(".gz")
                    ? new GzipCompressorInputStream(file) : name.endsWith(".bz2") ? new BZip2CompressorInputStream(file)
                    : name.endsWith(".xz") ? new XZCompressorInputStream(file) : file)) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    assertThat(e.getModTime().getTime()).isEqualTo(TS * 1000);
                    assertThat(List.of(e.getLongUserId(), e.getLongGroupId(), e.getMode())).containsExactly(0L, 0L, 0100644);
                    entries.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        assertThat(List.copyOf(entries.keySet())).isSorted().containsExactlyElementsOf(folder.keySet());
        entries.forEach((entry, bytes) -> assertThat(bytes).as(entry).isEqualTo(folder.get(entry)));

        Path extracted = Files.createDirectories(dir.resolve("extracted-" + name));
        List<String> command = name.endsWith(".zip") ? List.of("unzip", "-q", archive.toString(), "-d", extracted.toString())
                : List.of("tar", "-xf", archive.toString(), "-C", extracted.toString());   // tar tells the compression
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tool.waitFor()).as(output).isZero();
        Map<String, byte[]> unpacked = stored(extracted);
        assertThat(unpacked.keySet()).containsExactlyElementsOf(folder.keySet());
        unpacked.forEach((entry, bytes) -> assertThat(bytes).as(entry).isEqualTo(folder.get(entry)));
    }

    private static Path batch(String name) {
        Path archive = dir.resolve(name);
        Cli.Result r = Cli.run("batch", csv.toString(), "--image-2711", pi4.toString(), "--image-2712", pi5.toString(),
                "--ts", String.valueOf(TS), "-o", archive.toString(), "--jobs", "2");
        assertThat(r.exit()).as(r.stderr()).isZero();
        return archive;
    }

    /** Every file under {@code root} but the device folders (hard links, which archives leave to manifest.json). */
    private static Map<String, byte[]> stored(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(p).toString();
                if (!relative.startsWith("devices/")) files.put(relative, Files.readAllBytes(p));
            }
        }
        return files;
    }
}
