package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.metric.counts.ClassMatrix;
import dev.assay.metric.counts.ConfusionRates;
import dev.assay.metric.counts.GroupRate;
import dev.assay.metric.counts.GroupState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Demographic parity, equal opportunity and equalized odds of a multiclass model, over its classes. Each class c
 * is taken against the rest (one-vs-rest): its disparity across the scope's groups is the binary one of
 * {@link Disparities} on the counts {@link ClassMatrix#oneVsRest} gives (of the per-class selection rate
 * P(Ŷ = c | group) for demographic parity; of the per-class true positive rate P(Ŷ = c | Y = c, group) for equal
 * opportunity; the worse or mean of that and the per-class false positive rate P(Ŷ = c | Y ≠ c, group) for
 * equalized odds); the classes' disparities are then combined as the worst class (the largest difference, the
 * smallest ratio: the default) or their mean (a rule's {@code classAggregation: mean}).
 *
 * <p>Sources: the one-vs-rest reduction of multiclass metrics is scikit-learn's (precision_recall_fscore_support,
 * multilabel_confusion_matrix); demographic parity per class is the multiclass statistical parity of Alghamdi et
 * al., "Beyond Adult and COMPAS: Fair Multi-Class Prediction via Information Projection" (NeurIPS 2022), which bounds
 * the worst class; equalized odds per class (each class's TPR and FPR equal across groups) is the one-vs-rest
 * relaxation of Hardt, Price and Srebro 2016's Ŷ ⊥ A | Y, which for K classes asks every cell P(Ŷ = j | Y = i, A) to
 * be equal (stronger: Assay does not judge the off-diagonal cells one by one). Classes whose disparity is undefined
 * (no group has the rate: a class nobody is labeled as, for equal opportunity) are skipped and named in the note, as
 * {@link Disparities} skips groups; the value is undefined when no class has one.
 */
public final class ClassDisparities {

    private ClassDisparities() {
    }

    /** Which disparity, and of what. */
    public enum Of {
        DEMOGRAPHIC_PARITY, EQUAL_OPPORTUNITY, EQUALIZED_ODDS
    }

    /**
     * @param worstClass   the worst class (true) or the mean over classes (false)
     * @param worstOfRates for equalized odds, the worse of the TPR and FPR disparities (true) or their mean
     */
    public static MetricValue of(String id, Of of, Disparities.Kind kind, String scope, Map<GroupKey, ClassMatrix> matrices,
                                 boolean worstClass, boolean worstOfRates, double confidence) {
        if (matrices.isEmpty()) {
            return MetricValue.undefined(id, scope, null, 0, "no group", null);
        }
        List<String> names = matrices.values().iterator().next().names();
        Map<String, MetricValue> byClass = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            Map<GroupKey, GroupState> groups = new LinkedHashMap<>();
            int k = c;
            matrices.forEach((g, m) -> groups.put(g, m.oneVsRest(k)));
            MetricValue v = switch (of) {
                case DEMOGRAPHIC_PARITY -> Disparities.of(id, GroupRate.SELECTION, kind, Disparities.Method.BETWEEN_GROUPS, scope, groups,
                        confidence);
                case EQUAL_OPPORTUNITY -> Disparities.of(id, ConfusionRates.TRUE_POSITIVE_RATE, kind, Disparities.Method.BETWEEN_GROUPS,
                        scope, groups, confidence);
                case EQUALIZED_ODDS -> Disparities.equalizedOdds(kind, scope, groups, worstOfRates, confidence);
            };
            if (v.isDefined()) {
                byClass.put(names.get(c), v);
            } else {
                skipped.add(names.get(c) + " (" + v.undefined() + ")");
            }
        }
        String skippedNote = skipped.isEmpty() ? "" : "; skipped, undefined: " + String.join(", ", skipped);
        if (byClass.isEmpty()) {
            return MetricValue.undefined(id, scope, null, 0, "no class has a defined disparity" + skippedNote, null);
        }
        StringBuilder each = new StringBuilder();
        byClass.forEach((c, v) -> each.append(each.length() == 0 ? "" : ", ").append(c).append(' ')
                .append(String.format(Locale.ROOT, "%.6g", v.value())));
        long n = byClass.values().stream().mapToLong(MetricValue::n).max().orElse(0);
        if (worstClass) {
            Map.Entry<String, MetricValue> worst = null;
            for (Map.Entry<String, MetricValue> e : byClass.entrySet()) {
                boolean worse = worst == null || (kind == Disparities.Kind.DIFFERENCE ? e.getValue().value() > worst.getValue().value()
                        : e.getValue().value() < worst.getValue().value());
                worst = worse ? e : worst;
            }
            MetricValue w = worst.getValue();
            String note = "worst of " + byClass.size() + " classes: class " + worst.getKey() + " against the rest"
                    + (w.note() == null ? "" : " (" + w.note() + ")") + "; per class: " + each + skippedNote;
            return new MetricValue(id, scope, null, w.value(), w.ci(), w.n(), null, w.reference(), w.test(), null, note, null);
        }
        double mean = byClass.values().stream().mapToDouble(MetricValue::value).average().orElseThrow();
        return new MetricValue(id, scope, null, mean, null, n, null, null, null, null,
                "mean over " + byClass.size() + " classes, each against the rest; per class: " + each + skippedNote, null);
    }
}
