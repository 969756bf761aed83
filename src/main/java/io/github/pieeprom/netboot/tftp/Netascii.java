package io.github.pieeprom.netboot.tftp;

import java.nio.ByteBuffer;

/** RFC 1350's netascii transfer form (RFC 764): LF goes on the wire as CR LF, a bare CR as CR NUL. */
final class Netascii {
    private Netascii() {
    }

    static ByteBuffer encode(ByteBuffer text) {
        int extra = 0;
        for (int i = text.position(); i < text.limit(); i++) if (text.get(i) == '\n' || text.get(i) == '\r') extra++;
        ByteBuffer out = ByteBuffer.allocate(text.remaining() + extra);
        for (int i = text.position(); i < text.limit(); i++) {
            byte b = text.get(i);
            if (b == '\n') out.put((byte) '\r').put((byte) '\n');
            else if (b == '\r') out.put((byte) '\r').put((byte) 0);
            else out.put(b);
        }
        return out.flip();
    }
}
