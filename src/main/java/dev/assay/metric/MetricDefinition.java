package dev.assay.metric;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One metric as its family registers it: its fixed id, where its values live, which aggregation it
 * reads, how it is computed from the audit's states, and what else an audit must provide for it.
 *
 * @param companions metrics reported beside this one because a reader needs them to understand it (the
 *                   selection rates beside an impact ratio; the value a change is computed from)
 * @param inputs     what the metric reads beyond its family's scans ({@link Input#SCORE_COLUMN}, ...); the
 *                   engine and the scans plan by these, never by the metric's name
 */
public record MetricDefinition(String id, Kind kind, Source source, GroupMetric computation, List<String> companions,
                               Set<Input> inputs) {

    public MetricDefinition {
        companions = List.copyOf(companions);
        inputs = Set.copyOf(inputs);
    }

    public MetricDefinition(String id, Kind kind, Source source, GroupMetric computation) {
        this(id, kind, source, computation, List.of(), Set.of());
    }

    /** Where a metric's values live. */
    public enum Kind {
        /** One value per group of a scope, and one for the whole dataset. */
        PER_GROUP,
        /** One value per group of a scope, against a reference group of that scope: none overall. */
        GROUP_COMPARISON,
        /** One value per scope (attribute or intersection), comparing its groups. */
        PER_SCOPE,
        /** One value for the whole dataset. */
        DATASET,
        /** One value per column of the dataset (the scope is the column's name). */
        COLUMN
    }

    /**
     * Which kind of aggregation a metric reads: the counts per group, their score or regression sums, the
     * ranks, the table's quality and privacy summaries, the validity counts, drift against a baseline, the
     * personal-data sample. Descriptive (reports and tests select metrics by it); which scan runs is the
     * family's business. Open, as {@link Input} is: the constants are the aggregations the shipped families
     * share (privacy reads the quality summary, performance the counts); a new family declares its own
     * {@code new Source("...")} in its folder without touching this file.
     */
    public record Source(String name) {
        public static final Source COUNTS = new Source("counts");
        public static final Source REGRESSION = new Source("regression");
        public static final Source SCORES = new Source("scores");
        public static final Source RANKS = new Source("ranks");
        public static final Source QUALITY = new Source("quality");
        public static final Source VALIDITY = new Source("validity");
        public static final Source DRIFT = new Source("drift");
        public static final Source PII = new Source("pii");

        @Override
        public String toString() {
            return name;
        }
    }

    /** Something a metric reads that a scan must be told of; families may declare their own. */
    public record Input(String name) {
        /** The card's score column: read only when some metric of the audit reads it. */
        public static final Input SCORE_COLUMN = new Input("score column");
        /** Not measured on the card's id column (ids are meant to differ, e.g. between datasets). */
        public static final Input NOT_ID_COLUMN = new Input("not the id column");
        /** Where the ranking is cut ({@link MetricParameters#topK()}): the metric needs a rule's k or share. */
        public static final Input TOP_K = new Input("k or share");
        /** Where the ranking is cut, if the rule says: without k or share, the whole ranking. */
        public static final Input OPTIONAL_TOP_K = new Input("k or share, optional");
    }

    public boolean reads(Input input) {
        return inputs.contains(input);
    }

    /** The same definition, also reading {@code more}. */
    public MetricDefinition reading(Input... more) {
        Set<Input> all = new LinkedHashSet<>(inputs);
        all.addAll(List.of(more));
        return new MetricDefinition(id, kind, source, computation, companions, all);
    }

    /** The same definition, reported with {@code ids} beside it. */
    public MetricDefinition withCompanions(String... ids) {
        return new MetricDefinition(id, kind, source, computation, List.of(ids), inputs);
    }

    /** The same definition, undefined (with the reason) when the model card names no favorable outcome. */
    public MetricDefinition readingFavorable() {
        GroupMetric m = computation;
        return new MetricDefinition(id, kind, source, (scope, s, p) -> p.favorableKnown() ? m.compute(scope, s, p)
                : List.of(MetricValue.undefined(id, scope.id(), null, 0, "the model card names no favorable outcome", null)),
                companions, inputs);
    }
}
