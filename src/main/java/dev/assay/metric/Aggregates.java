package dev.assay.metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of an audit's aggregation scans: per scope and group, the counts ({@link GroupState}),
 * and where the audit needs them the score sums ({@link ScoreState}) and rank statistics
 * ({@link RankState}).
 */
public record Aggregates(Map<Scope, Map<GroupKey, GroupState>> byScope,
                         Map<Scope, Map<GroupKey, ScoreState>> scores,
                         Map<Scope, Map<GroupKey, RankState>> ranks,
                         Map<Scope, Map<GroupKey, RegressionState>> regression,
                         Map<String, ColumnState> columns,
                         DatasetState dataset,
                         Map<String, DriftState> drift,
                         Map<String, PiiPlan.PiiState> pii,
                         DeclaredRoles roles,
                         ValidityState validity,
                         ApprovedValues approved,
                         jakarta.json.JsonObject card) {

    public Aggregates {
        columns = Map.copyOf(columns);
        drift = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(drift));
        pii = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pii));
        byScope = frozen(byScope);
        scores = frozen(scores);
        ranks = frozen(ranks);
        regression = frozen(regression);
    }

    public Aggregates(Map<Scope, Map<GroupKey, GroupState>> byScope) {
        this(byScope, Map.of(), Map.of(), Map.of(), Map.of(), null, Map.of(), Map.of(), DeclaredRoles.NONE, ValidityState.NONE,
                ApprovedValues.NONE, null);
    }

    public Aggregates(Map<Scope, Map<GroupKey, GroupState>> byScope, Map<Scope, Map<GroupKey, ScoreState>> scores,
                      Map<Scope, Map<GroupKey, RankState>> ranks, Map<Scope, Map<GroupKey, RegressionState>> regression) {
        this(byScope, scores, ranks, regression, Map.of(), null, Map.of(), Map.of(), DeclaredRoles.NONE, ValidityState.NONE,
                ApprovedValues.NONE, null);
    }

    public Aggregates withQuality(Map<String, ColumnState> c, DatasetState d) {
        return new Aggregates(byScope, scores, ranks, regression, c, d, drift, pii, roles, validity, approved, card);
    }

    public Aggregates withDrift(Map<String, DriftState> d) {
        return new Aggregates(byScope, scores, ranks, regression, columns, dataset, d, pii, roles, validity, approved, card);
    }

    public Aggregates withPii(Map<String, PiiPlan.PiiState> p) {
        return new Aggregates(byScope, scores, ranks, regression, columns, dataset, drift, p, roles, validity, approved, card);
    }

    public Aggregates withRoles(DeclaredRoles r) {
        return new Aggregates(byScope, scores, ranks, regression, columns, dataset, drift, pii, r, validity, approved, card);
    }

    public Aggregates withValidity(ValidityState v) {
        return new Aggregates(byScope, scores, ranks, regression, columns, dataset, drift, pii, roles, v, approved, card);
    }

    public Aggregates withApproved(ApprovedValues a) {
        return new Aggregates(byScope, scores, ranks, regression, columns, dataset, drift, pii, roles, validity, a, card);
    }

    /** The model card as submitted, for the documentation metrics. */
    public Aggregates withCard(jakarta.json.JsonObject document) {
        return new Aggregates(byScope, scores, ranks, regression, columns, dataset, drift, pii, roles, validity, approved, document);
    }

    public Map<GroupKey, RegressionState> regression(Scope scope) {
        return regression.getOrDefault(scope, Map.of());
    }

    private static <S> Map<Scope, Map<GroupKey, S>> frozen(Map<Scope, Map<GroupKey, S>> in) {
        Map<Scope, Map<GroupKey, S>> copy = new LinkedHashMap<>();
        in.forEach((s, g) -> copy.put(s, Collections.unmodifiableMap(new LinkedHashMap<>(g))));
        return Collections.unmodifiableMap(copy);
    }

    public Map<GroupKey, GroupState> groups(Scope scope) {
        return byScope.getOrDefault(scope, Map.of());
    }

    public Map<GroupKey, ScoreState> scores(Scope scope) {
        return scores.getOrDefault(scope, Map.of());
    }

    public Map<GroupKey, RankState> ranks(Scope scope) {
        return ranks.getOrDefault(scope, Map.of());
    }

    /** Whether score states were computed for the scope (they may still hold no group: an empty dataset). */
    public boolean hasScores(Scope scope) {
        return scores.containsKey(scope);
    }

    /** Whether ranks were computed for the scope. */
    public boolean hasRanks(Scope scope) {
        return ranks.containsKey(scope);
    }

    public GroupState overall() {
        return groups(Scope.OVERALL).values().stream().findFirst().orElse(GroupState.EMPTY);
    }

    public Aggregates withScores(Map<Scope, Map<GroupKey, ScoreState>> s) {
        return new Aggregates(byScope, s, ranks, regression, columns, dataset, drift, pii, roles, validity, approved, card);
    }

    public Aggregates withRanks(Map<Scope, Map<GroupKey, RankState>> r) {
        return new Aggregates(byScope, scores, r, regression, columns, dataset, drift, pii, roles, validity, approved, card);
    }

    /** Partition states merged group by group: the aggregates of the union of the partitions (counts, score and regression sums; not ranks). */
    public Aggregates merge(Aggregates other) {
        return new Aggregates(mergeMaps(byScope, other.byScope, GroupState::merge),
                mergeMaps(scores, other.scores, ScoreState::merge), Map.of(),
                mergeMaps(regression, other.regression, RegressionState::merge));
    }

    private static <S> Map<Scope, Map<GroupKey, S>> mergeMaps(Map<Scope, Map<GroupKey, S>> a, Map<Scope, Map<GroupKey, S>> b,
                                                             java.util.function.BinaryOperator<S> merge) {
        Map<Scope, Map<GroupKey, S>> merged = new LinkedHashMap<>();
        a.forEach((s, g) -> merged.put(s, new LinkedHashMap<>(g)));
        b.forEach((s, g) -> {
            Map<GroupKey, S> target = merged.computeIfAbsent(s, k -> new LinkedHashMap<>());
            g.forEach((k, v) -> target.merge(k, v, merge));
        });
        return merged;
    }
}
