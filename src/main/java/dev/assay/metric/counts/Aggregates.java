package dev.assay.metric.counts;

import dev.assay.metric.GroupKey;
import dev.assay.metric.Scope;
import dev.assay.metric.States;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * The counts' view of an audit's states: per scope and group, the counts ({@link GroupState}) and,
 * where the audit needs them, the score sums ({@link ScoreState}) and regression sums
 * ({@link RegressionState}), as {@link AggregationPlan} writes them. Other families' states ride
 * along untouched (the view is a {@link States}).
 */
public final class Aggregates extends States {

    public static final Key<Map<Scope, Map<GroupKey, GroupState>>> GROUPS = new Key<>("counts");
    public static final Key<Map<Scope, Map<GroupKey, ScoreState>>> SCORES = new Key<>("scores");
    public static final Key<Map<Scope, Map<GroupKey, RegressionState>>> REGRESSION = new Key<>("regression");
    /** A multiclass model's confusion matrix per scope and group; absent for any other model. */
    public static final Key<Map<Scope, Map<GroupKey, ClassMatrix>>> CLASSES = new Key<>("class matrices");

    private Aggregates(Map<Key<?>, Object> values, boolean raw) {
        super(values);
    }

    private Aggregates(States states) {
        super(states);
    }

    public Aggregates(Map<Scope, Map<GroupKey, GroupState>> byScope) {
        this(byScope, Map.of(), Map.of());
    }

    public Aggregates(Map<Scope, Map<GroupKey, GroupState>> byScope, Map<Scope, Map<GroupKey, ScoreState>> scores,
                      Map<Scope, Map<GroupKey, RegressionState>> regression) {
        this(Map.of(GROUPS, frozen(byScope), SCORES, frozen(scores), REGRESSION, frozen(regression)), true);
    }

    /** The counts' view of {@code states} (no copy when it already is one). */
    public static Aggregates of(States states) {
        return states instanceof Aggregates a ? a : new Aggregates(states);
    }

    @Override
    public <S> Aggregates with(Key<S> key, S value) {
        return new Aggregates(added(key, value), true);
    }

    public Map<Scope, Map<GroupKey, GroupState>> byScope() {
        return get(GROUPS, Map.of());
    }

    public Map<GroupKey, GroupState> groups(Scope scope) {
        return byScope().getOrDefault(scope, Map.of());
    }

    public Map<GroupKey, ScoreState> scores(Scope scope) {
        return get(SCORES, Map.of()).getOrDefault(scope, Map.of());
    }

    public Map<GroupKey, RegressionState> regression(Scope scope) {
        return get(REGRESSION, Map.of()).getOrDefault(scope, Map.of());
    }

    /** Whether the audit's model is multiclass: its class matrices were counted. */
    public boolean hasClasses() {
        return has(CLASSES);
    }

    /** The class matrices of a scope's groups (empty for a model that is not multiclass). */
    public Map<GroupKey, ClassMatrix> classes(Scope scope) {
        return get(CLASSES, Map.of()).getOrDefault(scope, Map.of());
    }

    /** The same aggregates with a multiclass model's matrices. */
    public Aggregates withClasses(Map<Scope, Map<GroupKey, ClassMatrix>> matrices) {
        return with(CLASSES, frozen(matrices));
    }

    /** Whether score states were computed for the scope (they may still hold no group: an empty dataset). */
    public boolean hasScores(Scope scope) {
        return get(SCORES, Map.of()).containsKey(scope);
    }

    public GroupState overall() {
        return groups(Scope.OVERALL).values().stream().findFirst().orElse(GroupState.EMPTY);
    }

    /** Partition states merged group by group: the aggregates of the union of the partitions (counts, score and regression sums). */
    public Aggregates merge(Aggregates other) {
        Aggregates merged = new Aggregates(mergeMaps(byScope(), other.byScope(), GroupState::merge),
                mergeMaps(get(SCORES, Map.of()), other.get(SCORES, Map.of()), ScoreState::merge),
                mergeMaps(get(REGRESSION, Map.of()), other.get(REGRESSION, Map.of()), RegressionState::merge));
        return hasClasses() || other.hasClasses()
                ? merged.withClasses(mergeMaps(get(CLASSES, Map.of()), other.get(CLASSES, Map.of()), ClassMatrix::merge)) : merged;
    }

    private static <S> Map<Scope, Map<GroupKey, S>> frozen(Map<Scope, Map<GroupKey, S>> in) {
        Map<Scope, Map<GroupKey, S>> copy = new LinkedHashMap<>();
        in.forEach((s, g) -> copy.put(s, Collections.unmodifiableMap(new LinkedHashMap<>(g))));
        return Collections.unmodifiableMap(copy);
    }

    private static <S> Map<Scope, Map<GroupKey, S>> mergeMaps(Map<Scope, Map<GroupKey, S>> a, Map<Scope, Map<GroupKey, S>> b,
                                                             BinaryOperator<S> merge) {
        Map<Scope, Map<GroupKey, S>> merged = new LinkedHashMap<>();
        a.forEach((s, g) -> merged.put(s, new LinkedHashMap<>(g)));
        b.forEach((s, g) -> {
            Map<GroupKey, S> target = merged.computeIfAbsent(s, k -> new LinkedHashMap<>());
            g.forEach((k, v) -> target.merge(k, v, merge));
        });
        return merged;
    }
}
