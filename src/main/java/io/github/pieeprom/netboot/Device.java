package io.github.pieeprom.netboot;

import java.util.Map;
import java.util.Optional;

/**
 * One board to stage: its serial (8 lower-case hex digits) and MAC ({@code aa:bb:cc:dd:ee:ff}) when known, and
 * every column of its devices-file row for the cmdline template.
 *
 * @param origin where it was given, for messages: {@code devices.csv:3} or {@code --serial}
 */
public record Device(String origin, Optional<String> serial, Optional<String> mac, Map<String, String> columns) {
    public Device {
        columns = Map.copyOf(columns);
    }

    /** The board's name in messages: its serial, else its MAC. */
    String label() {
        return serial.or(() -> mac).orElse(origin);
    }
}
