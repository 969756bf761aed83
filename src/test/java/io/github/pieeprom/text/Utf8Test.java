package io.github.pieeprom.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void decodesUtf8TextOfEveryPlane() {
        String text = "name,host\r\nnode-1,caf\u00e9 \u20ac \uD83D\uDE00\n";
        assertThat(Utf8.decode("d.csv", text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
        assertThat(Utf8.decode("empty.csv", new byte[0])).isEmpty();
    }

    @Test
    void dropsALeadingByteOrderMarkWhichWouldOtherwiseStartABoardsFirstLine() {
        byte[] notepad = "\uFEFF[all]\nBOOT_ORDER=0xf21\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.decode("t.conf", notepad)).isEqualTo("[all]\nBOOT_ORDER=0xf21\n");
        assertThat(Utf8.decode("bom.csv", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf})).isEmpty();
        assertThat(Utf8.decode("t.conf", "a\n\uFEFFb".getBytes(StandardCharsets.UTF_8))).as("only a leading one")
                .isEqualTo("a\n\uFEFFb");
    }

    @Test
    void aByteThatIsNotUtf8IsNamedWithItsLineAndColumn() {
        byte[] latin = "a,b\nx,y\nnode-1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Utf8.decode("d.csv", latin)).isInstanceOf(EepromException.class)
                .hasMessage("d.csv:3: not UTF-8: byte 0xe9 at column 11; save the file as UTF-8");
        byte[] cut = {'o', 'k', (byte) 0xe2, (byte) 0x82};                    // a euro sign cut short at the end
        assertThatThrownBy(() -> Utf8.decode("t.conf", cut))
                .hasMessage("t.conf:1: not UTF-8: byte 0xe2 at column 3; save the file as UTF-8");
    }

    @Test
    void theColumnCountsBytesAsAnEditorShowsAFileThatIsNotUtf8() {
        byte[] mixed = {(byte) 0xc3, (byte) 0xa9, ',', (byte) 0xe9};       // a UTF-8 é, then a Windows-1252 one
        assertThatThrownBy(() -> Utf8.decode("d.csv", mixed))
                .hasMessage("d.csv:1: not UTF-8: byte 0xe9 at column 4; save the file as UTF-8");
    }
}
