package dev.assay.metric.performance;

import dev.assay.metric.ApprovedEvaluation;
import dev.assay.metric.AuditData;
import dev.assay.metric.Comparison;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Scope;
import dev.assay.metric.States;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <metric>_change_from_approved}: per group (and for the whole dataset), the value now minus the value
 * in the model's last approved version (TFMA's change threshold against a baseline model). For metrics where
 * lower is better (false positive and negative rates, Brier score, log loss, errors) a rise is the regression:
 * the rule's comparator says which way is bad.
 *
 * <p>The value before is computed from the approved audit's pinned dataset with the approved version's card,
 * by the same computation as the value now ({@link ChangePlan}), so it is the value that audit reported, and it
 * exists for every group of the approved dataset whatever that audit's rules asked for. Each change carries
 * its {@link Comparison} and, for accuracy, recall, the false positive and negative rates and the ROC AUC, a
 * significance test ({@link ChangeTests}: paired when both versions were evaluated on the same rows), whose
 * p-value joins the audit's Benjamini-Hochberg family like every other comparison.
 *
 * <p>Undefined, with the reason, when no earlier version is approved, when the approved dataset lacks a
 * column of the scope or any row of the group, or when the metric is undefined now or before.
 */
public final class ChangeFromApproved {

    public static final String SUFFIX = "_change_from_approved";

    /** The performance metrics a version can be compared on. */
    public static final List<String> BASES = List.of("accuracy", "precision", "recall", "f1", "false_positive_rate",
            "false_negative_rate", "roc_auc", "brier_score", "log_loss", "mean_absolute_error", "root_mean_squared_error", "r2");

    /** The bases whose change has a significance test (paired and unpaired). */
    public static final List<String> TESTED = ChangeTests.TESTED;

    private ChangeFromApproved() {
    }

    public static String id(String base) {
        return base + SUFFIX;
    }

    public static boolean isChange(String id) {
        return id.endsWith(SUFFIX);
    }

    public static String base(String id) {
        return id.substring(0, id.length() - SUFFIX.length());
    }

    /**
     * The changes of {@code base} over {@code scope}, one per group the base metric has now.
     *
     * @param of the base metric's definition: computed on this audit's states (now) and the approved version's (before)
     */
    public static List<MetricValue> all(String base, MetricDefinition of, Scope scope, States s, MetricParameters p) {
        String id = id(base);
        // The values without a class: a multiclass model's per-class values have no change of their own.
        List<MetricValue> now = of.computation().compute(scope, s, p).stream().filter(v -> v.outcomeClass() == null).toList();
        if (dev.assay.metric.counts.Aggregates.of(s).hasClasses()) {
            // The paired tests (McNemar, DeLong) read one positive class per row; a multiclass model's accuracy is not that.
            return undefined(id, now, "not computed for a multiclass-classification model: the tests of a change read one "
                    + "positive class", null);
        }
        ApprovedEvaluation approved = s.get(AuditData.APPROVED, ApprovedEvaluation.NONE);
        if (!approved.exists()) {
            return undefined(id, now, "no earlier version of this model is approved (gate PASS, or failures waived)", null);
        }
        String reference = "version " + approved.version();
        Optional<String> missing = scope.attributes().stream().filter(a -> !approved.outcomes().columnTypes().containsKey(a)).findFirst();
        if (missing.isPresent()) {
            return undefined(id, now, "the approved version's dataset has no column '" + missing.get() + "'", reference);
        }
        Map<String, MetricValue> before = new HashMap<>();
        of.computation().compute(scope, s.get(ChangePlan.BEFORE, States.NONE), p).forEach(v -> before.putIfAbsent(v.group(), v));
        List<MetricValue> out = new ArrayList<>();
        for (MetricValue v : now) {
            MetricValue b = before.get(v.group());
            if (b == null) {
                out.add(MetricValue.undefined(id, v.scope(), v.group(), v.n(), "no row of the approved version's dataset is in this group",
                        reference));
            } else if (!v.isDefined()) {
                out.add(MetricValue.undefined(id, v.scope(), v.group(), v.n(), base + " is undefined now: " + v.undefined(), reference));
            } else if (!b.isDefined()) {
                out.add(MetricValue.undefined(id, v.scope(), v.group(), v.n(), base + " is undefined in approved version "
                        + approved.version() + ": " + b.undefined(), reference));
            } else {
                ChangeTests.Tested t = ChangeTests.of(base, scope, v, b, s, p);
                out.add(MetricValue.defined(id, v.scope(), v.group(), v.value() - b.value(), null, v.n(), reference)
                        .withNote(String.format(Locale.ROOT, "%s %.6g now, %.6g in approved version %s (audit %s); %s", base, v.value(),
                                b.value(), approved.version(), approved.audit(), describe(t)))
                        .comparedBy(t.comparison(), t.result()));
            }
        }
        return out;
    }

    private static List<MetricValue> undefined(String id, List<MetricValue> now, String why, String reference) {
        return now.stream().map(v -> MetricValue.undefined(id, v.scope(), v.group(), v.n(), why, reference)).toList();
    }

    /** The test in words, for the note a finding carries. */
    static String describe(ChangeTests.Tested t) {
        Comparison c = t.comparison();
        StringBuilder b = new StringBuilder(c.design()).append(": ").append(c.why());
        if (c.improved() != null) {
            b.append(String.format(Locale.ROOT, "; on %d pairs, %d right only now and %d right only before", c.n(), c.improved(),
                    c.worsened()));
        } else if (c.design().equals(Comparison.PAIRED) && c.now() != null) {
            b.append(String.format(Locale.ROOT, "; on %d pairs, %.6g now and %.6g before", c.n(), c.now(), c.before()));
        }
        if (t.result() != null) {
            b.append("; ").append(t.result().test()).append(String.format(Locale.ROOT, ", p = %.4g", t.result().pValue()));
        } else if (c.untested() != null) {
            b.append("; no test: ").append(c.untested());
        }
        return b.toString();
    }
}
