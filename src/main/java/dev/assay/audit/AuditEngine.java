package dev.assay.audit;

import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.ApprovedEvaluation;
import dev.assay.metric.AuditData;
import dev.assay.metric.DeclaredRoles;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Need;
import dev.assay.metric.OutcomeClasses;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.metric.engine.LabelNeeds;
import dev.assay.metric.engine.MetricEngine;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.Table;
import dev.assay.policy.Decision;
import dev.assay.policy.Finding;
import dev.assay.policy.Policy;
import dev.assay.policy.Rule;
import dev.assay.policy.RuleEvaluator;
import dev.assay.registry.ColumnRoles;
import dev.assay.registry.ModelCard;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Evaluates policies on one dataset: rules -> needs (the metrics, scopes and parameters the rules and
 * the requested metrics ask for), handed to the metric engine (metric/engine: scans, states, values,
 * on DuckDB, or on Spark for data that lives there); rules judge the values -> findings -> decision. Plain Java: unit-tested and benchmarked
 * without a server.
 */
public final class AuditEngine {

    /**
     * Where a dataset of the audit is read from, as the audit's engine names it: a stored upload
     * ({@link #stored}), or a dataset by reference where it lives.
     */
    @FunctionalInterface
    public interface Source {
        Table in(ScanEngine engine);

        /** An uploaded dataset's Parquet file in the store. */
        static Source stored(Path parquet) {
            return engine -> engine.table(parquet);
        }
    }

    /** What an audit computed and concluded. */
    public record Evaluation(List<MetricValue> metrics, List<Finding> findings, Decision decision) {
    }

    private final ScanEngine.Opener engines;
    private final MetricParameters defaults;
    private final ApprovedEvaluation approved;
    private final String labelsWithheld;

    /** Scans on embedded DuckDB, each audit on a connection of its own. */
    public AuditEngine(DuckDb duckDb, MetricParameters defaults) {
        this(() -> DuckDbEngine.open(duckDb), defaults);
    }

    /** Scans on the engines {@code engines} opens, one per audit (DuckDB, or a Spark cluster: {@code SparkEngine}). */
    public AuditEngine(ScanEngine.Opener engines, MetricParameters defaults) {
        this(engines, defaults, ApprovedEvaluation.NONE, null);
    }

    private AuditEngine(ScanEngine.Opener engines, MetricParameters defaults, ApprovedEvaluation approved, String labelsWithheld) {
        this.engines = engines;
        this.defaults = defaults;
        this.approved = approved;
        this.labelsWithheld = labelsWithheld;
    }

    /** The same engine comparing performance with the model's last approved version (its pinned dataset, read with its card). */
    public AuditEngine comparedWith(ApprovedEvaluation values) {
        return new AuditEngine(engines, defaults, values, labelsWithheld);
    }

    /**
     * The same engine with every metric that reads the label ({@link LabelNeeds}) undefined for {@code reason}:
     * a production window whose labels cover too few of its rows to say anything about them. Null: labels used.
     */
    public AuditEngine withholdingLabels(String reason) {
        return new AuditEngine(engines, defaults, approved, reason);
    }

    public Evaluation run(ModelCard card, Map<String, String> columnTypes, Path parquet, List<Policy> policies,
                       List<String> extraMetrics) throws SQLException {
        return run(card, columnTypes, parquet, null, Map.of(), policies, extraMetrics);
    }

    /**
     * @param baseline      the baseline dataset's Parquet file, for drift; null without one
     * @param baselineTypes its column types
     * @throws IllegalArgumentException for a metric no family defines
     * @throws SQLException             when the engine fails to run a scan
     */
    public Evaluation run(ModelCard card, Map<String, String> columnTypes, Path parquet, Path baseline,
                       Map<String, String> baselineTypes, List<Policy> policies, List<String> extraMetrics) throws SQLException {
        return run(card, columnTypes, Source.stored(parquet), baseline == null ? null : Source.stored(baseline), baselineTypes,
                policies, extraMetrics);
    }

