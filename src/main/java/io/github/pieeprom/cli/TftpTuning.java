package io.github.pieeprom.cli;

import io.github.pieeprom.netboot.tftp.TftpConfig;
import java.time.Duration;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;

/** The TFTP limits and retransmission options that {@code tftp serve} and {@code boot serve} share. */
final class TftpTuning {
    static final String MAX_TRANSFERS = "--max-transfers";
    static final String MAX_PER_CLIENT = "--max-per-client";
    static final String TIMEOUT = "--timeout";
    static final String GIVE_UP = "--give-up";

    private TftpTuning() {
    }

    static void addOptions(CommandSpec spec) {
        spec.addOption(Specs.integer("N", MAX_TRANSFERS)
                .description("Concurrent transfers in all (default: 1000).").defaultValue("1000").build());
        spec.addOption(Specs.integer("N", MAX_PER_CLIENT)
                .description("Concurrent transfers per client address (default: 16; raise it when boards reach "
                        + "the server through one NAT or relay address).").defaultValue("16").build());
        spec.addOption(Specs.integer("MS", TIMEOUT)
                .description("The longest wait for an ACK before sending again: waits start from the measured "
                        + "round trip and double on each resend up to this, or to the client's timeout option "
                        + "(default: 8000).").defaultValue("8000").build());
        spec.addOption(Specs.integer("S", GIVE_UP)
                .description("Drop a transfer after this many seconds without progress (default: 60).")
                .defaultValue("60").build());
    }

    /** What the parsed options change in a server's config; a usage error for values out of range. */
    private static void atLeast(String option, int value, int least) {
        if (value < least) throw new UsageException(option + " " + value + " is below " + least);
    }

    static UnaryOperator<TftpConfig> of(Parsed args) {
        int maxTransfers = args.get(MAX_TRANSFERS);
        int maxPerClient = args.get(MAX_PER_CLIENT);
        int timeoutMillis = args.get(TIMEOUT);
        int giveUp = args.get(GIVE_UP);
        atLeast(MAX_TRANSFERS, maxTransfers, 1);                          // each names its own option
        atLeast(MAX_PER_CLIENT, maxPerClient, 1);
        atLeast(TIMEOUT, timeoutMillis, 20);
        atLeast(GIVE_UP, giveUp, 1);
        return config -> config.withLimits(maxTransfers, maxPerClient).withRetransmit(config.minTimeout(),
                Duration.ofMillis(timeoutMillis), Duration.ofSeconds(giveUp));
    }
}
