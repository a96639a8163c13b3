package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.Scope;
import dev.assay.metric.TopK;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the ranking metrics read, as {@link RankingPlan} computed it: for each cut the audit's rules asked for
 * ({@link TopK#NONE} for exposure over the whole ranking), where it fell and each group's place, per scope.
 */
public record Ranking(Map<TopK, Cut> cuts, Map<TopK, Map<Scope, Map<GroupKey, RankedGroup>>> groups) {

    public Ranking {
        cuts = Collections.unmodifiableMap(new LinkedHashMap<>(cuts));
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /** Where {@code topK} cut the ranking, if the scan was asked for it. */
    public Optional<Cut> cut(TopK topK) {
        return Optional.ofNullable(cuts.get(topK));
    }

    /** The groups of {@code scope} at {@code topK}: empty when the scan was not asked for them. */
    public Optional<Map<GroupKey, RankedGroup>> groups(TopK topK, Scope scope) {
        return Optional.ofNullable(groups.get(topK)).map(m -> m.get(scope));
    }
}
