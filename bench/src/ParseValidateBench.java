package io.github.pieeprom.bench;

import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Finding;
import io.github.pieeprom.bootconf.Validator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parse + validate of typical configs, in configs per second (one thread). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseValidateBench {
    /** What a Pi 4 image ships (2025), and a fleet's netboot config with a per-model section. */
    private final byte[] shipped = ("[all]\nBOOT_UART=0\nWAKE_ON_GPIO=1\nPOWER_OFF_ON_HALT=0\n\n"
            + "# Try SD first, then network\nNET_INSTALL_AT_POWER_ON=1\n").getBytes(StandardCharsets.US_ASCII);
    private final byte[] netboot = ("[all]\nBOOT_UART=1\nBOOT_ORDER=0xf21\nNET_BOOT_MAX_RETRIES=5\nTFTP_PREFIX=1\n"
            + "TFTP_PREFIX_STR=rack4/\nTFTP_IP=10.20.0.1\nCLIENT_IP=10.20.0.17\nSUBNET=255.255.255.0\n"
            + "DHCP_TIMEOUT=45000\nENABLE_SELF_UPDATE=1\n\n[cm4]\nBOOT_ORDER=0xf261\n\n[pi5]\nPCIE_PROBE=1\n")
            .getBytes(StandardCharsets.US_ASCII);

    @Benchmark
    public List<Finding> shippedConfig() {
        return Validator.check(BootConfig.parse("boot.conf", shipped), Optional.empty());
    }

    @Benchmark
    public List<Finding> netbootConfig() {
        return Validator.check(BootConfig.parse("boot.conf", netboot), Optional.empty());
    }
}
