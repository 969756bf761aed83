package io.github.pieeprom.netboot.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/** The probe's TFTP client ({@link TftpFetch}: a read as the bootloader makes it) for the test Pis in other packages. */
public final class PiTftp {
    private PiTftp() {
    }

    /** One file from {@code local} (port 0: any), its bytes written to {@code content}. */
    public static Fetched fetch(InetSocketAddress local, InetSocketAddress server, String name, OutputStream content)
            throws IOException {
        return TftpFetch.fetch(local, server, name, content);
    }
}
