package dev.assay.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code validFor}: its forms, calendar arithmetic at month and leap-year ends, and which rule sets an audit's expiry. */
class ValidityTest {

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    private static Validity v(String text) {
        return Validity.parse(text).orElseThrow(() -> new AssertionError(text + " should parse"));
    }

    @Test
    void aYearIsACalendarYearInUtc() {
        assertEquals(at("2027-03-01T09:30:00Z"), v("P1Y").expiry(at("2026-03-01T09:30:00Z")));
        // 29 February plus a year: the last day of February (java.time keeps the last valid day of the month).
        assertEquals(at("2025-02-28T12:00:00.000001Z"), v("P1Y").expiry(at("2024-02-29T12:00:00.000001Z")));
        // A year across a leap day is 366 days of 24 hours; UTC has no daylight-saving shift.
        assertEquals(at("2024-12-31T00:00:00Z"), v("P1Y").expiry(at("2023-12-31T00:00:00Z")));
        assertEquals(366L * 86_400, java.time.Duration.between(at("2023-12-31T00:00:00Z"), at("2024-12-31T00:00:00Z")).toSeconds());
    }

    @Test
    void monthsEndOnTheLastDayOfAShorterMonth() {
        assertEquals(at("2026-02-28T23:00:00Z"), v("P1M").expiry(at("2026-01-31T23:00:00Z")));
        assertEquals(at("2026-07-31T00:00:00Z"), v("P6M").expiry(at("2026-01-31T00:00:00Z")));
    }

    @Test
    void weeksDaysAndTimesAddUp() {
        assertEquals(at("2026-01-15T00:00:00Z"), v("P2W").expiry(at("2026-01-01T00:00:00Z")));
        assertEquals(at("2026-01-02T12:00:00Z"), v("P1DT12H").expiry(at("2026-01-01T00:00:00Z")));
        assertEquals(at("2026-01-01T00:00:05.123456Z"), v("PT5S").expiry(at("2026-01-01T00:00:00.123456Z")));
        assertEquals(at("2027-02-02T01:01:01Z"), v("P1Y1M1DT1H1M1S").expiry(at("2026-01-01T00:00:00Z")));
        assertEquals("P1Y1M1DT1H1M1S", v("P1Y1M1DT1H1M1S").text());
    }

    @Test
    void otherFormsAndZeroAreRefused() {
        for (String bad : new String[] {"", "P", "PT", "P1DT", "1Y", "P1.5Y", "-P1D", "P1Y-2M", "PT0.5S", "p1y", "P1234567D",
                "P0D", "PT0S", "P0Y0M0W0DT0H0M0S", "P1H"}) {
            assertEquals(Optional.empty(), Validity.parse(bad), bad);
        }
        assertEquals(Optional.empty(), Validity.parse(null));
    }

    private static Rule rule(String id, Validity validFor) {
        return new Rule(id, "", "impact_ratio", List.of("protected"), new Threshold(Threshold.Comparator.GE, 0.8),
                Rule.Severity.BLOCK, 30, Outcome.WARN, List.of(), RuleParameters.NONE, null, Set.of(), Set.of(), null, List.of(), validFor);
    }

    private static Finding finding(String policy, String rule) {
        return new Finding(rule, policy, "impact_ratio", "sex", "F", 0.9, null, 100, new Threshold(Threshold.Comparator.GE, 0.8),
                Outcome.PASS, Rule.Severity.BLOCK, Outcome.PASS, null, null, null, null, null);
    }

    @Test
    void theEarliestValidityOfTheJudgedRulesSetsTheExpiry() {
        Instant done = at("2026-03-01T00:00:00Z");
        Policy ll144 = new Policy("ll144", "1.1.0", "t", "", List.of(rule("a", null), rule("b", v("P6M"))), "s1", "", v("P1Y"));
        Policy plain = new Policy("plain", "1.0.0", "t", "", List.of(rule("c", null)), "s2", "", null);
        // Rule b states six months, beating its pack's year.
        assertEquals(Optional.of(new Expiry(at("2026-09-01T00:00:00Z"), "P6M", "ll144", "b")),
                Expiry.of(List.of(plain, ll144), List.of(finding("plain", "c"), finding("ll144", "a"), finding("ll144", "b")), done));
        // Rule b gave no finding (it did not apply): the pack's year, through rule a.
        assertEquals(Optional.of(new Expiry(at("2027-03-01T00:00:00Z"), "P1Y", "ll144", "a")),
                Expiry.of(List.of(plain, ll144), List.of(finding("plain", "c"), finding("ll144", "a")), done));
        // A finding of another pack's rule of the same id does not count for this pack.
        assertEquals(Optional.empty(), Expiry.of(List.of(plain, ll144), List.of(finding("plain", "c"), finding("plain", "a")), done));
        // No validity anywhere: never expires.
        assertEquals(Optional.empty(), Expiry.of(List.of(plain), List.of(finding("plain", "c")), done));
    }

    @Test
    void anAuditIsExpiredFromItsExpiryInstantOn() {
        Expiry e = new Expiry(at("2027-03-01T00:00:00Z"), "P1Y", "ll144", "a");
        assertFalse(e.reached(at("2027-02-28T23:59:59.999999Z")));
        assertTrue(e.reached(at("2027-03-01T00:00:00Z")));
        assertTrue(e.reached(at("2027-03-01T00:00:00.000001Z")));
    }
}
