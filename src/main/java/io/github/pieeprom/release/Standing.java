package io.github.pieeprom.release;

import java.util.List;
import java.util.Optional;

/**
 * Where one image stands against the releases of its SoC: {@code behind} distinct newer builds, the newest release
 * (if any), and whether the image's own build is one of the releases.
 */
public record Standing(State state, int behind, Optional<Release> newest, boolean known) {
    public enum State { CURRENT, BEHIND, NEWER, NO_RELEASES }

    /** Compares a build timestamp with the releases of the same SoC. */
    static Standing of(long buildTimestamp, List<Release> releases) {
        if (releases.isEmpty()) return new Standing(State.NO_RELEASES, 0, Optional.empty(), false);
        Release newest = releases.stream().max(java.util.Comparator.comparingLong(Release::buildTimestamp)).orElseThrow();
        int behind = (int) releases.stream().mapToLong(Release::buildTimestamp).filter(t -> t > buildTimestamp)
                .distinct().count();
        boolean known = releases.stream().anyMatch(r -> r.buildTimestamp() == buildTimestamp);
        State state = behind > 0 ? State.BEHIND : known ? State.CURRENT : State.NEWER;
        return new Standing(state, behind, Optional.of(newest), known);
    }
}
