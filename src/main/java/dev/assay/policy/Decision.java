package dev.assay.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The decision of an audit: FAIL when any finding's effect is FAIL (a failed {@code block} rule, or
 * an undefined result whose rule says fail), WARN when any is WARN, PASS otherwise.
 */
public record Decision(Verdict verdict, List<String> reasons) {

    public enum Verdict {
        PASS, WARN, FAIL
    }

    public Decision {
        reasons = List.copyOf(reasons);
    }

    public static Decision of(List<Finding> findings) {
        Verdict verdict = Verdict.PASS;
        for (Finding f : findings) {
            if (f.effect() == Outcome.FAIL) {
                verdict = Verdict.FAIL;
            } else if (f.effect() == Outcome.WARN && verdict == Verdict.PASS) {
                verdict = Verdict.WARN;
            }
        }
        // Rules that failed first, then those that only warn; each rule once, in rule order.
        List<Finding> worsening = new ArrayList<>(findings.stream().filter(f -> f.effect() != Outcome.PASS).toList());
        worsening.sort(Comparator.comparing((Finding f) -> f.effect() == Outcome.FAIL ? 0 : 1));
        LinkedHashSet<String> reasons = new LinkedHashSet<>();
        worsening.forEach(f -> reasons.add(f.rule()));
        return new Decision(verdict, new ArrayList<>(reasons));
    }
}
