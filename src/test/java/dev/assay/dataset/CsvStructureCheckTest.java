package dev.assay.dataset;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvStructureCheckTest {

    private static CsvStructureCheck check(byte[] bytes, int chunk) {
        CsvStructureCheck c = new CsvStructureCheck();
        for (int i = 0; i < bytes.length; i += chunk) {
            c.update(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return c;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void wellFormedFileWithQuotesCrlfAndBomInAnyChunking() {
        byte[] file = utf8("\uFEFFid;name;note\r\n1;\"Smith; J\";\"said \"\"hi\"\"\"\r\n2;Doe;\"two\r\nlines\"\r\n");
        for (int chunk : new int[] {1, 2, 3, 7, 1 << 16}) {
            CsvStructureCheck c = check(file, chunk);
            assertEquals(Optional.empty(), c.finish(), "chunk " + chunk);
            assertEquals(';', c.delimiter());
            assertEquals(List.of("id", "name", "note"), c.header());
            assertEquals(2, c.records());
        }
    }

    @Test
    void lastRecordWithoutLineBreakCounts() {
        CsvStructureCheck c = check(utf8("a,b\n1,2\n3,4"), 64);
        assertEquals(Optional.empty(), c.finish());
        assertEquals(2, c.records());
        assertEquals(',', c.delimiter());
    }

    @Test
    void raggedRowIsReportedWithItsLineAndField() {
        CsvStructureCheck c = check(utf8("a,b\n1,2\n3\n4,5\n"), 5);
        CsvStructureCheck.Violation v = c.finish().orElseThrow();
        assertEquals(3, v.line());
        assertEquals(1, v.field());
        assertTrue(v.message().contains("1 field(s) but the header has 2"), v.message());
    }

    @Test
    void tooManyFieldsIsReported() {
        CsvStructureCheck.Violation v = check(utf8("a,b\n1,2\n3,4,5\n"), 64).finish().orElseThrow();
        assertEquals(3, v.line());
        assertEquals(3, v.field());
    }

    @Test
    void invalidUtf8IsReportedWithLineAndField() {
        byte[] latin1 = "a,b\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvStructureCheck.Violation v = check(latin1, 64).finish().orElseThrow();
        assertEquals(2, v.line());
        assertEquals(2, v.field());
        assertTrue(v.message().contains("UTF-8"));
    }

    @Test
    void multiByteUtf8IsAccepted() {
        assertEquals(Optional.empty(), check(utf8("name,city\nZoë,Zürich\n李,北京\n"), 3).finish());
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRefused() {
        assertTrue(check(new byte[0], 1).finish().orElseThrow().message().contains("empty"));
        assertTrue(check(utf8("a,b\n"), 64).finish().orElseThrow().message().contains("no records"));
    }

    @Test
    void hugeFieldIsRefusedWithoutHoldingIt() {
        CsvStructureCheck c = new CsvStructureCheck(1000, null);
        c.update(utf8("a,b\n1,"), 0, 6);
        byte[] x = new byte[4096];
        java.util.Arrays.fill(x, (byte) 'x');
        for (int i = 0; i < 100; i++) {
            c.update(x, 0, x.length);
        }
        CsvStructureCheck.Violation v = c.finish().orElseThrow();
        assertEquals(2, v.line());
        assertEquals(2, v.field());
        assertTrue(v.message().contains("longer than 1000 bytes"));
    }

    @Test
    void unclosedQuoteIsRefused() {
        assertTrue(check(utf8("a,b\n1,\"open\n"), 64).finish().orElseThrow().message().contains("quote"));
    }

    @Test
    void declaredDelimiterWins() {
        CsvStructureCheck c = new CsvStructureCheck(1 << 20, '|');
        byte[] b = utf8("a|b,c\n1|2,3\n");
        c.update(b, 0, b.length);
        assertEquals(Optional.empty(), c.finish());
        assertEquals(List.of("a", "b,c"), c.header());
    }

    @Test
    void duplicateHeaderNamesAreKeptForDuckDbToRename() {
        CsvStructureCheck c = check(utf8("id,score,score\n1,2,3\n"), 64);
        assertEquals(Optional.empty(), c.finish());
        assertEquals(List.of("id", "score", "score"), c.header());
    }

    @Test
    void aNulByteIsRefusedWithItsLineAndField() {
        for (String file : new String[] {"a,b\n1,2\n3,x\0y\n", "a,b\n1,2\n3,\"x\0y\"\n"}) {
            CsvStructureCheck.Violation v = check(utf8(file), 3).finish().orElseThrow();
            assertEquals(3, v.line());
            assertEquals(2, v.field());
            assertTrue(v.message().contains("NUL"), v.message());
        }
    }

    @Test
    void moreColumnsThanTheBoundAreRefusedInTheHeader() {
        String header = String.join(",", java.util.stream.IntStream.range(0, ParquetIngest.MAX_COLUMNS + 1).mapToObj(i -> "c" + i).toList());
        CsvStructureCheck.Violation v = check(utf8(header + "\n"), 1 << 16).finish().orElseThrow();
        assertEquals(1, v.line());
        assertTrue(v.message().contains("more than " + ParquetIngest.MAX_COLUMNS + " columns"), v.message());
        String atTheBound = String.join(",", java.util.stream.IntStream.range(0, ParquetIngest.MAX_COLUMNS).mapToObj(i -> "c" + i).toList());
        String row = String.join(",", java.util.Collections.nCopies(ParquetIngest.MAX_COLUMNS, "1"));
        assertEquals(Optional.empty(), check(utf8(atTheBound + "\n" + row + "\n"), 1 << 16).finish());
    }

    @Test
    void mixedLineEndingsAreNoticedOutsideQuotesOnly() {
        CsvStructureCheck mixed = check(utf8("a,b\r\n1,2\n3,4\r\n"), 1);
        assertEquals(Optional.empty(), mixed.finish());
        assertTrue(mixed.mixedLineEndings());
        CsvStructureCheck loneCr = check(utf8("a,b\r1,2\n3,4\n"), 2);
        assertEquals(Optional.empty(), loneCr.finish());
        assertTrue(loneCr.mixedLineEndings());
        for (String same : new String[] {"a,b\r\n1,2\r\n", "a,b\n1,\"x\r\ny\"\n", "a,b\r1,2\r"}) {
            CsvStructureCheck c = check(utf8(same), 1);
            assertEquals(Optional.empty(), c.finish());
            assertEquals(false, c.mixedLineEndings(), same);
        }
    }
}
