package dev.assay.metric.performance;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.metric.counts.ClassMatrix;
import dev.assay.metric.counts.PerClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The macro and micro averages of precision, recall and F1 over a multiclass model's classes, per group, as
 * scikit-learn defines them (sklearn.metrics.precision_recall_fscore_support with {@code labels} = the card's
 * classes; f1_score, precision_score, recall_score with {@code average='macro'} or {@code 'micro'}):
 * <ul>
 * <li>per class c, one-vs-rest over the rows with a label and a prediction: precision TP/(TP+FP), recall
 *     TP/(TP+FN), F1 2TP/(2TP+FP+FN) (scikit-learn's F1 formula);</li>
 * <li>macro: the unweighted mean of the classes' values (F1 macro is the mean of the classes' F1, not the F1 of
 *     the macro precision and recall);</li>
 * <li>micro: the same ratios of the counts summed over the classes, ΣTP/(ΣTP+ΣFP), ...</li>
 * </ul>
 * A label or prediction outside the classes is an error for the class on the other side (a false positive of the
 * predicted class, a false negative of the labeled one) and a true positive of none, as scikit-learn counts labels
 * left out of {@code labels}; so micro precision and recall differ from the accuracy only when such values occur.
 *
 * <p>Where scikit-learn's {@code zero_division} applies (a class never predicted has no precision, a class never
 * labeled no recall, a class neither labeled nor predicted no F1; a micro ratio over no rows), scikit-learn returns
 * 0 (or 1, or NaN, as asked) with a warning; here the class's value is undefined, and so is a macro average over it,
 * with the reason naming the class: a 0 would pull the mean down by 1/K, and leaving the class out would average
 * over fewer classes than the card names. No interval: these are not proportions of one sample.
 */
public final class ClassAverages {

    public static final String PRECISION_MACRO = "precision_macro";
    public static final String RECALL_MACRO = "recall_macro";
    public static final String F1_MACRO = "f1_macro";
    public static final String PRECISION_MICRO = "precision_micro";
    public static final String RECALL_MICRO = "recall_micro";
    public static final String F1_MICRO = "f1_micro";

    public static final List<String> IDS = List.of(PRECISION_MACRO, RECALL_MACRO, F1_MACRO, PRECISION_MICRO, RECALL_MICRO, F1_MICRO);

    /** Why every average is undefined for a model that is not multiclass. */
    public static final String NOT_MULTICLASS = "needs a multiclass-classification model card (task and classes)";

    private ClassAverages() {
    }

    /** The three ratios of one class (or of the summed counts), as numerator and denominator. */
    private enum Ratio {
        PRECISION("precision", "no rows predicted as it"),
        RECALL("recall", "no rows labeled as it"),
        F1("f1", "no rows labeled or predicted as it");

        final String name;
        final String whyUndefined;

        Ratio(String name, String whyUndefined) {
            this.name = name;
            this.whyUndefined = whyUndefined;
        }

        long numerator(long tp) {
            return this == F1 ? 2 * tp : tp;
        }

        long denominator(long tp, long fp, long fn) {
            return switch (this) {
                case PRECISION -> tp + fp;
                case RECALL -> tp + fn;
                case F1 -> 2 * tp + fp + fn;
            };
        }
    }

    private static Ratio ratio(String id) {
        return id.startsWith("precision") ? Ratio.PRECISION : id.startsWith("recall") ? Ratio.RECALL : Ratio.F1;
    }

    /** One average for one group. */
    public static MetricValue of(String id, String scope, GroupKey group, ClassMatrix m) {
        Ratio r = ratio(id);
        long n = m.labeled();
        String note = outsideNote(m);
        if (id.endsWith("_micro")) {
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (int c = 0; c < m.size(); c++) {
                tp += m.truePositives(c);
                fp += m.falsePositives(c);
                fn += m.falseNegatives(c);
            }
            long d = r.denominator(tp, fp, fn);
            if (d == 0) {
                return MetricValue.undefined(id, scope, group.id(), n, "no rows with both a label and a prediction in a class", null)
                        .withNote(note);
            }
            return MetricValue.defined(id, scope, group.id(), (double) r.numerator(tp) / d, null, n, null).withNote(note);
        }
        double sum = 0;
        List<String> undefined = new ArrayList<>();
        for (int c = 0; c < m.size(); c++) {
            long d = r.denominator(m.truePositives(c), m.falsePositives(c), m.falseNegatives(c));
            if (d == 0) {
                undefined.add(m.names().get(c));
            } else {
                sum += (double) r.numerator(m.truePositives(c)) / d;
            }
        }
        if (!undefined.isEmpty()) {
            return MetricValue.undefined(id, scope, group.id(), n, "the " + r.name + " of class " + String.join(", ", undefined)
                    + " is undefined (" + r.whyUndefined + "), so their mean over the " + m.size() + " classes is too", null)
                    .withNote(note);
        }
        return MetricValue.defined(id, scope, group.id(), sum / m.size(), null, n, null).withNote(note);
    }

    public static List<MetricValue> all(String id, String scope, Map<GroupKey, ClassMatrix> matrices) {
        return PerClass.sorted(matrices).stream().map(e -> of(id, scope, e.getKey(), e.getValue())).toList();
    }

    /** What a reader must know when values outside the card's classes occurred among the rows counted; null otherwise. */
    static String outsideNote(ClassMatrix m) {
        long labels = 0;
        long predictions = 0;
        for (int i = 0; i < m.missing(); i++) {
            labels += m.count(m.outside(), i);
            predictions += m.count(i, m.outside());
        }
        if (labels == 0 && predictions == 0) {
            return null;
        }
        return String.format(Locale.ROOT, "of the %d rows with a label and a prediction, %d have a label and %d a prediction outside "
                + "the card's classes: each is an error of the class on the other side", m.labeled(), labels, predictions);
    }
}
