package io.github.pieeprom.netboot.profile;

import java.util.Map;

/**
 * A board to switch: its folder under the TFTP root as the bootloader asks for it, and the variables its
 * profile's templates may use.
 *
 * @param folder {@code 1234abcd} or {@code dc-a6-32-01-36-c2}
 * @param label  the board in messages: its name from the devices file, else its serial or MAC
 * @param vars   {@code serial}, {@code mac} (when known), {@code name} and every column of its devices-file row
 */
public record Target(String folder, String label, Map<String, String> vars) {
    public Target {
        vars = Map.copyOf(vars);
    }
}
