package io.github.pieeprom.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static Manifest parse(String csv) {
        return Manifest.parse("devices.csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsQuotedFieldsCrlfAByteOrderMarkAndTheLineEachRowStartsOn() {
        Manifest m = parse("\uFEFFname,soc,note\r\nn1, 2711 ,\"a, \"\"quoted\"\" note\"\r\n\r\nn2,2712,\"two\nlines\"\nn3,2711,\n");
        assertThat(m.columns()).containsExactly("name", "soc", "note");
        assertThat(m.rows()).extracting(Manifest.Row::line).containsExactly(2, 4, 6);
        assertThat(m.rows().get(0).values()).containsExactly(
                java.util.Map.entry("name", "n1"), java.util.Map.entry("soc", "2711"),
                java.util.Map.entry("note", "a, \"quoted\" note"));
        assertThat(m.rows().get(1).get("note")).isEqualTo("two\nlines");
        assertThat(m.rows().get(2).get("note")).isEmpty();
    }

    @Test
    void aManifestSavedByASpreadsheetReadsRight() {
        // Python's csv.writer(dialect='excel') for these rows (Excel's quoting), with a spreadsheet's last empty line
        Manifest m = parse("name,soc,template,note\r\nrack1-01,2711,rack.conf,\"top shelf, left\"\r\n"
                + "rack1-02,2712,,\"the \"\"spare\"\" one\"\r\nrack1-03,2711,rack.conf,\"two\nlines\"\r\n\r\n");
        assertThat(m.columns()).containsExactly("name", "soc", "template", "note");
        assertThat(m.rows()).extracting(Manifest.Row::line).containsExactly(2, 3, 4);
        assertThat(m.rows()).extracting(r -> r.get("note")).containsExactly("top shelf, left", "the \"spare\" one",
                "two\nlines");
        assertThat(m.rows().get(1).get("template")).isEmpty();
    }

    @Test
    void aDeviceIsNamedByItsNameElseItsSerial() {
        List<Manifest.Row> rows = parse("name,serial,soc\nn1,0x1234abcd,2711\n,0xdeadbeef,2712\n").rows();
        assertThat(rows).extracting(Manifest.Row::device).containsExactly("n1", "0xdeadbeef");
    }

    @Test
    void rejectsARowWithTheWrongNumberOfFields() {
        assertThatThrownBy(() -> parse("name,soc\nn1,2711\nn2,2711,extra\n")).isInstanceOf(EepromException.class)
                .hasMessage("devices.csv:3: expected 2 fields as in the header, found 3");
    }

    @Test
    void rejectsAHeaderWithoutSocOrWithoutANameOrSerial() {
        assertThatThrownBy(() -> parse("name,ip\n")).hasMessage("devices.csv:1: expected a soc column, found [name, ip]");
        assertThatThrownBy(() -> parse("soc,ip\n"))
                .hasMessage("devices.csv:1: expected a name or serial column, found [soc, ip]");
    }

    @Test
    void rejectsARepeatedColumnAndASetColumnWithoutAPropertyName() {
        assertThatThrownBy(() -> parse("name,soc,ip,ip\n")).hasMessage("devices.csv:1: column ip appears twice");
        assertThatThrownBy(() -> parse("name,soc,set:BOOT ORDER\n"))
                .hasMessage("devices.csv:1: expected set:KEY with a property name, found \"set:BOOT ORDER\"");
    }

    @Test
    void aControlCharacterInAColumnNameIsShownEscaped() {
        assertThatThrownBy(() -> parse("name,soc,i\0p,i\0p\n"))
                .hasMessage("devices.csv:1: column i\\x00p appears twice");
        assertThatThrownBy(() -> parse("name,s\boc\n"))
                .hasMessage("devices.csv:1: expected a soc column, found [name, s\\x08oc]");
    }

    @Test
    void rejectsAnUnclosedQuoteNamingTheLineItOpensOn() {
        assertThatThrownBy(() -> parse("name,soc\nn1,2711\n\"n2,2711\n")).isInstanceOf(EepromException.class)
                .hasMessage("devices.csv:3: a quoted field is not closed");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> parse("")).hasMessage("devices.csv: empty manifest: expected a header line");
    }
}
