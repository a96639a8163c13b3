package dev.assay.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditorViewTest {

    private static ReportDocument report(String waiverStatus) {
        return ReportDocument.parse(AuditorFixture.report(waiverStatus));
    }

    @Test
    void theRegulatorsTableHasCountsRatesRatiosAndStatusPerCategory() {
        AuditorView view = AuditorView.of(report("approved"), List.of());
        RateTable t = view.tablesOf("nyc-ll144", "ll144-impact-ratio").get(0);
        assertEquals("race", t.scope());
        assertEquals("selection_rate", t.rateMetric());
        // The reference: the highest rate among categories not excluded (Asian ... has 40 rows, under 2% of 3,843).
        assertEquals("Caucasian", t.reference());
        assertEquals(17L, t.unknown());
        assertEquals("selected: decision is advance (the model card's favourable outcome)", t.selectedMeans());
        assertEquals("2 decimals, half_up", t.rounding());
        RateTable.Row aa = t.rows().get(0);
        assertEquals("African-American", aa.category());
        assertEquals(2000L, aa.rows());
        assertEquals(660L, aa.selected());
        assertEquals(660.0 / 2000, aa.rate(), 1e-12);
        assertEquals((660.0 / 2000) / (950.0 / 1800), aa.ratio(), 1e-12);
        assertEquals("0.33 (0.3300)", aa.rateText());
        assertEquals("0.63 (0.6253)", aa.ratioText());
        assertEquals("fail", aa.status());
        assertEquals("reference", t.rows().get(1).status());
        assertEquals("1,800", t.rows().get(1).rowsText());
        // Excluded under 2%: no ratio, its counts still shown (6 RCNY 5-301).
        RateTable.Row asian = t.rows().get(3);
        assertEquals("excluded", asian.status());
        assertEquals(40L, asian.rows());
        assertEquals(30L, asian.selected());
        assertNull(asian.ratio());
        assertTrue(asian.why().startsWith("excluded: 1.04% of the data"), asian.why());
        // A small cell stays suppressed in the table as everywhere.
        RateTable.Row small = t.rows().get(2);
        assertEquals("suppressed", small.status());
        assertNull(small.rows());
        assertNull(small.rate());
        assertEquals("-", small.rowsText());
    }

    @Test
    void everyImpactRatioRuleAndScopeHasATableAndExtraColumnsAppearWhenCarried() {
        AuditorView view = AuditorView.of(report("approved"), List.of());
        // In the policies' rule order, not the findings'.
        assertEquals(List.of("ll144-impact-ratio", "ll144-impact-ratio-intersectional", "four-fifths-impact-ratio"),
                view.rateTables().stream().map(RateTable::rule).toList());
        RateTable intersection = view.tablesOf("nyc-ll144", "ll144-impact-ratio-intersectional").get(0);
        assertEquals("race*sex", intersection.scope());
        assertEquals("Caucasian*Female", intersection.reference());
        assertEquals(List.of(), intersection.extraColumns());
        // The four-fifths rule's report carries no companions of its own here: counts come from the same scope's metrics.
        assertEquals(2000L, view.tablesOf("eeoc-four-fifths", "four-fifths-impact-ratio").get(0).rows().get(0).rows());
    }

    @Test
    void anApprovedWaiverMakesTheGateWarnAndTheViewSaysWhoApprovedItUntilWhen() {
        ReportDocument report = report("approved");
        DecisionView d = AuditorView.of(report, AuditorView.reportWaivers(report)).decision();
        assertEquals("FAIL", d.signed());
        assertEquals("WARN", d.now());
        assertTrue(d.moved());
        assertEquals(List.of(), d.blocking());
        assertEquals(List.of("four-fifths-impact-ratio"), d.waived().stream().map(DecisionView.Item::rule).distinct().toList());
        DecisionView.Item waived = d.waived().get(0);
        assertEquals("ada", waived.approvedBy());
        assertEquals(Instant.parse("2026-12-20T10:00:00Z"), waived.until());
        assertEquals("waived: approved by ada until 2026-12-20 10:00 UTC", waived.waiverText());
        // The LL144 rules only warn: their failures are warnings, their excluded and small categories undefined.
        assertTrue(d.warnings().stream().allMatch(i -> i.rule().startsWith("ll144")) && !d.warnings().isEmpty());
        assertTrue(d.undefined().stream().noneMatch(DecisionView.Item::blocks) && !d.undefined().isEmpty());
        assertTrue(d.sentence().startsWith("The audit decided FAIL (as signed); the gate is WARN because approved waivers cover every"
                + " blocking failure (four-fifths-impact-ratio approved by ada until 2026-12-20 10:00 UTC)"), d.sentence());
    }

    @Test
    void withoutAnApprovedWaiverTheFailureBlocksAndTheGateIsTheSignedDecision() {
        ReportDocument report = report("pending");
        DecisionView d = DecisionView.of(report, AuditorView.reportWaivers(report));
        assertEquals("FAIL", d.now());
        assertTrue(!d.moved());
        assertEquals(List.of("four-fifths-impact-ratio"), d.blocking().stream().map(DecisionView.Item::rule).distinct().toList());
        assertTrue(d.blocking().stream().allMatch(DecisionView.Item::blocks));
        assertEquals(List.of(), d.waived());
        assertEquals("The gate is FAIL, as the audit decided: the blocking rule four-fifths-impact-ratio fails and no approved"
                + " waiver covers it.", d.sentence());
    }

    @Test
    void theGateNowUsesTheWaiversGivenNotThoseTheReportRecorded() {
        // The report recorded a pending request; approved since: the page shows the gate now.
        ReportDocument report = report("pending");
        DecisionView d = DecisionView.of(report, List.of(new DecisionView.Waiver("four-fifths-impact-ratio", "approved", "ada",
                Instant.parse("2027-01-31T23:59:59Z"))));
        assertEquals("FAIL", d.signed());
        assertEquals("WARN", d.now());
        assertEquals("2027-01-31 23:59 UTC", DecisionView.time(d.waived().get(0).until()));
        // An expired waiver no longer counts.
        DecisionView expired = DecisionView.of(report, List.of(new DecisionView.Waiver("four-fifths-impact-ratio", "expired", "ada",
                Instant.parse("2026-01-31T23:59:59Z"))));
        assertEquals("FAIL", expired.now());
    }

    @Test
    void ruleParametersAreWrittenInWords() {
        ReportDocument report = report("approved");
        assertEquals("metric impact_ratio; passes when >= 0.8; severity warn; minimum group size 1; undefined results warn;"
                + " exclude below share 0.02", AuditorView.ruleParameters(report.policies().get(0).getJsonArray("rules").getJsonObject(0)));
    }
}
