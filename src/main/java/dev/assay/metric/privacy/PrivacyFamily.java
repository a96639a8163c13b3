package dev.assay.metric.privacy;

import dev.assay.metric.AuditData;
import dev.assay.metric.DeclaredRoles;
import dev.assay.metric.Family;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.MetricDefinition.Kind;
import dev.assay.metric.MetricDefinition.Source;
import dev.assay.metric.Need;
import dev.assay.metric.States;
import dev.assay.metric.scan.ScanEngine;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The privacy family's registration point: re-identification risk and l-diversity from the
 * quasi-identifier classes ({@link AnonymityPlan}, with k-anonymity's floor {@link AnonymityPlan#K}),
 * personal data and special categories from a sample of each text column ({@link PiiSampler}), prohibited
 * features from the card's roles.
 */
public final class PrivacyFamily implements Family {

    public static final States.Key<EquivalenceClasses> CLASSES = new States.Key<>("equivalence classes");
    public static final States.Key<Map<String, PiiSampler.PiiState>> PII = new States.Key<>("personal data");

    private final List<MetricDefinition> metrics = definitions();

    @Override
    public List<MetricDefinition> metrics() {
        return metrics;
    }

    @Override
    public States scan(ScanEngine engine, AuditData data, List<Need> needs, States before) throws SQLException {
        States out = before;
        boolean classes = needs.stream().anyMatch(n -> ReidentificationRisk.IDS.contains(n.metric()) || LDiversity.IDS.contains(n.metric()));
        if (classes) {
            List<String> sensitive = needs.stream().filter(n -> LDiversity.IDS.contains(n.metric()) && n.column() != null)
                    .map(Need::column).distinct().toList();
            out = out.with(CLASSES, new AnonymityPlan(data.roles().quasiIdentifiers(), data.columnTypes(), AnonymityPlan.K)
                    .classes(engine, data.evaluation(), sensitive));
        }
        List<String> scanned = needs.stream().filter(n -> n.definition().source() == Source.PII && n.column() != null)
                .map(Need::column).distinct().toList();
        if (!scanned.isEmpty()) {
            out = out.with(PII, PiiSampler.scan(engine, data.evaluation(), scanned, data.columnTypes(),
                    PiiRecognizers.forPhoneRegions(data.defaults().phoneRegions())));
        }
        return out;
    }

    private static List<MetricDefinition> definitions() {
        List<MetricDefinition> m = new ArrayList<>();
        for (String id : ReidentificationRisk.IDS) {
            m.add(new MetricDefinition(id, Kind.DATASET, Source.QUALITY,
                    (scope, s, p) -> List.of(ReidentificationRisk.of(id, s.get(CLASSES, null)))));
        }
        for (String id : LDiversity.IDS) {
            m.add(new MetricDefinition(id, Kind.COLUMN, Source.QUALITY,
                    (scope, s, p) -> List.of(LDiversity.of(id, scope.id(), s.get(CLASSES, null)))));
        }
        for (String id : List.of(SpecialCategories.SPECIAL_CATEGORY, SpecialCategories.UNDECLARED)) {
            // Read the personal-data scan's sample, for the values of the categories.
            m.add(new MetricDefinition(id, Kind.COLUMN, Source.PII, (scope, s, p) -> List.of(SpecialCategories.column(id,
                    scope.id(), roles(s), s.get(PII, Map.of()).get(scope.attributes().get(0))))));
        }
        m.add(new MetricDefinition(SpecialCategories.PROHIBITED_FEATURE, Kind.DATASET, Source.COUNTS,
                (scope, s, p) -> List.of(SpecialCategories.prohibited(roles(s), p.proxies()))));
        m.add(new MetricDefinition(PiiDetected.ID, Kind.COLUMN, Source.PII,
                (scope, s, p) -> List.of(PiiDetected.of(scope.id(), s.get(PII, Map.of()).get(scope.attributes().get(0))))));
        return List.copyOf(m);
    }

    private static DeclaredRoles roles(States s) {
        return s.get(AuditData.ROLES, DeclaredRoles.NONE);
    }
}
