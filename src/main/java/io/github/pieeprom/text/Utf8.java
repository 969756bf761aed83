package io.github.pieeprom.text;

import io.github.pieeprom.EepromException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text a fleet's files hold (manifests, devices files, templates), decoded strictly: a byte that is not UTF-8 (a
 * spreadsheet's Windows-1252 export, say) is an error naming its line, not a U+FFFD in a board's config. A leading
 * byte-order mark (Windows Notepad's "UTF-8 with BOM") is dropped: no editor shows it, and a board would read it as
 * part of its config's or cmdline.txt's first word.
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * {@code bytes} as UTF-8 text; {@code file} names them in the error. Its column counts bytes from the line's
     * start: an editor shows a file that is not UTF-8 in a one-byte encoding, a character per byte.
     */
    public static String decode(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position(), line = 1, lineStart = 0;
            for (int i = 0; i < offset; i++) if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
            throw EepromException.atLine(file, line, "not UTF-8: byte 0x%02x at column %d; save the file as UTF-8",
                    bytes[offset] & 0xff, offset - lineStart + 1);
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
