package dev.assay.metric.privacy;

import dev.assay.audit.AuditEngine;
import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.engine.DuckDbEngine;
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
        assertEquals(Optional.of("EMAIL_ADDRESS"), PiiRecognizers.DEFAULT.recognize("jane.doe@example.org"));
        assertEquals(Optional.of("US_SSN"), PiiRecognizers.DEFAULT.recognize("123-45-6789"));
        assertTrue(PiiRecognizers.DEFAULT.recognize("000-12-3456").filter("US_SSN"::equals).isEmpty(), "area 000 is never issued");
        assertTrue(PiiRecognizers.DEFAULT.recognize("666-12-3456").filter("US_SSN"::equals).isEmpty());
        assertTrue(PiiRecognizers.DEFAULT.recognize("912-12-3456").filter("US_SSN"::equals).isEmpty());
        assertEquals(Optional.of("CREDIT_CARD"), PiiRecognizers.DEFAULT.recognize("4111 1111 1111 1111"));
        assertTrue(PiiRecognizers.DEFAULT.recognize("4111 1111 1111 1112").filter("CREDIT_CARD"::equals).isEmpty(), "fails Luhn");
        assertEquals(Optional.of("IBAN_CODE"), PiiRecognizers.DEFAULT.recognize("GB82 WEST 1234 5698 7654 32"));
        assertTrue(PiiRecognizers.DEFAULT.recognize("GB82 WEST 1234 5698 7654 33").isEmpty(), "fails mod-97");
        assertEquals(Optional.of("IP_ADDRESS"), PiiRecognizers.DEFAULT.recognize("192.168.10.1"));
        assertTrue(PiiRecognizers.DEFAULT.recognize("256.1.1.1").filter("IP_ADDRESS"::equals).isEmpty());
        assertEquals(Optional.of("IP_ADDRESS"), PiiRecognizers.DEFAULT.recognize("2001:db8::1"));
        assertEquals(Optional.of("DATE_TIME"), PiiRecognizers.DEFAULT.recognize("1985-04-12"));
        assertEquals(Optional.of("PHONE_NUMBER"), PiiRecognizers.DEFAULT.recognize("+1 212-555-0100"));
        assertTrue(PiiRecognizers.DEFAULT.recognize("Caucasian").isEmpty());
        assertTrue(PiiRecognizers.DEFAULT.recognize("Felony").isEmpty());
    }

    /**
     * The real scan counts validated values only: of nine values printed like cards or phone numbers, two
     * cards and two phone numbers are personal data; a card with a wrong check digit, an epoch time, a decimal
     * amount, a zero-padded product code and a London number in national format (region US) are none.
     */
    @Test
    void theScanCountsValidatedValuesExactly() throws Exception {
        String csv = """
                v
                4111 1111 1111 1111
                3782 822463 10005
                4111 1111 1111 1112
                1700000000000
                48250.75
                000123456789
                +44 20 7946 0018
                (212) 555-0100
                020 7946 0018
                """;
        Path parquet = Tables.toParquet(dir, csv, "{'v': 'VARCHAR'}");
        try (var c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            PiiSampler.PiiState us = PiiSampler.scan(c, c.table(parquet), List.of("v"), Map.of("v", "VARCHAR")).get("v");
            assertEquals(new PiiSampler.PiiState(9, Map.of("CREDIT_CARD", 2L, "PHONE_NUMBER", 2L), Map.of()), us);
            MetricValue v = PiiDetected.of("v", us);
            assertEquals(2.0 / 9, v.value(), 1e-12);
            assertEquals("CREDIT_CARD in 22.2% of 9 sampled values", v.note());

            PiiSampler.PiiState britain = PiiSampler.scan(c, c.table(parquet), List.of("v"), Map.of("v", "VARCHAR"),
                    PiiRecognizers.forPhoneRegions(List.of("US", "GB"))).get("v");
            assertEquals(Map.of("CREDIT_CARD", 2L, "PHONE_NUMBER", 3L), britain.entities(), "the national London number too");
        }
    }

    /** The audit's phone regions reach the scan: national London numbers are phone numbers only with GB named. */
    @Test
    void theAuditsPhoneRegionsReachTheScan() throws Exception {
        Path parquet = Tables.toParquet(dir, "contact,x\n020 7946 0018,1\n020 7946 0019,0\n+44 20 7946 0020,1\n",
                "{'contact': 'VARCHAR', 'x': 'INTEGER'}");
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
        Map<String, String> types = Map.of("contact", "VARCHAR", "x", "INTEGER");
        var us = new AuditEngine(DuckDb.withDefaults(dir), MetricParameters.DEFAULTS).run(card, types, parquet, List.of(),
                List.of("pii_detected"));
        assertEquals("PHONE_NUMBER in 33.3% of 3 sampled values", value(us, "contact").note(), "only the + number");
        var gb = new AuditEngine(DuckDb.withDefaults(dir), MetricParameters.DEFAULTS.withPhoneRegions(List.of("GB"))).run(card,
                types, parquet, List.of(), List.of("pii_detected"));
        assertEquals("PHONE_NUMBER in 100.0% of 3 sampled values; flagged", value(gb, "contact").note());
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

    private static MetricValue value(AuditEngine.Evaluation o, String column) {
        return o.metrics().stream().filter(m -> m.metric().equals("pii_detected") && column.equals(m.scope())).findFirst().orElseThrow();
    }
}
