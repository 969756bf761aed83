/**
 * {@code eeprom boot probe}: a boot setup seen from a Pi's side before any Pi is plugged in. {@link BootDecision}
 * decides, from the DHCP answers collected, as the bootloader would (pure); {@link TftpWalk} fetches the files a Pi
 * fetches; {@link Probe} does both on the wire.
 */
package io.github.pieeprom.netboot.probe;
