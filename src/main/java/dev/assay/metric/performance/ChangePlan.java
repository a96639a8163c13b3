package dev.assay.metric.performance;

import dev.assay.metric.ApprovedEvaluation;
import dev.assay.metric.AuditData;
import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricDefinition.Source;
import dev.assay.metric.Need;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.metric.States;
import dev.assay.metric.counts.AggregationPlan;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.Table;
import dev.assay.stats.DeLong;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scans the changes from the approved version need, run once per audit for all of them: the approved
 * version's own states (its counts, score and regression sums, ranks, from its pinned dataset read with its
 * card: the values before, and the unpaired tests' second sample), then, when both cards name an id column,
 * the pairing of the two datasets' rows ({@link PairedPlan}) and, when an AUC change is asked and both
 * versions have scores, DeLong's statistics on the pairs.
 */
public final class ChangePlan {

    /** The approved version's states, as this audit's own: what its base metrics are computed from. */
    public static final States.Key<States> BEFORE = new States.Key<>("approved version's states");

    /** Whether the rows pair, why, and how. */
    public static final States.Key<Design> DESIGN = new States.Key<>("pairing with the approved version");

    /** DeLong's statistics per scope and group, when the rows pair and both versions have scores. */
    public static final States.Key<Map<Scope, Map<GroupKey, DeLong.Components>>> DELONG = new States.Key<>("paired ranks");

    /**
     * Whether this audit's rows pair with the approved version's, and why (in words a reader is shown).
     *
     * @param pairing how the rows paired, per group; null when they were not joined (a card names no id column)
     */
    public record Design(boolean paired, String why, PairedPlan.Pairing pairing) {
    }

    private ChangePlan() {
    }

    /**
     * Runs the scans for {@code changes} (needs of {@code *_change_from_approved} metrics), when the audit has an
     * approved version to compare with; the states unchanged otherwise.
     */
    static States scan(ScanEngine engine, AuditData data, List<Need> changes, States states) throws SQLException {
        ApprovedEvaluation approved = data.approved();
        if (changes.isEmpty() || !approved.exists()) {
            return states;
        }
        Table before = engine.table(approved.parquet());
        OutcomeColumns o = approved.outcomes();
        List<Scope> scopes = changes.stream().map(Need::scope).distinct().toList();
        // A scope the approved dataset lacks a column of has no value before; its changes say so.
        List<Scope> covered = scopes.stream().filter(s -> o.columnTypes().keySet().containsAll(s.attributes())).toList();
        Set<Source> sources = changes.stream().map(n -> n.definition().source()).collect(Collectors.toSet());
        States approvedStates = new AggregationPlan(covered, o, sources.contains(Source.REGRESSION),
                sources.contains(Source.SCORES) && o.score().isPresent(), Double.NaN).execute(engine, before);
        boolean ranks = sources.contains(Source.RANKS);
        if (ranks && ranked(o)) {
            approvedStates = approvedStates.with(PerformanceFamily.RANKS, new RankPlan(covered, o).ranks(engine, before));
        }
        States out = states.with(BEFORE, approvedStates);

        Optional<String> id = data.id();
        if (id.isEmpty()) {
            return out.with(DESIGN, new Design(false, "this version's model card names no id column (columns.id), so its rows "
                    + "cannot be paired with the approved version's", null));
        }
        if (approved.id().isEmpty()) {
            return out.with(DESIGN, new Design(false, "the approved version's model card names no id column (columns.id), so "
                    + "its rows cannot be paired with this version's", null));
        }
        PairedPlan plan = new PairedPlan(scopes, data.outcomes(), id.get(), o, approved.id().get());
        PairedPlan.Pairing pairing = plan.pairing(engine, data.evaluation(), before);
        long pairs = pairing.overall().pairs();
        if (pairs == 0) {
            return out.with(DESIGN, new Design(false, "no row of this version's dataset pairs with one of the approved version's "
                    + "(no id occurs once in each with the same label and weight): they are different rows", pairing));
        }
        out = out.with(DESIGN, new Design(true, "both versions were evaluated on the same rows: " + pairs + " ids occur once in each "
                + "dataset with the same label and weight", pairing));
        if (ranks && ranked(o) && ranked(data.outcomes())) {
            out = out.with(DELONG, plan.deLong(engine, data.evaluation(), before));
        }
        return out;
    }

    /** Whether ranks can be computed: a score, a label and a positive class. */
    private static boolean ranked(OutcomeColumns o) {
        return o.score().isPresent() && o.label().isPresent() && o.hasPositiveClass();
    }
}
