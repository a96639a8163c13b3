package dev.assay.metric.engine;

import dev.assay.metric.AuditData;
import dev.assay.metric.Family;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.MetricDefinition.Input;
import dev.assay.metric.MetricDefinition.Kind;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Need;
import dev.assay.metric.Scope;
import dev.assay.metric.States;
import dev.assay.metric.fairness.MinimumDetectable;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.stats.SignificanceTests;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metric engine: needs -> scans -> states -> values. Each family's scans run, in the catalogue's
 * order, on the needs it serves, through the {@link ScanEngine} given (which owns the SQL's execution);
 * each need's value is computed from the states alone; then every p-value of the audit is adjusted
 * together (Benjamini-Hochberg). Rules and decisions are the caller's (audit/).
 */
public final class MetricEngine {

    private MetricEngine() {
    }

    /**
     * The needs of one metric asked for over {@code scopes} (a rule's): a dataset-level metric over the
     * whole dataset only; each scope preceded by the metric's companions, computed with
     * {@code companionParameters} (and the rule's cut of the ranking, for a companion that reads one).
     *
     * @throws IllegalArgumentException for an id no family defines
     */
    public static List<Need> over(String metric, List<Scope> scopes, MetricParameters parameters,
                                  MetricParameters companionParameters) {
        MetricDefinition d = MetricCatalogue.get(metric);
        List<Need> out = new ArrayList<>();
        for (Scope scope : d.kind() == Kind.DATASET ? List.of(Scope.OVERALL) : scopes) {
            for (String c : d.companions()) {
                MetricDefinition companion = MetricCatalogue.get(c);
                // A companion of a ranking metric is read at the same cut (the selection rates at k beside their ratios).
                out.add(new Need(companion, scope, companion.reads(Input.TOP_K) || companion.reads(Input.OPTIONAL_TOP_K)
                        ? companionParameters.withTopK(parameters.topK()) : companionParameters));
            }
            out.add(new Need(d, scope, parameters));
            detectable(metric).ifPresent(kin -> out.add(new Need(kin, scope, parameters)));
        }
        return out;
    }

    /**
     * What a comparison could have missed, reported beside it wherever it is computed, with its parameters (the
     * rule's confidence): {@code minimum_detectable_<metric>}, for the comparisons of rates that have one.
     */
    public static Optional<MetricDefinition> detectable(String metric) {
        return MetricCatalogue.find(MinimumDetectable.of(metric));
    }

    /** The needs a rule's findings judge: the metric's own over each scope, without companions (see {@link #over}). */
    public static List<Need> own(String metric, List<Scope> scopes, MetricParameters parameters) {
        MetricDefinition d = MetricCatalogue.get(metric);
        return (d.kind() == Kind.DATASET ? List.of(Scope.OVERALL) : scopes).stream().map(s -> new Need(d, s, parameters)).toList();
    }

    /**
     * The needs of a metric asked for without a scope (an audit's extra metrics), where its values live:
     * a column metric on every column (but the id column, for one that skips it); a group metric on each
     * protected attribute; a per-group or dataset metric over the whole dataset too, with its companions.
     */
    public static List<Need> everywhere(String metric, AuditData data, List<String> protectedAttributes, MetricParameters parameters) {
        MetricDefinition d = MetricCatalogue.get(metric);
        List<Need> out = new ArrayList<>();
        if (d.kind() == Kind.COLUMN) {
            data.columnTypes().keySet().stream()
                    .filter(column -> !d.reads(Input.NOT_ID_COLUMN) || !data.id().equals(Optional.of(column)))
                    .forEach(column -> out.add(new Need(d, Scope.of(column), parameters)));
            return out;
        }
        if (d.kind() != Kind.DATASET) {
            protectedAttributes.forEach(a -> out.add(new Need(d, Scope.of(a), parameters)));
            detectable(metric).ifPresent(kin -> protectedAttributes.forEach(a -> out.add(new Need(kin, Scope.of(a), parameters))));
        }
        if (d.kind() == Kind.PER_GROUP || d.kind() == Kind.DATASET) {
            out.add(new Need(d, Scope.OVERALL, parameters));
            d.companions().forEach(c -> out.add(new Need(MetricCatalogue.get(c), Scope.OVERALL, parameters)));
        }
        return out;
    }

    /**
     * Runs the scans the needs ask for and computes every need's values.
     *
     * @param data  the audit's tables and card; its score column is read only when some need reads it
     * @param needs distinct, in report order
     * @return each need's values (one per group, scope or column, as its kind says), p-values adjusted
     *         across the whole audit
     * @throws SQLException when the engine fails to run a scan
     */
    public static Map<Need, List<MetricValue>> compute(ScanEngine engine, AuditData data, Collection<Need> needs) throws SQLException {
        // The score column is read only when a metric needs it: an audit never reads a column none of its metrics uses.
        AuditData audit = needs.stream().anyMatch(n -> n.definition().reads(Input.SCORE_COLUMN)) ? data
                : data.withOutcomes(data.outcomes().withoutScore());
        States states = audit.states();
        for (Family family : MetricCatalogue.FAMILIES) {
            states = family.scan(engine, audit, needs.stream().filter(family::serves).toList(), states);
        }
        Map<Need, List<MetricValue>> computed = new LinkedHashMap<>();
        for (Need n : needs) {
            computed.put(n, n.definition().computation().compute(n.scope(), states, n.parameters()));
        }
        adjustPValues(computed);
        return computed;
    }

    /**
     * Replaces each tested value by one carrying its Benjamini-Hochberg adjusted p-value, the family
     * being every distinct comparison of the audit (the same comparison computed for two rules counts once).
     */
    static <K> void adjustPValues(Map<K, List<MetricValue>> computed) {
        Map<String, Double> raw = new LinkedHashMap<>();
        computed.values().forEach(list -> list.stream().filter(v -> v.test() != null)
                .forEach(v -> raw.putIfAbsent(key(v), v.test().pValue())));
        if (raw.isEmpty()) {
            return;
        }
        double[] adjusted = SignificanceTests.benjaminiHochberg(raw.values().stream().mapToDouble(Double::doubleValue).toArray());
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
}
