/**
 * Network boot: the config a board needs ({@link io.github.pieeprom.netboot.NetbootSettings}), a TFTP root laid out
 * as the bootloader asks for it ({@link io.github.pieeprom.netboot.StagingPlan}, pure, written by
 * {@link io.github.pieeprom.netboot.Stager}, for the boards of {@link io.github.pieeprom.netboot.Devices}, with an
 * {@link io.github.pieeprom.netboot.EepromUpdate} and a {@link io.github.pieeprom.netboot.Dnsmasq} snippet), the
 * requests a board makes ({@link io.github.pieeprom.netboot.BootReplay}) and recovery zips
 * ({@link io.github.pieeprom.netboot.RecoveryBundle}).
 */
package io.github.pieeprom.netboot;
