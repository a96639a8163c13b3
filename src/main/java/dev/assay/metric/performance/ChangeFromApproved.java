package dev.assay.metric.performance;

import dev.assay.metric.ApprovedValues;
import dev.assay.metric.MetricValue;

import java.util.List;
import java.util.Locale;

/**
 * {@code <metric>_change_from_approved}: the whole-dataset value now minus the value in the model's
 * last approved version (TFMA's change threshold against a baseline model). For metrics where lower
 * is better (Brier score, log loss, errors) a rise is the regression: the rule's comparator says which
 * way is bad. Undefined, with the reason, when no earlier version is approved, when its audit did not
 * compute the metric, or when the metric is undefined now.
 */
public final class ChangeFromApproved {

    public static final String SUFFIX = "_change_from_approved";

    /** The performance metrics a version can be compared on. */
    public static final List<String> BASES = List.of("accuracy", "precision", "recall", "f1", "roc_auc", "brier_score",
            "log_loss", "mean_absolute_error", "root_mean_squared_error", "r2");

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

    /** @param now the base metric's whole-dataset value in this audit */
    public static MetricValue of(String base, MetricValue now, ApprovedValues approved) {
        String id = id(base);
        if (!approved.exists()) {
            return MetricValue.undefined(id, null, null, now.n(),
                    "no earlier version of this model is approved (gate PASS, or failures waived)", null);
        }
        String reference = "version " + approved.version();
        if (approved.value(base).isEmpty()) {
            return MetricValue.undefined(id, null, null, now.n(), "the approved version's audit (" + approved.audit()
                    + ") did not compute " + base, reference);
        }
        if (!now.isDefined()) {
            return MetricValue.undefined(id, null, null, now.n(), base + " is undefined now: " + now.undefined(), reference);
        }
        double before = approved.value(base).get();
        return MetricValue.defined(id, null, null, now.value() - before, null, now.n(), reference)
                .withNote(String.format(Locale.ROOT, "%s %.6g now, %.6g in approved version %s (audit %s)",
                        base, now.value(), before, approved.version(), approved.audit()));
    }
}
