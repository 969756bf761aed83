/**
 * pieeprom: Raspberry Pi 4/5 bootloader EEPROM images read, rewritten, validated and signed as
 * {@code rpi-eeprom-config} does, byte for byte. This package holds what every other shares: {@link
 * io.github.pieeprom.EepromException}, the one type for bad input (its message says where: {@code file@0xOFFSET} or
 * {@code file:LINE}), {@link io.github.pieeprom.Soc}, the two SoC families, and {@link io.github.pieeprom.Json}, the JSON the commands print.
 * Start from {@link io.github.pieeprom.image.ImageFiles#read} and {@link io.github.pieeprom.image.EepromImage}.
 */
package io.github.pieeprom;
