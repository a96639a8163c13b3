package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code impact_ratio_at_k}: the rank-aware impact ratio, each group's {@code selection_rate_at_k} over the
 * highest group's, computed by {@link ImpactRatio}'s rules (29 CFR 1607.4(D); NYC LL144): the reference is the
 * highest rate among the groups with at least the rule's minimum group size of ranked rows, exactly 1 for
 * itself; Katz interval and Fisher's exact or the two-proportion z-test, adjusted across the audit; LL144's
 * optional exclusion of categories under a share of the rows. Fisher's test conditions on the total selected,
 * which a shortlist fixes at k. When rows tied at the cut make a count fractional, the ratio is exact and has no
 * interval or test.
 */
public final class ImpactRatioAtK {

    public static final String ID = "impact_ratio_at_k";

    private ImpactRatioAtK() {
    }

    public static List<MetricValue> all(String scope, RankedGroups ranked, long minimumGroupSize, double confidence,
                                        double excludeBelowShare) {
        Map<GroupKey, Selections> selections = new LinkedHashMap<>();
        ranked.groups().forEach((k, g) -> selections.put(k, g.selections(ranked.cut())));
        Map<String, RankedGroup> byId = new LinkedHashMap<>();
        ranked.groups().forEach((k, g) -> byId.put(k.id(), g));
        return ImpactRatio.ratios(ID, scope, selections, minimumGroupSize, confidence, excludeBelowShare, RankedGroups.NO_SCORE)
                .stream().map(v -> ranked.described(v, byId.get(v.group()))).toList();
    }
}
