package dev.assay.portal;

import dev.assay.report.ReportDocument;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compare page's reading of two signed reports: a change the newer version's audit tested against the
 * older (its approved version) carries that test, paired or not and why; otherwise the intervals judge.
 */
class ComparePagesTest {

    private static final String ACCURACY = """
            {"metric":"accuracy","scope":null,"group":null,"value":%s,"ci":[%s,%s],"n":120}""";

    private static final String CHANGE = """
            {"metric":"accuracy_change_from_approved","scope":null,"group":null,"value":-0.05,"ci":null,"n":120,"reference":"version 1.0.0",
             "test":{"name":"McNemar mid-p test","statistic":2.25,"p":0.0012,"pAdjusted":0.0031},
             "comparison":{"design":"paired","why":"both versions were evaluated on the same rows: 120 ids occur once in each dataset",
                           "now":0.9,"n":120,"before":0.95,"approvedN":120,"improved":5,"worsened":11}}""";

    private static Optional<ReportDocument> report(String audit, String approved, String... metrics) {
        JsonObject json = Json.createReader(new StringReader("""
                {"audit":{"id":"%s"},"decision":"PASS","metrics":[%s]%s}""".formatted(audit, String.join(",", metrics),
                approved == null ? "" : ",\"approvedVersion\":{\"audit\":\"a-1\",\"version\":\"" + approved + "\"}"))).readObject();
        return Optional.of(ReportDocument.of(json));
    }

    @Test
    void aChangeTheNewerAuditTestedCarriesItsTest() {
        Optional<ReportDocument> a = report("a-1", null, ACCURACY.formatted(0.95, 0.90, 0.98));
        Optional<ReportDocument> b = report("a-2", "1.0.0", ACCURACY.formatted(0.90, 0.84, 0.94), CHANGE);
        ComparePages.Tests tests = ComparePages.tests("1.0.0", a, "1.1.0", b);
        assertTrue(tests.sentence().startsWith("The latest audit of 1.1.0 (a-2) compared it with 1.0.0"), tests.sentence());
        JsonObject tested = tests.changes().get("accuracy\u0000\u0000");
        ComparePages.Line line = ComparePages.line(a.get().metrics().get(0), b.get().metrics().get(0), tested);
        assertEquals("-0.0500", line.change());
        assertEquals("yes (adjusted p 0.0031)", line.significant(), "the intervals overlap, the paired test decides");
        assertTrue(line.test().startsWith("paired: both versions were evaluated on the same rows: 120 ids occur once in each dataset; "
                + "120 pairs, 5 right only now, 11 right only before; McNemar mid-p test, p 0.0012, adjusted p 0.0031"), line.test());

        // Compared the other way round, the same audit answers; with no audit comparing them, the intervals judge.
        assertEquals(tests.changes().keySet(), ComparePages.tests("1.1.0", b, "1.0.0", a).changes().keySet());
        ComparePages.Tests none = ComparePages.tests("1.0.0", a, "1.1.0", report("a-3", "0.9.0", CHANGE));
        assertTrue(none.changes().isEmpty());
        assertTrue(none.sentence().startsWith("Neither version's latest audit compared it with the other"), none.sentence());
        assertEquals("no", ComparePages.line(a.get().metrics().get(0), b.get().metrics().get(0), null).significant());
    }

    /** The CSV is the table: its header names the two versions, its cells are the lines' own, numbers kept, text made safe. */
    @Test
    void theCsvIsTheTableCellForCell() throws Exception {
        Optional<ReportDocument> a = report("a-1", null, ACCURACY.formatted(0.95, 0.90, 0.98));
        Optional<ReportDocument> b = report("a-2", null, ACCURACY.formatted(0.80, 0.75, 0.85),
                "{\"metric\":\"selection_rate\",\"scope\":\"race\",\"group\":\"=HYPERLINK(1)\",\"value\":0.5,\"ci\":[0.4,0.6],\"n\":50}");
        ComparePages.Line accuracy = ComparePages.line(a.get().metrics().get(0), b.get().metrics().get(0), null);
        ComparePages.Line hostile = ComparePages.line(null, b.get().metrics().get(1), null);
        String csv = ComparePages.csv(new ComparePages.Comparison("m", "1.0.0", "-2.0", java.util.List.of("1.0.0", "-2.0"),
                java.util.List.of(accuracy, hostile), "no tests"));
        java.util.List<org.apache.commons.csv.CSVRecord> rows;
        try (var p = org.apache.commons.csv.CSVParser.builder().setReader(new StringReader(csv))
                .setFormat(org.apache.commons.csv.CSVFormat.RFC4180).get()) {
            rows = p.getRecords();
        }
        assertEquals(java.util.List.of("Metric", "Scope", "Group", "1.0.0", "'-2.0", "Change", "Significant", "Test"), rows.get(0).toList(),
                "a version named like a formula is text");
        assertEquals(java.util.List.of("accuracy", "", "", accuracy.a(), accuracy.b(), accuracy.change(), accuracy.significant(), ""),
                rows.get(1).toList());
        assertEquals("-0.1500", rows.get(1).get(5), "a negative change stays a number");
        assertEquals("yes (intervals do not overlap)", rows.get(1).get(6));
        assertEquals(java.util.List.of("selection_rate", "race", "'=HYPERLINK(1)", "absent", "0.5000", "", "", ""), rows.get(2).toList());
        assertEquals(3, rows.size());
    }
}
