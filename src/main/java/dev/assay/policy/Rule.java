package dev.assay.policy;

import java.util.List;

/**
 * One condition on one metric over one scope.
 *
 * @param scope            "protected" (each protected attribute of the card) or explicit attribute
 *                         names and intersections such as {@code sex*race}
 * @param minimumGroupSize below it a group's finding is undefined (insufficient data), never a pass
 * @param onUndefined      what an undefined finding does to the decision: warn (default), fail or pass
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
        List<Citation> cites) {

    public enum Severity {
        BLOCK, WARN;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Rule {
        scope = List.copyOf(scope);
        cites = List.copyOf(cites);
    }
}
