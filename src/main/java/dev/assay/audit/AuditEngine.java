package dev.assay.audit;

import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.AggregationPlan;
import dev.assay.metric.ApprovedValues;
import dev.assay.metric.performance.ChangeFromApproved;
import dev.assay.metric.Aggregates;
import dev.assay.metric.MetricCatalogue;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Outcomes;
import dev.assay.metric.Scope;
import dev.assay.metric.DriftPlan;
import dev.assay.metric.DriftState;
import dev.assay.metric.DeclaredRoles;
import dev.assay.metric.PiiPlan;
import dev.assay.metric.QualityPlan;
import dev.assay.metric.RankPlan;
import dev.assay.metric.ValidityPlan;
import dev.assay.metric.ValidityState;
import dev.assay.metric.privacy.LDiversity;
import dev.assay.metric.quality.ColumnChecks;
import dev.assay.metric.quality.PredictionValidity;
import dev.assay.metric.fairness.MeanScore;
import dev.assay.metric.fairness.ImpactRatio;
import dev.assay.metric.fairness.SelectionRate;
import dev.assay.policy.Decision;
import dev.assay.policy.Finding;
import dev.assay.policy.Policy;
import dev.assay.policy.Rule;
import dev.assay.policy.RuleEvaluator;
import dev.assay.stats.Tests;
import dev.assay.registry.ModelCard;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates policies on one dataset: the scopes every rule and requested metric needs are compiled
 * into one aggregation scan; metrics are computed from the counts; rules judge the metrics.
 * Plain Java: unit-tested and benchmarked without a server.
 */
public final class AuditEngine {

    /** What an audit computed and concluded. */
    public record Outcome(List<MetricValue> metrics, List<Finding> findings, Decision decision) {
    }

    /**
     * Metrics reported beside the one a rule asks for, because a reader needs them to understand it
     * (and, for a change from the approved version, because it is computed from them).
     */
    private static List<String> companions(String metric) {
        if (metric.equals(ImpactRatio.ID)) {
            return List.of(SelectionRate.ID);
        }
        return ChangeFromApproved.isChange(metric) ? List.of(ChangeFromApproved.base(metric)) : List.of();
    }

    /** One metric over one scope with one set of parameters: what the plan must compute. */
    private record Need(String metric, Scope scope, MetricParameters parameters) {
    }

    /** k of k-anonymity: classes smaller than this are counted as at risk (a common floor; GDPR Recital 26 practice). */
    static final int K = 5;

    private final DuckDb duckDb;
    private final MetricParameters defaults;
    private final ApprovedValues approved;

    public AuditEngine(DuckDb duckDb, MetricParameters defaults) {
        this(duckDb, defaults, ApprovedValues.NONE);
    }

    private AuditEngine(DuckDb duckDb, MetricParameters defaults, ApprovedValues approved) {
        this.duckDb = duckDb;
        this.defaults = defaults;
        this.approved = approved;
    }

    /** The same engine comparing performance with the model's last approved version. */
    public AuditEngine comparedWith(ApprovedValues values) {
        return new AuditEngine(duckDb, defaults, values);
    }

    public Outcome run(ModelCard card, Map<String, String> columnTypes, Path parquet, List<Policy> policies,
                       List<String> extraMetrics) throws SQLException {
        return run(card, columnTypes, parquet, null, Map.of(), policies, extraMetrics);
    }

