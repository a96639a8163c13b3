package dev.assay.ledger;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LedgerCsvTest {

    @Test
    void oneRowPerEntryWithHostileTextNeutralised() throws IOException {
        Instant at = Instant.parse("2026-12-01T10:00:00.123456Z");
        String payload = "{\"rule\":\"x\",\"comment\":\"a, \\\"b\\\"\"}";
        String hash = LedgerChain.hash(1, "waiver.approved", "=HYPERLINK(\"http://x\")", "@ada", at, payload, LedgerChain.GENESIS);
        LedgerEntry e = new LedgerEntry(1, "waiver.approved", "=HYPERLINK(\"http://x\")", "@ada", at, payload, LedgerChain.GENESIS, hash);
        StringWriter out = new StringWriter();
        try (LedgerCsv csv = LedgerCsv.to(out)) {
            csv.accept(e);
        }
        List<CSVRecord> rows;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(out.toString())).setFormat(CSVFormat.RFC4180).get()) {
            rows = p.getRecords();
        }
        assertEquals(LedgerCsv.HEADER, rows.get(0).toList());
        assertEquals(List.of("1", "2026-12-01T10:00:00.123456Z", "waiver.approved", "'=HYPERLINK(\"http://x\")", "'@ada", payload,
                LedgerChain.GENESIS, hash), rows.get(1).toList());
        assertEquals(2, rows.size());
    }
}
