/**
 * {@code eeprom boot}: {@link io.github.pieeprom.netboot.boot.BootServer} runs TFTP, proxy DHCP and a NETCONSOLE
 * receiver in one process and keeps an {@link io.github.pieeprom.netboot.boot.Inventory} of the boards in a state
 * folder ({@link io.github.pieeprom.netboot.boot.BootState}); {@link io.github.pieeprom.netboot.boot.DhcpConfigs}
 * writes configs for the DHCP servers sites keep (docs/boot.md).
 */
package io.github.pieeprom.netboot.boot;