    /**
     * @param data     the evaluation dataset, as the engine reads it
     * @param baseline the baseline dataset, for drift; null without one
     * @see #run(ModelCard, Map, Path, Path, Map, List, List)
     */
    public Evaluation run(ModelCard card, Map<String, String> columnTypes, Source data, Source baseline,
                       Map<String, String> baselineTypes, List<Policy> policies, List<String> extraMetrics) throws SQLException {
        boolean favorableKnown = card.favorableOutcome().isPresent() || !card.favorableClasses().isEmpty();
        MetricParameters cardDefaults = defaults.withFavorableKnown(favorableKnown);
        // 1. Rules -> needs: which metric, over which scope, with which parameters.
        LinkedHashSet<Need> needs = new LinkedHashSet<>();
        Map<Rule, List<Need>> ruleNeeds = new LinkedHashMap<>();
        Map<Rule, List<Need>> detectableNeeds = new LinkedHashMap<>();
        Map<Rule, List<MetricValue>> missingControls = new LinkedHashMap<>();
        for (Policy policy : policies) {
            for (Rule rule : policy.rules()) {
                if (!rule.appliesTo(card.task().id(), card.riskTier().orElse(null))) {
                    continue;
                }
                MetricParameters p = rule.parameters().applyTo(defaults, rule.minimumGroupSize())
                        .withFavorableKnown(favorableKnown).withControls(rule.controls());
                List<Scope> ruleScopes = scopes(rule.scope(), card, columnTypes);
                String metric = MetricEngine.judged(rule.metric(), rule.controls());
                Optional<String> absent = rule.controls().stream().filter(c -> !columnTypes.containsKey(c)).findFirst();
                if (!rule.controls().isEmpty() && card.multiclass()) {
                    // The strata slice the binary counts only; a multiclass model's class matrices are not cut by stratum yet.
                    String why = "control columns are not supported for a multiclass model yet (rule '" + rule.id() + "')";
                    missingControls.put(rule, ruleScopes.stream()
                            .map(scope -> MetricValue.undefined(metric, scope.id(), null, 0, why, null)).toList());
                    continue;
                }
                if (absent.isPresent()) {
                    // Checked when the audit is asked for (422); a window's slice or a dataset read where it lives may still lack it.
                    String why = "control column '" + absent.get() + "' of rule '" + rule.id() + "' is not in the dataset";
                    missingControls.put(rule, ruleScopes.stream()
                            .map(scope -> MetricValue.undefined(metric, scope.id(), null, 0, why, null)).toList());
                    continue;
                }
                ruleNeeds.put(rule, MetricEngine.own(metric, ruleScopes, p));
                if (rule.controls().isEmpty()) {
                    MetricEngine.detectable(metric)
                            .ifPresent(kin -> detectableNeeds.put(rule, MetricEngine.own(kin.id(), ruleScopes, p)));
                }
                needs.addAll(MetricEngine.over(metric, ruleScopes, p, cardDefaults));
            }
        }
        try (ScanEngine engine = engines.open()) {
            AuditData audited = data(card, columnTypes, engine, data, baseline, baselineTypes);
            for (String metric : extraMetrics) {
                needs.addAll(MetricEngine.everywhere(metric, audited, card.columns().protectedAttributes(), cardDefaults));
            }
            // 2. Needs -> scans -> states -> values, p-values adjusted across the audit.
            Map<Need, List<MetricValue>> computed = MetricEngine.compute(engine, audited, needs);
            if (labelsWithheld != null) {
                computed.replaceAll((need, values) -> !LabelNeeds.needsLabels(need.definition()) ? values : values.stream()
                        // A multiclass model's per-class values and matrix cells keep their class (and cell): they stay distinct.
                        .map(v -> v.outcomeClass() == null
                                ? MetricValue.undefined(v.metric(), v.scope(), v.group(), v.n(), labelsWithheld, v.reference())
                                : MetricValue.undefined(v.metric(), v.scope(), v.group(), v.n(), labelsWithheld, v.reference())
                                .forClass(v.outcomeClass()).at(v.at()))
                        .toList());
            }

            // 3. Rules judge metrics.
            List<Finding> findings = new ArrayList<>();
            for (Policy policy : policies) {
                for (Rule rule : policy.rules()) {
                    List<MetricValue> detectable = detectableNeeds.getOrDefault(rule, List.of()).stream()
                            .flatMap(n -> computed.get(n).stream()).toList();
                    for (Need n : ruleNeeds.getOrDefault(rule, List.of())) {
                        findings.addAll(RuleEvaluator.evaluate(policy, rule, computed.get(n), detectable));
                    }
                    if (missingControls.containsKey(rule)) {
                        findings.addAll(RuleEvaluator.evaluate(policy, rule, missingControls.get(rule)));
                    }
                }
            }
            Map<String, MetricValue> unique = new LinkedHashMap<>();
            computed.values().forEach(list -> list.forEach(v -> unique.putIfAbsent(v.identity(), v)));
            missingControls.values().forEach(list -> list.forEach(v -> unique.putIfAbsent(v.identity(), v)));
            return new Evaluation(List.copyOf(unique.values()), findings, Decision.of(findings));
        }
    }

