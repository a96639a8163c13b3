package dev.assay.infrastructure;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SpreadsheetCsvTest {

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(csv)).setFormat(CSVFormat.RFC4180).get()) {
            return p.getRecords();
        }
    }

    @Test
    void onlyFormulaStartsAreTouched() {
        for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + formula, SpreadsheetCsv.text(formula));
        }
        assertEquals("White", SpreadsheetCsv.text("White"));
        assertEquals("a=b", SpreadsheetCsv.text("a=b"));
        assertEquals("", SpreadsheetCsv.text(""));
        assertNull(SpreadsheetCsv.text(null));
    }

    @Test
    void aShownNumberStaysANumberAndAnythingElseIsText() {
        assertEquals("-0.0500", SpreadsheetCsv.cell("-0.0500"));
        assertEquals("+0.0125", SpreadsheetCsv.cell("+0.0125"));
        assertEquals("12", SpreadsheetCsv.cell("12"));
        assertEquals("'-1+1", SpreadsheetCsv.cell("-1+1"), "not a plain number: a formula");
        assertEquals("'-0.05 (adjusted)", SpreadsheetCsv.cell("-0.05 (adjusted)"));
        assertEquals("'=1", SpreadsheetCsv.cell("=1"));
        assertEquals("absent", SpreadsheetCsv.cell("absent"));
        assertNull(SpreadsheetCsv.cell(null));
    }

    @Test
    void rowsAreRfc4180WithNumbersUntouchedAndNullsEmpty() throws IOException {
        String csv = SpreadsheetCsv.of(List.of("name", "value", "note"), List.of(
                Arrays.asList(SpreadsheetCsv.text("=cmd|' /C calc'!A0"), -0.25, null),
                Arrays.asList("a, \"b\"", "1e-7", "line\nbreak")));
        List<CSVRecord> rows = parse(csv);
        assertEquals(List.of("name", "value", "note"), rows.get(0).toList());
        assertEquals(List.of("'=cmd|' /C calc'!A0", "-0.25", ""), rows.get(1).toList(), "a negative number is a number, not a formula");
        assertEquals(List.of("a, \"b\"", "1e-7", "line\nbreak"), rows.get(2).toList());
        assertEquals("name,value,note\r\n", csv.substring(0, csv.indexOf('\n') + 1), "CRLF records");
    }

    @Test
    void streamedRowsReachTheWriterWhenClosed() throws IOException {
        StringWriter out = new StringWriter();
        try (SpreadsheetCsv csv = SpreadsheetCsv.to(out, List.of("-header"))) {
            csv.row(List.of("x"));
        }
        assertEquals(List.of(List.of("'-header"), List.of("x")), parse(out.toString()).stream().map(CSVRecord::toList).toList(),
                "a header is text like any other");
    }
}
