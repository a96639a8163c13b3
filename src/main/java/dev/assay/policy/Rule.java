package dev.assay.policy;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One condition on one metric over one scope.
 *
 * @param scope            "protected" (each protected attribute of the card) or explicit attribute
 *                         names and intersections such as {@code sex*race}
 * @param minimumGroupSize below it a group's finding is undefined (insufficient data), never a pass
 * @param onUndefined      what an undefined finding does to the decision: warn (default), fail or pass
 * @param maxAdjustedP     when set, a value beyond the threshold fails only if its comparison is also
 *                         statistically significant (Benjamini-Hochberg adjusted p below this): the
 *                         EEOC's "practical and statistical significance"
 * @param tasks            the model tasks the rule applies to (empty: all)
 * @param riskTiers        the risk tiers the rule applies to (empty: all)
 * @param minimumDetectable what the audit must have been able to detect for a pass to count; null: nothing
 * @param controls         columns whose strata a comparison is taken within (conditional fairness); empty: none
 * @param validFor         how long an audit of this rule stays valid, as the rule states it; null when the rule
 *                         states none (its pack's {@link Policy#validFor()} then applies, if any)
 */
public record Rule(
        String id,
        String description,
        String metric,
        List<String> scope,
        Threshold threshold,
        Severity severity,
        long minimumGroupSize,
        Outcome onUndefined,
        List<Citation> cites,
        RuleParameters parameters,
        Double maxAdjustedP,
        Set<String> tasks,
        Set<String> riskTiers,
        DetectionRequirement minimumDetectable,
        List<String> controls,
        Validity validFor) {

    public enum Severity {
        BLOCK, WARN;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Rule {
        scope = List.copyOf(scope);
        cites = List.copyOf(cites);
        tasks = Set.copyOf(tasks);
        riskTiers = Set.copyOf(riskTiers);
        controls = List.copyOf(controls);
    }

    /** A rule with no detection requirement, no control columns and no validity of its own. */
    public Rule(String id, String description, String metric, List<String> scope, Threshold threshold, Severity severity,
                long minimumGroupSize, Outcome onUndefined, List<Citation> cites, RuleParameters parameters, Double maxAdjustedP,
                Set<String> tasks, Set<String> riskTiers) {
        this(id, description, metric, scope, threshold, severity, minimumGroupSize, onUndefined, cites, parameters, maxAdjustedP,
                tasks, riskTiers, null, List.of(), null);
    }

    /** How long an audit of this rule stays valid: its own {@code validFor}, else its pack's; null when neither says. */
    public Validity validity(Policy pack) {
        return validFor != null ? validFor : pack.validFor();
    }

    /** Whether the rule applies to a model of this task and risk tier. */
    public boolean appliesTo(String task, String riskTier) {
        return (tasks.isEmpty() || tasks.contains(task)) && (riskTiers.isEmpty() || (riskTier != null && riskTiers.contains(riskTier)));
    }
}
