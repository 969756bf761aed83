package io.github.pieeprom.netboot.profile;

import java.time.Instant;

/** Who makes a switch, and when: written to the history with it. The caller reads the clock and the user. */
public record Change(String user, Instant time) {
}