    /**
     * @param baseline      the baseline dataset's Parquet file, for drift; null without one
     * @param baselineTypes its column types
     */
    public Outcome run(ModelCard card, Map<String, String> columnTypes, Path parquet, Path baseline,
                       Map<String, String> baselineTypes, List<Policy> policies, List<String> extraMetrics) throws SQLException {
        // 1. Plan: which metric, over which scope, with which parameters.
        LinkedHashSet<Need> needs = new LinkedHashSet<>();
        Map<Rule, List<Need>> ruleNeeds = new LinkedHashMap<>();
        for (Policy policy : policies) {
            for (Rule rule : policy.rules()) {
                if (!rule.appliesTo(card.task().id(), card.riskTier().orElse(null))) {
                    continue;
                }
                MetricParameters p = rule.parameters().applyTo(defaults, rule.minimumGroupSize())
                        .withFavorableKnown(card.favorableOutcome().isPresent());
                boolean datasetLevel = MetricCatalogue.find(rule.metric()).map(d -> d.kind() == MetricCatalogue.Kind.DATASET)
                        .orElse(false);
                List<Scope> ruleScopes = datasetLevel ? List.of(Scope.OVERALL) : scopes(rule.scope(), card, columnTypes);
                List<Need> forRule = ruleScopes.stream().map(s -> new Need(rule.metric(), s, p)).toList();
                ruleNeeds.put(rule, forRule);
                for (Need n : forRule) {
                    companions(n.metric()).forEach(c -> needs.add(new Need(c, n.scope(),
                            defaults.withFavorableKnown(card.favorableOutcome().isPresent()))));
                    needs.add(n);
                }
            }
        }
        MetricParameters extras = defaults.withFavorableKnown(card.favorableOutcome().isPresent());
        for (String metric : extraMetrics) {
            MetricCatalogue.Kind kind = MetricCatalogue.find(metric)
                    .orElseThrow(() -> new IllegalArgumentException("unknown metric " + metric)).kind();
            if (kind == MetricCatalogue.Kind.COLUMN) {
                // Drift is not measured on the id column: ids are meant to differ.
                boolean drift = MetricCatalogue.find(metric).orElseThrow().source() == MetricCatalogue.Source.DRIFT;
                columnTypes.keySet().stream().filter(column -> !drift || !card.columns().id().equals(Optional.of(column)))
                        .forEach(column -> needs.add(new Need(metric, Scope.of(column), extras)));
                continue;
            }
            if (kind != MetricCatalogue.Kind.DATASET) {
                for (String attribute : card.columns().protectedAttributes()) {
                    needs.add(new Need(metric, Scope.of(attribute), extras));
                }
            }
            if (kind == MetricCatalogue.Kind.PER_GROUP || kind == MetricCatalogue.Kind.DATASET) {
                needs.add(new Need(metric, Scope.OVERALL, extras));
                companions(metric).forEach(c -> needs.add(new Need(c, Scope.OVERALL, extras)));
            }
        }

        // 2. One scan for all group scopes (column scopes belong to the quality scans).
        List<Scope> scopes = needs.stream().filter(n -> MetricCatalogue.find(n.metric())
                .map(d -> d.kind() != MetricCatalogue.Kind.COLUMN).orElse(true)).map(Need::scope).distinct().toList();
        // The score column is read only when a metric needs it: an audit never reads a column none of its metrics uses.
        Optional<String> score = needs.stream().anyMatch(n -> readsScore(n.metric())) ? card.columns().score() : Optional.empty();
        Outcomes outcomes = new Outcomes(card.columns().prediction(),
                card.favorableOutcome(),
                card.columns().label(), card.positiveLabel(), card.positivePrediction(), score, columnTypes,
                card.columns().weight());
        Aggregates aggregates;
        try (Connection c = duckDb.open()) {
            boolean regression = !scopesReading(needs, MetricCatalogue.Source.REGRESSION).isEmpty();
            boolean scores = !scopesReading(needs, MetricCatalogue.Source.SCORES).isEmpty() && outcomes.score().isPresent();
            boolean median = scores && needs.stream().anyMatch(n -> n.metric().startsWith("scoring_"));
            aggregates = new AggregationPlan(scopes, outcomes, regression, scores,
                    median ? AggregationPlan.median(c, parquet, outcomes.score().get(), outcomes.weight()) : Double.NaN).execute(c, parquet);
            // Drift first: its grouped scan of the evaluation counts the values the quality checks need too.
            Map<String, dev.assay.metric.ValueFrequencies> counted = Map.of();
            if (baseline != null && !scopesReading(needs, MetricCatalogue.Source.DRIFT).isEmpty()) {
                // Every column both datasets have but the id: drift_share and the adjustment need them all.
                List<String> compared = columnTypes.keySet().stream().filter(baselineTypes::containsKey)
                        .filter(col -> card.columns().id().map(id -> !id.equals(col)).orElse(true)).toList();
                DriftPlan.Comparison comparison = DriftPlan.compareAll(c, parquet, baseline, compared, columnTypes, baselineTypes);
                Map<String, DriftState> drift = new LinkedHashMap<>(comparison.states());
                defaults.driftTests().forEach((column, test) -> drift.computeIfPresent(column, (k, state) -> state.withTest(test)));
                aggregates = aggregates.withDrift(drift);
                counted = comparison.evaluationFrequencies();
            }
            List<Scope> quality = scopesReading(needs, MetricCatalogue.Source.QUALITY);
            if (!quality.isEmpty()) {
                List<String> columns = quality.stream().filter(s -> s.attributes().size() == 1)
                        .map(s -> s.attributes().get(0)).filter(columnTypes::containsKey).toList();
                QualityPlan plan = new QualityPlan(columns, columnTypes, card.columns().quasiIdentifiers(), K);
                List<String> diverse = needs.stream().filter(n -> LDiversity.IDS.contains(n.metric()) && n.scope().attributes().size() == 1)
                        .map(n -> n.scope().attributes().get(0)).distinct().toList();
                Map<String, dev.assay.metric.ColumnState> columnStates = plan.columns(c, parquet, counted);
                aggregates = aggregates.withQuality(columnStates, plan.dataset(c, parquet, diverse, columnStates));
            }
            if (!scopesReading(needs, MetricCatalogue.Source.VALIDITY).isEmpty()) {
                List<ValidityState.ColumnCheck> checks = needs.stream()
                        .filter(n -> ColumnChecks.IDS.contains(n.metric()) && n.scope().attributes().size() == 1
                                && ColumnChecks.missingParameter(n.metric(), n.parameters().expectation()).isEmpty())
                        .map(n -> new ValidityState.ColumnCheck(n.metric(), n.scope().attributes().get(0), n.parameters().expectation()))
                        .distinct().toList();
                boolean predictions = needs.stream().anyMatch(n -> n.metric().equals(PredictionValidity.ID));
                aggregates = aggregates.withValidity(new ValidityPlan(checks, namedRoles(card), outcomes, predictions,
                        card.task() == ModelCard.Task.REGRESSION)
                        .execute(c, parquet));
            }
            aggregates = aggregates.withApproved(approved).withCard(card.document());
            aggregates = aggregates.withRoles(new DeclaredRoles(card.columns().protectedAttributes(), card.columns().sensitive(),
                    card.columns().quasiIdentifiers(), card.columns().features(),
                    Map.of("prediction", Optional.of(card.columns().prediction()), "score", card.columns().score(),
                            "label", card.columns().label())));
            List<String> piiColumns = scopesReading(needs, MetricCatalogue.Source.PII).stream()
                    .filter(s -> s.attributes().size() == 1).map(s -> s.attributes().get(0)).toList();
            if (!piiColumns.isEmpty()) {
                aggregates = aggregates.withPii(PiiPlan.scan(c, parquet, piiColumns, columnTypes,
                        dev.assay.metric.privacy.PiiRecognizers.forPhoneRegions(defaults.phoneRegions())));
            }
            List<Scope> ranked = scopesReading(needs, MetricCatalogue.Source.RANKS);
            if (!ranked.isEmpty() && outcomes.score().isPresent() && outcomes.label().isPresent()
                    && outcomes.positiveLabel().isPresent()) {
                aggregates = aggregates.withRanks(new RankPlan(ranked, outcomes).ranks(c, parquet));
            }
        }

        // 3. Metrics from counts; then every p-value of the run adjusted together (Benjamini-Hochberg).
        Map<Need, List<MetricValue>> computed = new LinkedHashMap<>();
        for (Need n : needs) {
            computed.put(n, MetricCatalogue.find(n.metric()).orElseThrow(
                            () -> new IllegalArgumentException("unknown metric " + n.metric()))
                    .computation().compute(n.scope(), aggregates, n.parameters()));
        }
        adjustPValues(computed);

        // 4. Rules judge metrics.
        List<Finding> findings = new ArrayList<>();
        for (Policy policy : policies) {
            for (Rule rule : policy.rules()) {
                for (Need n : ruleNeeds.getOrDefault(rule, List.of())) {
                    findings.addAll(RuleEvaluator.evaluate(policy, rule, computed.get(n)));
                }
            }
        }
        Map<String, MetricValue> unique = new LinkedHashMap<>();
        computed.values().forEach(list -> list.forEach(v -> unique.putIfAbsent(v.metric() + "|" + v.scope() + "|" + v.group() + "|" + v.at(), v)));
        return new Outcome(List.copyOf(unique.values()), findings, Decision.of(findings));
    }

