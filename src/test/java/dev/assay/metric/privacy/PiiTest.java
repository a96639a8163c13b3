package dev.assay.metric.privacy;

import dev.assay.audit.AuditEngine;
import dev.assay.infrastructure.DuckDb;
import dev.assay.it.SharedData;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Tables;
import dev.assay.registry.ModelCardParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PiiTest {

    @TempDir
    Path dir;

    @Test
    void recognizersValidateWhatTheyMatch() {
        assertEquals(Optional.of("EMAIL_ADDRESS"), PiiRecognizers.recognize("jane.doe@example.org"));
        assertEquals(Optional.of("US_SSN"), PiiRecognizers.recognize("123-45-6789"));
        assertTrue(PiiRecognizers.recognize("000-12-3456").filter("US_SSN"::equals).isEmpty(), "area 000 is never issued");
        assertTrue(PiiRecognizers.recognize("666-12-3456").filter("US_SSN"::equals).isEmpty());
        assertTrue(PiiRecognizers.recognize("912-12-3456").filter("US_SSN"::equals).isEmpty());
        assertEquals(Optional.of("CREDIT_CARD"), PiiRecognizers.recognize("4111 1111 1111 1111"));
        assertTrue(PiiRecognizers.recognize("4111 1111 1111 1112").filter("CREDIT_CARD"::equals).isEmpty(), "fails Luhn");
        assertEquals(Optional.of("IBAN_CODE"), PiiRecognizers.recognize("GB82 WEST 1234 5698 7654 32"));
        assertTrue(PiiRecognizers.recognize("GB82 WEST 1234 5698 7654 33").isEmpty(), "fails mod-97");
        assertEquals(Optional.of("IP_ADDRESS"), PiiRecognizers.recognize("192.168.10.1"));
        assertTrue(PiiRecognizers.recognize("256.1.1.1").filter("IP_ADDRESS"::equals).isEmpty());
        assertEquals(Optional.of("IP_ADDRESS"), PiiRecognizers.recognize("2001:db8::1"));
        assertEquals(Optional.of("DATE_TIME"), PiiRecognizers.recognize("1985-04-12"));
        assertEquals(Optional.of("PHONE_NUMBER"), PiiRecognizers.recognize("+1 212-555-0100"));
        assertTrue(PiiRecognizers.recognize("Caucasian").isEmpty());
        assertTrue(PiiRecognizers.recognize("Felony").isEmpty());
    }

    /**
     * COMPAS holds real people's names and birth dates. Assay flags {@code dob} (dates of birth). It
     * does not flag {@code name}, {@code first} or {@code last}: its recognizers are patterns with
     * checks, and a person's name has no pattern (Presidio finds names with a language model, which
     * Assay does not ship); such columns are to be declared in the card's {@code sensitive} role.
     */
    @Test
    void compasDatesOfBirthAreFlaggedNamesAreNot() throws Exception {
        Path file = SharedData.require("compas/compas-scores-two-years.csv");
        DuckDb duckDb = DuckDb.withDefaults(dir);
        Tables.Ingested stored = Tables.ingest(duckDb, file, ',', dir.resolve("compas.parquet"));
        Path parquet = stored.parquet();
        Map<String, String> types = stored.types();
        var card = ModelCardParser.parseYaml("""
                model: compas
                version: "1"
                owner: t@example.com
                task: binary-classification
                positiveLabel: 1
                favorableOutcome: Low
                columns:
                  label: two_year_recid
                  prediction: score_text
                  protected: [race]
                """, "compas", "1");
        var outcome = new AuditEngine(duckDb, MetricParameters.DEFAULTS).run(card, types, parquet, List.of(), List.of("pii_detected"));
        MetricValue dob = value(outcome, "dob");
        assertEquals(1.0, dob.value(), 0);
        assertTrue(dob.note().startsWith("DATE_OF_BIRTH in 100.0% of 7214 sampled values; flagged"), dob.note());
        for (String name : List.of("name", "first", "last")) {
            MetricValue v = value(outcome, name);
            assertTrue(v.value() < PiiDetected.FLAG_SHARE, name + ": " + v);
        }
        assertTrue(value(outcome, "decile_score").undefined().startsWith("not a text or date column"));
    }

    /** A column whose name says nothing is recognized by its values, through the real scan. */
    @Test
    void specialCategoriesAreRecognizedFromValues() throws Exception {
        Path parquet = Tables.toParquet(dir, "q7,x\nMuslim,1\nChristian,0\natheist,1\nnone,0\n", "{'q7': 'VARCHAR', 'x': 'INTEGER'}");
        var card = ModelCardParser.parseYaml("""
                model: m
                version: "1"
                owner: t@example.com
                task: binary-classification
                positiveLabel: 1
                favorableOutcome: 1
                columns:
                  prediction: x
                """, "m", "1");
        var outcome = new AuditEngine(DuckDb.withDefaults(dir), MetricParameters.DEFAULTS).run(card,
                Map.of("q7", "VARCHAR", "x", "INTEGER"), parquet, List.of(), List.of("undeclared_special_category"));
        MetricValue q7 = outcome.metrics().stream().filter(m -> "q7".equals(m.scope())).findFirst().orElseThrow();
        assertEquals(1.0, q7.value(), 0);
        assertEquals("religious or philosophical beliefs (from its values: 3 of 4 sampled)", q7.note());
    }

    private static MetricValue value(AuditEngine.Outcome o, String column) {
        return o.metrics().stream().filter(m -> m.metric().equals("pii_detected") && column.equals(m.scope())).findFirst().orElseThrow();
    }
}
