package io.github.pieeprom.netboot.tftp;

/**
 * One transfer's round-trip estimate and retransmission timeout, after RFC 6298: {@code srtt} and {@code rttvar} from
 * samples, {@code rto = srtt + 4 rttvar} held between a floor and a ceiling, backed off on each retransmission
 * (see {@link #backOff}) and recomputed at the next sample or progress. Samples come only from packets sent once (Karn's rule: the caller does not
 * sample a retransmitted block). Before the first sample the timeout is RFC 6298's 1 s, or the ceiling if lower.
 * All times in nanoseconds.
 */
final class RoundTrip {
    static final long INITIAL = 1_000_000_000L;
    private static final int QUICK_RESENDS = 3;

    private final long floor, ceiling;
    private long srtt, rttvar, rto;             // srtt == 0: no sample yet
    private int backOffs;                       // resends since the last sample or progress

    RoundTrip(long floor, long ceiling) {
        this.floor = floor;
        this.ceiling = Math.max(floor, ceiling);
        this.rto = Math.min(INITIAL, this.ceiling);
    }

    void sample(long rtt) {
        if (srtt == 0) {
            srtt = Math.max(1, rtt);
            rttvar = rtt / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - rtt)) / 4;
            srtt = Math.max(1, (7 * srtt + rtt) / 8);
        }
        reset();
    }

    /** The timeout to wait now (backed off if there were retransmissions since the last sample). */
    long timeout() {
        return rto;
    }

    /**
     * Called on each retransmission: doubles the timeout, up to the ceiling; after {@value #QUICK_RESENDS} resends
     * in a row went unanswered, straight to the ceiling. A client that answers every repeated block has answered by
     * then; one that answers a repeat only once and then waits for its own timer (atftp: 5 s, restarted by every
     * packet it gets) needs a silence that long, and reaching it by doubling from 20 ms would take twice as long.
     */
    void backOff() {
        rto = ++backOffs >= QUICK_RESENDS ? ceiling : Math.min(ceiling, rto * 2);
    }

    /** Drops the back-off after progress: the timeout is the estimate's again. */
    void reset() {
        backOffs = 0;
        rto = base();
    }

    /** The smoothed round trip, or the timeout before any sample. */
    long smoothed() {
        return srtt == 0 ? rto : srtt;
    }

    /** The timeout without back-off: {@code srtt + 4 rttvar} between floor and ceiling. */
    long base() {
        if (srtt == 0) return Math.min(INITIAL, ceiling);
        return Math.max(floor, Math.min(ceiling, srtt + 4 * rttvar));
    }
}
