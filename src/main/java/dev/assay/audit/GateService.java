package dev.assay.audit;

import dev.assay.infrastructure.Clocks;
import dev.assay.policy.Decision;
import dev.assay.registry.ModelVersion;
import dev.assay.waiver.WaiverService;
import dev.assay.waiver.WaiverStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gate of a model version: the decision of its latest finished audit, with approved, unexpired
 * waivers applied: a waived rule's failure counts as a warning. Waivers expire by the clock, so the
 * gate returns to FAIL by itself.
 */
@ApplicationScoped
public class GateService {

    @Inject
    AuditRepository audits;

    @Inject
    WaiverService waivers;

    Clock clock = Clocks.UTC_MICROS;

    /** NONE when no audit of the version has finished. */
    public record Gate(String decision, String auditId, List<String> reasons, List<WaiverService.View> waivers,
                       Set<String> failingRules) {

        /**
         * Whether the version counts as approved, the baseline later versions must not fall behind:
         * its gate passes, or its failures are all waived (the gate is WARN only thanks to waivers).
         * A plain WARN is neither accepted by the gate nor by an auditor, so it does not count.
         */
        public boolean approved() {
            return decision.equals("PASS") || decision.equals("WARN") && !failingRules.isEmpty();
        }

        public boolean meets(Decision.Verdict required) {
            if (decision.equals("NONE")) {
                return false;
            }
            Decision.Verdict actual = Decision.Verdict.valueOf(decision);
            return actual.ordinal() <= required.ordinal();
        }
    }

    /** The worst effect of each rule in an audit, in rule order. */
    public record RuleEffect(String rule, String effect) {
    }

    public Gate of(ModelVersion version) {
        Optional<AuditRun> latest = audits.latestDone(version.id());
        List<WaiverService.View> all = waivers.ofVersion(version.id());
        if (latest.isEmpty()) {
            return new Gate("NONE", null, List.of(), all, Set.of());
        }
        AuditResult result = audits.result(latest.get().id()).orElseThrow();
        List<RuleEffect> effects = effects(result.reportJson());
        Set<String> waived = new LinkedHashSet<>();
        all.stream().filter(w -> w.status() == WaiverStatus.APPROVED).forEach(w -> waived.add(w.waiver().rule()));
        Decision decision = evaluate(effects, waived);
        Set<String> failing = new LinkedHashSet<>();
        effects.stream().filter(e -> e.effect().equals("fail")).forEach(e -> failing.add(e.rule()));
        return new Gate(decision.verdict().name(), latest.get().id(), decision.reasons(), all, failing);
    }

    /** The decision from each rule's worst effect, a waived rule's failure counting as a warning. */
    public static Decision evaluate(List<RuleEffect> effects, Set<String> waivedRules) {
        Decision.Verdict verdict = Decision.Verdict.PASS;
        List<String> failing = new ArrayList<>();
        List<String> warning = new ArrayList<>();
        for (RuleEffect e : effects) {
            String effect = e.effect().equals("fail") && waivedRules.contains(e.rule()) ? "warn" : e.effect();
            if (effect.equals("fail")) {
                verdict = Decision.Verdict.FAIL;
                failing.add(e.rule());
            } else if (effect.equals("warn")) {
                verdict = verdict == Decision.Verdict.FAIL ? verdict : Decision.Verdict.WARN;
                warning.add(e.rule());
            }
        }
        List<String> reasons = new ArrayList<>(failing);
        reasons.addAll(warning);
        return new Decision(verdict, reasons);
    }

    static List<RuleEffect> effects(String reportJson) {
        JsonObject report = Json.createReader(new StringReader(reportJson)).readObject();
        Map<String, String> worst = new LinkedHashMap<>();
        for (JsonObject f : report.getJsonArray("findings").getValuesAs(JsonObject.class)) {
            worst.merge(f.getString("rule"), f.getString("effect"), (a, b) -> rank(b) > rank(a) ? b : a);
        }
        return worst.entrySet().stream().map(e -> new RuleEffect(e.getKey(), e.getValue())).toList();
    }

    private static int rank(String effect) {
        return switch (effect) {
            case "fail" -> 2;
            case "warn" -> 1;
            default -> 0;
        };
    }
}