    /** The model card as the metric families read it: reshaped once, here, for every family. */
    private AuditData data(ModelCard card, Map<String, String> columnTypes, ScanEngine engine, Source data, Source baseline,
                           Map<String, String> baselineTypes) {
        var columns = card.columns();
        OutcomeColumns outcomes = outcomes(card, columnTypes);
        DeclaredRoles roles = new DeclaredRoles(columns.protectedAttributes(), columns.sensitive(), columns.quasiIdentifiers(),
                columns.features(), Map.of("prediction", Optional.of(columns.prediction()), "score", columns.score(),
                "label", columns.label()));
        return new AuditData(data.in(engine), columnTypes, Optional.ofNullable(baseline).map(b -> b.in(engine)),
                baseline == null ? Map.of() : baselineTypes, outcomes, roles, columns.id(), namedRoles(card),
                card.task() == ModelCard.Task.REGRESSION, card.document(), approved, defaults);
    }

    /** A card's outcome columns over a dataset with these column types: how every count reads its rows. */
    static OutcomeColumns outcomes(ModelCard card, Map<String, String> columnTypes) {
        var columns = card.columns();
        // A multiclass card's favorable classes are its positive predictions (and positive labels: OutcomeClasses).
        return new OutcomeColumns(columns.prediction(), card.favorableOutcome(), columns.label(), card.positiveLabel(),
                card.multiclass() ? card.favorableClasses() : card.positivePrediction(), columns.score(), columnTypes, columns.weight(),
                card.multiclass() ? Optional.of(new OutcomeClasses(card.classes(), card.favorableClasses())) : Optional.empty());
    }

    /** Every column the card names with its role; a column in two roles is listed once, needing numbers if either does. */
    static List<AuditData.NamedColumn> namedRoles(ModelCard card) {
        boolean regression = card.task() == ModelCard.Task.REGRESSION;
        Map<String, AuditData.NamedColumn> roles = new LinkedHashMap<>();
        BiConsumer<String, AuditData.NamedColumn> add = (name, role) -> roles.merge(name, role,
                (a, b) -> new AuditData.NamedColumn(a.name(), a.role(), a.needsNumbers() || b.needsNumbers()));
        var columns = card.columns();
        columns.id().ifPresent(c -> add.accept(c, new AuditData.NamedColumn(c, "id", false)));
        columns.label().ifPresent(c -> add.accept(c, new AuditData.NamedColumn(c, "label", regression)));
        add.accept(columns.prediction(), new AuditData.NamedColumn(columns.prediction(), "prediction", regression));
        columns.score().ifPresent(c -> add.accept(c, new AuditData.NamedColumn(c, "score", true)));
        columns.weight().ifPresent(c -> add.accept(c, new AuditData.NamedColumn(c, "weight", true)));
        columns.protectedAttributes().forEach(c -> add.accept(c, new AuditData.NamedColumn(c, "protected", false)));
        columns.quasiIdentifiers().forEach(c -> add.accept(c, new AuditData.NamedColumn(c, "quasi-identifier", false)));
        columns.sensitive().forEach(c -> add.accept(c, new AuditData.NamedColumn(c, "sensitive", false)));
        columns.features().forEach(c -> add.accept(c, new AuditData.NamedColumn(c, "feature", false)));
        return List.copyOf(roles.values());
    }

    /** Scopes naming one column by its role in the card; a role the card leaves out gives no scope. */
    private static final Map<String, Function<ColumnRoles, Optional<String>>> ROLE_SCOPES =
            Map.of("id", ColumnRoles::id, "label", ColumnRoles::label,
                    "prediction", r -> Optional.of(r.prediction()), "score", ColumnRoles::score);

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
