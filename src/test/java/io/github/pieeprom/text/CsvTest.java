package io.github.pieeprom.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pieeprom.EepromException;
import io.github.pieeprom.text.Csv.Record;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    /**
     * What Python's {@code csv.writer(dialect='excel')} (the quoting Excel and LibreOffice Calc use) wrote for these
     * rows, then the empty line a spreadsheet leaves at the end; Python's {@code csv.reader} reads back the rows.
     */
    private static final String SPREADSHEET = "name,soc,template,note,set:BOOT_ORDER\r\n"
            + "rack1-01,2711,rack.conf,\"top shelf, left\",0xf21\r\n"
            + "rack1-02,2712,,\"the \"\"spare\"\" one\",0xf12\r\n"
            + "rack1-03,2711,rack.conf,\"two\nlines, \"\"quoted\"\"\",\r\n"
            + "\r\n";

    @Test
    void aCsvWrittenByASpreadsheetReadsAsItsRowsWithTheLineEachStartsOn() {
        assertThat(Csv.records("d.csv", SPREADSHEET, false)).containsExactly(
                new Record(1, List.of("name", "soc", "template", "note", "set:BOOT_ORDER")),
                new Record(2, List.of("rack1-01", "2711", "rack.conf", "top shelf, left", "0xf21")),
                new Record(3, List.of("rack1-02", "2712", "", "the \"spare\" one", "0xf12")),
                new Record(4, List.of("rack1-03", "2711", "rack.conf", "two\nlines, \"quoted\"", "")));
    }

    @Test
    void aByteOrderMarkBlankLinesAndCommentsAreSkippedAndLinesStillCount() {
        String text = "\uFEFF# boards\nserial,host\n\n# rack 2\n# (spares below)\n1234abcd,h1\n   \n\"\"\n5678abcd,\"h,2\"\n# end\n";
        assertThat(Csv.records("d.csv", text, true)).containsExactly(new Record(2, List.of("serial", "host")),
                new Record(6, List.of("1234abcd", "h1")), new Record(9, List.of("5678abcd", "h,2")));
        assertThat(Csv.records("d.csv", "a\n#b,c\n", false)).as("without comments, # is data")
                .containsExactly(new Record(1, List.of("a")), new Record(2, List.of("#b", "c")));
    }

    @Test
    void fieldsAreTrimmedAQuoteAfterSpacesStillOpensAFieldAndTextAfterItsCloseIsKept() {
        assertThat(Csv.records("d.csv", "a, \"b, c\" ,d \n\"x\"y,a\"b\n", false)).containsExactly(
                new Record(1, List.of("a", "b, c ", "d")), new Record(2, List.of("xy", "a\"b")));
    }

    @Test
    void aQuotedFieldLeftOpenIsNamedByTheLineItOpensOn() {
        assertThatThrownBy(() -> Csv.records("d.csv", "name,soc\nn1,2711\n\"n2,2711\n", false))
                .isInstanceOf(EepromException.class).hasMessage("d.csv:3: a quoted field is not closed");
        assertThatThrownBy(() -> Csv.records("d.csv", "a,b\n\"1\n2\",\"3\n4\n", false))
                .hasMessage("d.csv:3: a quoted field is not closed");
    }

    @Test
    void emptyTextHasNoRecords() {
        assertThat(Csv.records("d.csv", "", false)).isEmpty();
        assertThat(Csv.records("d.csv", "\uFEFF\r\n\n", true)).isEmpty();
    }
}
