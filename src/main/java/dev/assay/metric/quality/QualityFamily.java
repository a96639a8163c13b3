package dev.assay.metric.quality;

import dev.assay.metric.AuditData;
import dev.assay.metric.Family;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.MetricDefinition.Input;
import dev.assay.metric.MetricDefinition.Kind;
import dev.assay.metric.MetricDefinition.Source;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Need;
import dev.assay.metric.States;
import dev.assay.metric.ValueFrequencies;
import dev.assay.metric.counts.Aggregates;
import dev.assay.metric.scan.ScanEngine;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data-quality family's registration point: completeness, distinct values, uniqueness, ranges,
 * rows and duplicates from {@link QualityPlan}; the declared column checks, prediction validity and
 * schema conformance from {@link ValidityPlan}; label balance from the shared counts.
 */
public final class QualityFamily implements Family {

    public static final States.Key<Map<String, ColumnState>> COLUMNS = new States.Key<>("quality columns");
    public static final States.Key<DatasetState> DATASET = new States.Key<>("quality dataset");
    public static final States.Key<ValidityState> VALIDITY = new States.Key<>("validity");

    private final List<MetricDefinition> metrics = definitions();

    @Override
    public List<MetricDefinition> metrics() {
        return metrics;
    }

    /**
     * The quality scans the needs ask for: the columns' (reusing the frequencies an earlier scan of the
     * evaluation counted, drift's), then the rows and duplicates (sparing the DISTINCT when a column is a
     * key), then the validity counts.
     */
    @Override
    public States scan(ScanEngine engine, AuditData data, List<Need> needs, States before) throws SQLException {
        States out = before;
        List<Need> quality = needs.stream().filter(n -> n.definition().source() == Source.QUALITY).toList();
        if (!quality.isEmpty()) {
            List<String> columns = quality.stream().filter(n -> n.definition().kind() == Kind.COLUMN).map(Need::column)
                    .filter(c -> c != null && data.columnTypes().containsKey(c)).distinct().toList();
            QualityPlan plan = new QualityPlan(columns, data.columnTypes());
            Map<String, ColumnState> states = plan.columns(engine, data.evaluation(), before.get(ValueFrequencies.EVALUATION, Map.of()));
            out = out.with(COLUMNS, states);
            if (quality.stream().anyMatch(n -> n.definition().kind() == Kind.DATASET)) {
                out = out.with(DATASET, plan.dataset(engine, data.evaluation(), states));
            }
        }
        List<Need> validity = needs.stream().filter(n -> n.definition().source() == Source.VALIDITY).toList();
        if (!validity.isEmpty()) {
            List<ValidityState.ColumnCheck> checks = validity.stream()
                    .filter(n -> ColumnChecks.IDS.contains(n.metric()) && n.column() != null
                            && ColumnChecks.missingParameter(n.metric(), n.parameters().expectation()).isEmpty())
                    .map(n -> new ValidityState.ColumnCheck(n.metric(), n.column(), n.parameters().expectation()))
                    .distinct().toList();
            boolean predictions = validity.stream().anyMatch(n -> n.metric().equals(PredictionValidity.ID));
            List<ValidityPlan.NamedRole> named = data.named().stream()
                    .map(c -> new ValidityPlan.NamedRole(c.name(), c.role(), c.needsNumbers())).toList();
            out = out.with(VALIDITY, new ValidityPlan(checks, named, data.outcomes(), predictions, data.regression())
                    .execute(engine, data.evaluation()));
        }
        return out;
    }

    private static List<MetricDefinition> definitions() {
        List<MetricDefinition> m = new ArrayList<>();
        for (String id : List.of(QualityMetrics.ROW_COUNT, QualityMetrics.DUPLICATE_ROWS)) {
            m.add(new MetricDefinition(id, Kind.DATASET, Source.QUALITY,
                    (scope, s, p) -> List.of(QualityMetrics.dataset(id, s.get(DATASET, null)))));
        }
        for (String id : QualityMetrics.COLUMN_IDS) {
            m.add(new MetricDefinition(id, Kind.COLUMN, Source.QUALITY, (scope, s, p) -> {
                ColumnState c = s.get(COLUMNS, Map.of()).get(scope.attributes().get(0));
                return List.of(c == null ? MetricValue.undefined(id, scope.id(), null, 0, "no such column in the dataset", null)
                        : QualityMetrics.column(id, scope.id(), c, p.confidence()));
            }));
        }
        for (String id : ColumnChecks.IDS) {
            m.add(new MetricDefinition(id, Kind.COLUMN, Source.VALIDITY, (scope, s, p) -> {
                ValidityState.CheckCount count = s.get(VALIDITY, ValidityState.NONE).checks().get(
                        new ValidityState.ColumnCheck(id, scope.attributes().get(0), p.expectation()));
                return List.of(count != null ? ColumnChecks.of(id, scope.id(), count, p.confidence())
                        : MetricValue.undefined(id, scope.id(), null, 0, ColumnChecks.missingParameter(id, p.expectation())
                        .map(param -> "needs a rule declaring parameters." + param).orElse("no such column in the dataset"), null));
            }).reading(Input.SCORE_COLUMN));
        }
        // A multiclass model: the rarest of its classes against the commonest, not the favorable ones against the rest.
        m.add(dev.assay.metric.counts.PerClass.orClasses(new MetricDefinition(LabelBalance.ID, Kind.PER_GROUP, Source.COUNTS,
                (scope, s, p) -> LabelBalance.all(scope.id(), Aggregates.of(s).groups(scope))),
                (scope, s, p) -> LabelBalance.ofClasses(scope.id(), Aggregates.of(s).classes(scope))));
        m.add(new MetricDefinition(PredictionValidity.ID, Kind.DATASET, Source.VALIDITY,
                (scope, s, p) -> List.of(PredictionValidity.of(s.get(VALIDITY, ValidityState.NONE), p.confidence())))
                .reading(Input.SCORE_COLUMN));
        m.add(new MetricDefinition(SchemaConformance.ID, Kind.DATASET, Source.VALIDITY,
                (scope, s, p) -> List.of(SchemaConformance.of(s.get(VALIDITY, ValidityState.NONE)))).reading(Input.SCORE_COLUMN));
        return List.copyOf(m);
    }
}
