package dev.assay.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The decision of an audit: FAIL when any finding's effect is FAIL (a failed {@code block} rule, or
 * an undefined result whose rule says fail), WARN when any is WARN, PASS otherwise.
 */
public record Decision(Verdict verdict, List<String> reasons) {

    public enum Verdict {
        PASS, WARN, FAIL
    }

    /** What one finding of a rule does to the decision: PASS (nothing), WARN or FAIL. */
    public record RuleEffect(String rule, Outcome effect) {
    }

    public Decision {
        reasons = List.copyOf(reasons);
    }

    public static Decision of(List<Finding> findings) {
        return decide(findings.stream().map(f -> new RuleEffect(f.rule(), f.effect())).toList());
    }

    /**
     * The one PASS/WARN/FAIL rule, for an audit's findings and for a gate's waived effects alike: the worst
     * effect decides; the reasons are the rules that failed first, then those that only warn, each rule once,
     * in the order their effects come.
     */
    public static Decision decide(List<RuleEffect> effects) {
        Verdict verdict = Verdict.PASS;
        Set<String> failing = new LinkedHashSet<>();
        Set<String> warning = new LinkedHashSet<>();
        for (RuleEffect e : effects) {
            if (e.effect() == Outcome.FAIL) {
                verdict = Verdict.FAIL;
                failing.add(e.rule());
            } else if (e.effect() == Outcome.WARN) {
                verdict = verdict == Verdict.FAIL ? verdict : Verdict.WARN;
                warning.add(e.rule());
            }
        }
        List<String> reasons = new ArrayList<>(failing);
        warning.stream().filter(rule -> !failing.contains(rule)).forEach(reasons::add);
        return new Decision(verdict, reasons);
    }

    /**
     * The decision with waivers applied, as the gate makes it: a waived rule's failure counts as a warning
     * (FAIL becomes WARN when only waived rules failed); nothing else changes.
     */
    public static Decision waived(List<RuleEffect> effects, Set<String> waivedRules) {
        return decide(effects.stream().map(e -> e.effect() == Outcome.FAIL && waivedRules.contains(e.rule())
                ? new RuleEffect(e.rule(), Outcome.WARN) : e).toList());
    }

    /** Whether a decision of this verdict is at least as good as {@code required} (PASS better than WARN better than FAIL). */
    public static boolean meets(Verdict actual, Verdict required) {
        return actual.ordinal() <= required.ordinal();
    }
}
