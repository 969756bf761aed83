package io.github.pieeprom.bench;

import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageEdits;
import io.github.pieeprom.signing.SigFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process parse, apply (a new bootconf.txt), apply + digest (bootconf.txt and its bootconf.sig) and the digest of
 * a whole image, in images per second (one thread). {@code -p image=PATH} picks the image; the default is the synthetic 2712.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ImageBench {
    @Param("firmware-samples/synthetic-2712-notbootable.bin") String image;

    private byte[] bytes;
    private EepromImage parsed;
    private final byte[] config = "[all]\nBOOT_UART=1\nBOOT_ORDER=0xf21\nNET_BOOT_MAX_RETRIES=5\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Setup
    public void read() {
        try {
            bytes = Files.readAllBytes(Path.of(image));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parsed = EepromImage.parse(image, bytes);
    }

    @Benchmark
    public EepromImage parse() {
        return EepromImage.parse(image, bytes);
    }

    @Benchmark
    public byte[] apply() {
        return new ImageEdits().config(config).applyTo(parsed).toByteArray();
    }

    /** Signed boot's round: the config's {@code .sig} ({@code rpi-eeprom-digest}), then both into the image. */
    @Benchmark
    public byte[] applyAndDigest() {
        byte[] sig = SigFile.of(config, 1_700_000_000L, Optional.empty()).toByteArray();
        return new ImageEdits().config(config).digest(sig).applyTo(parsed).toByteArray();
    }

    /** The {@code .sig} of a whole image, as {@code eeprom digest pieeprom.bin} writes it. */
    @Benchmark
    public SigFile digestImage() {
        return SigFile.of(bytes, 1_700_000_000L, Optional.empty());
    }
}
