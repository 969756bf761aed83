package io.github.pieeprom.netboot.probe;

import java.util.Optional;

/**
 * One file as the probe fetched it over TFTP.
 *
 * @param name   the path asked for ({@code 1234abcd/start4.elf})
 * @param from   the server, {@code 10.0.0.1:69}
 * @param found  whether it came (false: the server said file not found, or the transfer failed)
 * @param bytes  its size
 * @param ms     how long the transfer took, request to last block
 * @param oack   whether the server acknowledged the blksize the Pi asks for
 * @param text   the content of a {@code .txt} file (config.txt, cmdline.txt), else empty
 * @param error  why the transfer failed other than not found (a TFTP error, no answer), else empty
 */
public record Fetched(String name, String from, boolean found, long bytes, long ms, boolean oack, Optional<String> text,
                      Optional<String> error) {
}