    /** Whether the metric reads the score column: score and rank metrics, the mean score, validity checks. */
    static boolean readsScore(String metric) {
        MetricCatalogue.Source source = MetricCatalogue.find(metric).map(MetricCatalogue.Definition::source).orElse(null);
        return source == MetricCatalogue.Source.SCORES || source == MetricCatalogue.Source.RANKS
                || source == MetricCatalogue.Source.VALIDITY || metric.startsWith(MeanScore.ID) || metric.startsWith("scoring_");
    }

    /** Every column the card names with its role; a column in two roles is listed once, needing numbers if either does. */
    static List<ValidityPlan.NamedRole> namedRoles(ModelCard card) {
        boolean regression = card.task() == ModelCard.Task.REGRESSION;
        Map<String, ValidityPlan.NamedRole> roles = new LinkedHashMap<>();
        java.util.function.BiConsumer<String, ValidityPlan.NamedRole> add = (name, role) -> roles.merge(name, role,
                (a, b) -> new ValidityPlan.NamedRole(a.name(), a.role(), a.needsNumbers() || b.needsNumbers()));
        var columns = card.columns();
        columns.id().ifPresent(c -> add.accept(c, new ValidityPlan.NamedRole(c, "id", false)));
        columns.label().ifPresent(c -> add.accept(c, new ValidityPlan.NamedRole(c, "label", regression)));
        add.accept(columns.prediction(), new ValidityPlan.NamedRole(columns.prediction(), "prediction", regression));
        columns.score().ifPresent(c -> add.accept(c, new ValidityPlan.NamedRole(c, "score", true)));
        columns.weight().ifPresent(c -> add.accept(c, new ValidityPlan.NamedRole(c, "weight", true)));
        columns.protectedAttributes().forEach(c -> add.accept(c, new ValidityPlan.NamedRole(c, "protected", false)));
        columns.quasiIdentifiers().forEach(c -> add.accept(c, new ValidityPlan.NamedRole(c, "quasi-identifier", false)));
        columns.sensitive().forEach(c -> add.accept(c, new ValidityPlan.NamedRole(c, "sensitive", false)));
        columns.features().forEach(c -> add.accept(c, new ValidityPlan.NamedRole(c, "feature", false)));
        return List.copyOf(roles.values());
    }

