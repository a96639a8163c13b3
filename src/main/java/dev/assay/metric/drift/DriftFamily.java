package dev.assay.metric.drift;

import dev.assay.metric.AuditData;
import dev.assay.metric.DeclaredRoles;
import dev.assay.metric.Family;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.MetricDefinition.Input;
import dev.assay.metric.MetricDefinition.Kind;
import dev.assay.metric.MetricDefinition.Source;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Need;
import dev.assay.metric.States;
import dev.assay.metric.ValueFrequencies;
import dev.assay.metric.scan.ScanEngine;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift family's registration point: every column of the evaluation against the baseline
 * ({@link DriftPlan}), the role columns' drift and the share of drifted columns. Its grouped scan
 * leaves the evaluation's value frequencies under {@link ValueFrequencies#EVALUATION} for the quality
 * scan, which runs after it.
 */
public final class DriftFamily implements Family {

    /** The drift of every compared column, by name, with the test the audit chose for it. */
    public static final States.Key<Map<String, DriftState>> DRIFT = new States.Key<>("drift");

    private final List<MetricDefinition> metrics = definitions();

    @Override
    public List<MetricDefinition> metrics() {
        return metrics;
    }

    /** Every column both datasets have but the id (drift_share and the adjustment need them all); nothing without a baseline. */
    @Override
    public States scan(ScanEngine engine, AuditData data, List<Need> needs, States before) throws SQLException {
        if (data.baseline().isEmpty() || needs.isEmpty()) {
            return before;
        }
        List<String> compared = data.columnTypes().keySet().stream().filter(data.baselineTypes()::containsKey)
                .filter(col -> data.id().map(id -> !id.equals(col)).orElse(true)).toList();
        DriftPlan.Comparison comparison = DriftPlan.compareAll(engine, data.evaluation(), data.baseline().get(), compared,
                data.columnTypes(), data.baselineTypes());
        Map<String, DriftState> drift = new LinkedHashMap<>(comparison.states());
        data.defaults().driftTests().forEach((column, test) -> drift.computeIfPresent(column, (k, state) -> state.withTest(test)));
        return before.with(DRIFT, drift).with(ValueFrequencies.EVALUATION, comparison.evaluationFrequencies());
    }

    private static List<MetricDefinition> definitions() {
        List<MetricDefinition> m = new ArrayList<>();
        for (String id : DriftMetrics.COLUMN_IDS) {
            m.add(new MetricDefinition(id, Kind.COLUMN, Source.DRIFT, (scope, s, p) -> {
                Map<String, DriftState> all = s.get(DRIFT, Map.of());
                DriftState d = all.get(scope.attributes().get(0));
                return List.of(d == null ? MetricValue.undefined(id, scope.id(), null, 0,
                        "needs a baseline dataset with this column (the audit's \"baseline\")", null)
                        : DriftMetrics.column(id, scope.id(), d, all));
            }).reading(Input.NOT_ID_COLUMN));
        }
        DriftMetrics.ROLE_IDS.forEach((id, role) -> m.add(new MetricDefinition(id, Kind.DATASET, Source.DRIFT,
                (scope, s, p) -> List.of(DriftMetrics.role(id, s.get(AuditData.ROLES, DeclaredRoles.NONE).outcome(role).orElse(null),
                        s.get(DRIFT, Map.of()))))));
        m.add(new MetricDefinition(DriftMetrics.DRIFT_SHARE, Kind.DATASET, Source.DRIFT,
                (scope, s, p) -> List.of(DriftMetrics.share(s.get(DRIFT, Map.of())))));
        return List.copyOf(m);
    }
}
