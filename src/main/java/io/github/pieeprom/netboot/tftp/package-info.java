/**
 * A read-only TFTP server for network boot (RFC 1350 with the blksize, tsize, timeout and windowsize options):
 * {@link io.github.pieeprom.netboot.tftp.TftpServer} serves a root given by
 * {@link io.github.pieeprom.netboot.tftp.TftpConfig} and reports each {@link io.github.pieeprom.netboot.tftp.TftpEvent};
 * {@link io.github.pieeprom.netboot.tftp.TftpPacket} is the wire format.
 */
package io.github.pieeprom.netboot.tftp;