    private static List<Scope> scopesReading(java.util.Set<Need> needs, MetricCatalogue.Source source) {
        List<Scope> scopes = new ArrayList<>();
        for (Need need : needs) {
            if (MetricCatalogue.find(need.metric()).map(d -> d.source() == source).orElse(false)
                    && !scopes.contains(need.scope())) {
                scopes.add(need.scope());
            }
        }
        return scopes;
    }

    /**
     * Replaces each tested value by one carrying its Benjamini-Hochberg adjusted p-value, the family
     * being every distinct comparison of the audit (the same comparison computed for two rules counts once).
     */
    private static <K> void adjustPValues(Map<K, List<MetricValue>> computed) {
        Map<String, Double> raw = new LinkedHashMap<>();
        computed.values().forEach(list -> list.stream().filter(v -> v.test() != null)
                .forEach(v -> raw.putIfAbsent(key(v), v.test().pValue())));
        if (raw.isEmpty()) {
            return;
        }
        double[] adjusted = Tests.benjaminiHochberg(raw.values().stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, Double> byKey = new LinkedHashMap<>();
        int i = 0;
        for (String k : raw.keySet()) {
            byKey.put(k, adjusted[i++]);
        }
        computed.replaceAll((need, list) -> list.stream()
                .map(v -> v.test() == null ? v : v.withAdjustedP(byKey.get(key(v)))).toList());
    }

    private static String key(MetricValue v) {
        return v.metric() + "|" + v.scope() + "|" + v.group() + "|" + v.reference();
    }

    /** Scopes naming one column by its role in the card; a role the card leaves out gives no scope. */
    private static final Map<String, java.util.function.Function<dev.assay.registry.ColumnRoles, Optional<String>>> ROLE_SCOPES =
            Map.of("id", dev.assay.registry.ColumnRoles::id, "label", dev.assay.registry.ColumnRoles::label,
                    "prediction", r -> Optional.of(r.prediction()), "score", dev.assay.registry.ColumnRoles::score);

    /**
     * "protected" means each protected attribute of the card; "intersection" the intersection of all
     * of them (NYC LL144's sex x race/ethnicity); "overall" the whole dataset; "columns" every column of the
     * dataset, "named" every column the card names, "sensitive" each sensitive column, "id", "label", "prediction", "score" the column of that
     * role; "a*b" an intersection by name.
     */
    static List<Scope> scopes(List<String> declared, ModelCard card, Map<String, String> columnTypes) {
        List<Scope> scopes = new ArrayList<>();
        List<String> protectedAttributes = card.columns().protectedAttributes();
        for (String s : declared) {
            if (s.equals("protected")) {
                protectedAttributes.forEach(a -> scopes.add(Scope.of(a)));
            } else if (s.equals("intersection")) {
                if (protectedAttributes.size() > 1) {
                    scopes.add(new Scope(protectedAttributes));
                }
            } else if (s.equals("overall")) {
                scopes.add(Scope.OVERALL);
            } else if (s.equals("columns")) {
                columnTypes.keySet().forEach(column -> scopes.add(Scope.of(column)));
            } else if (s.equals("sensitive")) {
                card.columns().sensitive().forEach(column -> scopes.add(Scope.of(column)));
            } else if (s.equals("named")) {
                card.columns().named().forEach(column -> scopes.add(Scope.of(column)));
            } else if (ROLE_SCOPES.containsKey(s)) {
                ROLE_SCOPES.get(s).apply(card.columns()).ifPresent(column -> scopes.add(Scope.of(column)));
            } else {
                scopes.add(new Scope(Arrays.stream(s.split("\\*")).map(String::trim).toList()));
            }
        }
        return scopes.stream().distinct().toList();
    }
}
