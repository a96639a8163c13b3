package dev.assay.audit;

import dev.assay.policy.Decision;
import dev.assay.policy.Expiry;
import dev.assay.policy.Outcome;
import dev.assay.waiver.Waiver;
import dev.assay.waiver.WaiverDecision;
import dev.assay.waiver.WaiverStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gate's decision table: block, warn, undefined-as-warn, waived, expired waivers and expired audits. */
class GateDecisionTest {

    private static Decision.RuleEffect e(String rule, String effect) {
        return new Decision.RuleEffect(rule, Outcome.valueOf(effect.toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void decisionTable() {
        assertEquals(new Decision(Decision.Verdict.PASS, List.of()),
                GateService.evaluate(List.of(e("a", "pass"), e("b", "pass")), Set.of()));
        assertEquals(new Decision(Decision.Verdict.WARN, List.of("b")),
                GateService.evaluate(List.of(e("a", "pass"), e("b", "warn")), Set.of()));
        assertEquals(new Decision(Decision.Verdict.FAIL, List.of("a", "b")),
                GateService.evaluate(List.of(e("a", "fail"), e("b", "warn")), Set.of()));
        // A waived failure is a warning; another failure still fails.
        assertEquals(new Decision(Decision.Verdict.WARN, List.of("a")),
                GateService.evaluate(List.of(e("a", "fail"), e("b", "pass")), Set.of("a")));
        assertEquals(new Decision(Decision.Verdict.FAIL, List.of("c", "a")),
                GateService.evaluate(List.of(e("a", "fail"), e("c", "fail")), Set.of("a")));
        // A waiver of a rule that passes changes nothing.
        assertEquals(Decision.Verdict.PASS, GateService.evaluate(List.of(e("a", "pass")), Set.of("a")).verdict());
    }

    @Test
    void approvedMeansPassedOrFailuresWaived() {
        assertEquals(true, new GateService.Gate("PASS", "a", List.of(), List.of(), Set.of()).approved());
        assertEquals(true, new GateService.Gate("WARN", "a", List.of("r"), List.of(), Set.of("r")).approved(),
                "a failure lifted to WARN by a waiver");
        assertEquals(false, new GateService.Gate("WARN", "a", List.of("w"), List.of(), Set.of()).approved(),
                "a plain warning is accepted by no one");
        assertEquals(false, new GateService.Gate("FAIL", "a", List.of("r"), List.of(), Set.of("r")).approved());
        assertEquals(false, new GateService.Gate("NONE", null, List.of(), List.of(), Set.of()).approved());
    }

    /** An audit's validity ends by the clock: the decision its rules and waivers give until then, FAIL "audit expired" from then on. */
    @Test
    void anExpiredAuditFailsFromItsExpiryInstantOn() {
        Expiry expiry = new Expiry(Instant.parse("2027-03-01T09:30:00Z"), "P1Y", "nyc-ll144", "ll144-impact-ratio");
        Decision warn = GateService.evaluate(List.of(e("a", "fail")), Set.of("a"));
        assertEquals(warn, GateService.evaluate(warn, expiry, Instant.parse("2027-03-01T09:29:59.999999Z")));
        Decision expired = new Decision(Decision.Verdict.FAIL, List.of("audit expired"));
        assertEquals(expired, GateService.evaluate(warn, expiry, Instant.parse("2027-03-01T09:30:00Z")));
        assertEquals(expired, GateService.evaluate(new Decision(Decision.Verdict.PASS, List.of()), expiry,
                Instant.parse("2030-01-01T00:00:00Z")), "a pass expires like anything else");
        // Without a validity an audit never expires.
        assertEquals(warn, GateService.evaluate(warn, null, Instant.parse("3000-01-01T00:00:00Z")));
        // The approval it rested on still counts as the version's approval (the baseline of later versions).
        assertEquals(true, new GateService.Gate("FAIL", "a", List.of("audit expired"), List.of(), Set.of(),
                expiry.at(), "PASS").approved());
        assertEquals(false, new GateService.Gate("FAIL", "a", List.of("audit expired"), List.of(), Set.of("r"),
                expiry.at(), "FAIL").approved());
    }

    @Test
    void waiverStatusFollowsTheClock() {
        Instant requested = Instant.parse("2026-11-01T00:00:00Z");
        Instant expires = Instant.parse("2026-12-01T00:00:00Z");
        Waiver w = new Waiver("w1", "v1", "a", "because the sample is known to be skewed", expires, "alice", "alice", requested);
        WaiverDecision approved = new WaiverDecision("w1", WaiverDecision.Ruling.APPROVED, "bob", "ok",
                Instant.parse("2026-11-02T00:00:00Z"));
        assertEquals(WaiverStatus.PENDING, WaiverStatus.of(w, null, Instant.parse("2026-11-01T12:00:00Z")));
        assertEquals(WaiverStatus.APPROVED, WaiverStatus.of(w, approved, Instant.parse("2026-11-30T23:59:59Z")));
        assertEquals(WaiverStatus.EXPIRED, WaiverStatus.of(w, approved, expires));
        assertEquals(WaiverStatus.EXPIRED, WaiverStatus.of(w, null, Instant.parse("2027-01-01T00:00:00Z")));
        WaiverDecision rejected = new WaiverDecision("w1", WaiverDecision.Ruling.REJECTED, "bob", "no", requested);
        assertEquals(WaiverStatus.REJECTED, WaiverStatus.of(w, rejected, Instant.parse("2026-11-05T00:00:00Z")));
    }
}
