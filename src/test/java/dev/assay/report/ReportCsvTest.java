package dev.assay.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CSV downloads read back by an independent RFC 4180 parser: every cell as the report's JSON has it. */
class ReportCsvTest {

    /** A report's two arrays: a hostile group name, a comma and a quote and a line break in text, an undefined value, a test. */
    private static final String REPORT = """
            {"findings":[
              {"rule":"four-fifths","policy":"eeoc-four-fifths","metric":"impact_ratio","scope":"race","group":"=HYPERLINK(\\"http://x\\")",
               "value":0.5,"ci":[0.25,0.875],"n":40,"threshold":0.8,"comparator":">=","outcome":"fail","severity":"block",
               "effect":"blocking","pAdjusted":0.0125,"reference":"White","minimumDetectable":{"metric":"minimum_detectable_impact_ratio","value":0.61}},
              {"rule":"acc","policy":"model-performance","metric":"accuracy","scope":null,"group":null,"value":null,"ci":null,"n":0,
               "threshold":0.7,"comparator":">=","outcome":"undefined","severity":"warn","effect":"warning",
               "undefined":"no label, so no accuracy","note":"a, \\"quoted\\"\\nnote"}
            ],
            "metrics":[
              {"metric":"impact_ratio","scope":"race","group":"-1","value":1.0E-7,"ci":[1.0E-8,0.5],"n":12,"reference":"+x",
               "test":{"name":"Fisher's exact test","statistic":null,"p":0.03,"pAdjusted":0.06},"stratum":"job_level=2","class":"@grade"},
              {"metric":"accuracy","scope":null,"group":null,"value":null,"ci":null,"n":0,"undefined":"no label"}
            ]}
            """;

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(csv))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            return p.getRecords();
        }
    }

    @Test
    void findingsAreOneRowEachWithFormulaLikeTextNeutralised() throws IOException {
        String csv = ReportCsv.findings(REPORT);
        assertTrue(csv.startsWith("policy,rule,metric,scope,group,stratum,class,outcome,severity,effect,value,ci_lower,ci_upper,n,"
                + "comparator,threshold,upper,p_adjusted,reference,minimum_detectable,undefined,note\r\n"), csv);
        List<CSVRecord> rows = parse(csv);
        assertEquals(2, rows.size());
        CSVRecord fail = rows.get(0);
        assertEquals("'=HYPERLINK(\"http://x\")", fail.get("group"), "a spreadsheet shows it as text, it does not run it");
        assertEquals("0.5", fail.get("value"));
        assertEquals("0.25", fail.get("ci_lower"));
        assertEquals("0.875", fail.get("ci_upper"));
        assertEquals("40", fail.get("n"));
        assertEquals(">=", fail.get("comparator"));
        assertEquals("0.8", fail.get("threshold"));
        assertEquals("", fail.get("upper"));
        assertEquals("0.0125", fail.get("p_adjusted"));
        assertEquals("White", fail.get("reference"));
        assertEquals("0.61", fail.get("minimum_detectable"));
        CSVRecord undefined = rows.get(1);
        assertEquals("", undefined.get("value"), "undefined is an empty cell, never 0");
        assertEquals("no label, so no accuracy", undefined.get("undefined"));
        assertEquals("a, \"quoted\"\nnote", undefined.get("note"), "commas, quotes and line breaks survive quoting");
        assertEquals("", undefined.get("scope"));
    }

    @Test
    void metricValuesKeepNumbersAsSignedAndCarryStratumClassAndTest() throws IOException {
        List<CSVRecord> rows = parse(ReportCsv.metrics(REPORT));
        assertEquals(2, rows.size());
        CSVRecord v = rows.get(0);
        assertEquals("'-1", v.get("group"), "text beginning with - is neutralised");
        assertEquals(1.0E-7, Double.parseDouble(v.get("value")), 0, "numbers are numbers, never prefixed");
        assertEquals(1.0E-8, Double.parseDouble(v.get("ci_lower")), 0);
        assertEquals("'+x", v.get("reference"));
        assertEquals("job_level=2", v.get("stratum"));
        assertEquals("'@grade", v.get("class"));
        assertEquals("Fisher's exact test", v.get("test"));
        assertEquals("", v.get("statistic"));
        assertEquals("0.03", v.get("p"));
        assertEquals("0.06", v.get("p_adjusted"));
        assertEquals("no label", rows.get(1).get("undefined"));
    }
}
