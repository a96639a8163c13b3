package dev.assay.metric.counts;

import dev.assay.metric.OutcomeClasses;

import java.util.Arrays;
import java.util.List;

/**
 * The confusion matrix of one group of a multiclass model, mergeable like {@link GroupState}: rows counted
 * (frequency-weighted) by the class of their label and the class of their prediction, each index 0 to K-1 for the
 * card's classes, K for a value outside them, K+1 for a missing value. Every one-vs-rest count of a class, the
 * selection and label counts per class, and the favorable-class {@link GroupState} of the binary metrics are
 * sums of its cells.
 *
 * <p>One-vs-rest for class c (scikit-learn's {@code multilabel_confusion_matrix}, over the rows with both a
 * label and a prediction): TP = M[c][c]; FP = the rows predicted c whose label is another class or outside the
 * classes; FN = the rows labeled c predicted as another class or outside; TN = the rest.
 *
 * @param names the classes' names, in the card's order (K of them)
 * @param cells (K+2)² counts, row-major by label index then prediction index
 */
public record ClassMatrix(List<String> names, long[] cells) {

    public ClassMatrix {
        names = List.copyOf(names);
        if (cells.length != (names.size() + 2) * (names.size() + 2)) {
            throw new IllegalArgumentException("a matrix of " + names.size() + " classes has " + (names.size() + 2) * (names.size() + 2)
                    + " cells, not " + cells.length);
        }
    }

    public static ClassMatrix empty(List<String> names) {
        return new ClassMatrix(names, new long[(names.size() + 2) * (names.size() + 2)]);
    }

    /** K, the number of classes. */
    public int size() {
        return names.size();
    }

    /** The index of a value outside the classes. */
    public int outside() {
        return names.size();
    }

    /** The index of a missing value. */
    public int missing() {
        return names.size() + 1;
    }

    /** Rows whose label has index {@code label} and prediction index {@code prediction}. */
    public long count(int label, int prediction) {
        return cells[label * (names.size() + 2) + prediction];
    }

    /** The same matrix with {@code n} more rows in one cell (a new matrix: states are immutable). */
    public ClassMatrix plus(int label, int prediction, long n) {
        long[] c = cells.clone();
        c[label * (names.size() + 2) + prediction] += n;
        return new ClassMatrix(names, c);
    }

    public ClassMatrix merge(ClassMatrix o) {
        if (!names.equals(o.names)) {
            throw new IllegalArgumentException("matrices of different classes: " + names + ", " + o.names);
        }
        long[] c = cells.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += o.cells[i];
        }
        return new ClassMatrix(names, c);
    }

    public long rows() {
        return Arrays.stream(cells).sum();
    }

    /** Rows with both a label and a prediction (either may be outside the classes): the one-vs-rest total. */
    public long labeled() {
        long n = 0;
        for (int l = 0; l < missing(); l++) {
            for (int p = 0; p < missing(); p++) {
                n += count(l, p);
            }
        }
        return n;
    }

    /** Rows with a prediction (with or without a label): the selection rates' denominator. */
    public long predicted() {
        long n = 0;
        for (int l = 0; l <= missing(); l++) {
            for (int p = 0; p < missing(); p++) {
                n += count(l, p);
            }
        }
        return n;
    }

    /** Rows predicted as index {@code p} (a class, or outside), with or without a label. */
    public long predictedAs(int p) {
        long n = 0;
        for (int l = 0; l <= missing(); l++) {
            n += count(l, p);
        }
        return n;
    }

    /** Rows with a label (with or without a prediction): the base rates' denominator. */
    public long labels() {
        long n = 0;
        for (int l = 0; l < missing(); l++) {
            for (int p = 0; p <= missing(); p++) {
                n += count(l, p);
            }
        }
        return n;
    }

    /** Rows labeled as index {@code l} (a class, or outside), with or without a prediction. */
    public long labeledAs(int l) {
        long n = 0;
        for (int p = 0; p <= missing(); p++) {
            n += count(l, p);
        }
        return n;
    }

    /** Rows whose label and prediction are the same class of the card (outside values are never right). */
    public long correct() {
        long n = 0;
        for (int c = 0; c < size(); c++) {
            n += count(c, c);
        }
        return n;
    }

    /** Rows with a label or a prediction outside the classes (both known or not), for the notes. */
    public long outsideLabels() {
        return labeledAs(outside());
    }

    public long outsidePredictions() {
        return predictedAs(outside());
    }

    public long truePositives(int c) {
        return count(c, c);
    }

    /** Rows predicted {@code c} with a label of another class or outside the classes. */
    public long falsePositives(int c) {
        long n = 0;
        for (int l = 0; l < missing(); l++) {
            n += l == c ? 0 : count(l, c);
        }
        return n;
    }

    /** Rows labeled {@code c} predicted as another class or outside the classes. */
    public long falseNegatives(int c) {
        long n = 0;
        for (int p = 0; p < missing(); p++) {
            n += p == c ? 0 : count(c, p);
        }
        return n;
    }

    public long trueNegatives(int c) {
        return labeled() - truePositives(c) - falsePositives(c) - falseNegatives(c);
    }

    /** Class {@code c} against the rest, as the binary counts: for every rate of {@link ConfusionRates} per class. */
    public GroupState oneVsRest(int c) {
        return new GroupState(rows(), predicted(), predictedAs(c), truePositives(c), falsePositives(c), falseNegatives(c),
                trueNegatives(c), 0, 0.0, falsePositives(c), falseNegatives(c), labels(), labeledAs(c));
    }

    /**
     * The binary counts through the favorable classes: a prediction in one is favorable and positive, a label in
     * one is positive (and favorable: AIF360's benefits are then the false positives and negatives). Without
     * favorable classes nothing is favorable nor positive (the metrics that read them are undefined then).
     */
    public GroupState favorable(OutcomeClasses classes) {
        long predicted = 0;
        long favorable = 0;
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        long labels = 0;
        long labelPositives = 0;
        for (int l = 0; l <= missing(); l++) {
            boolean lf = classes.isFavorable(l);
            for (int p = 0; p <= missing(); p++) {
                long n = count(l, p);
                boolean pf = classes.isFavorable(p);
                boolean hasLabel = l != missing();
                boolean hasPrediction = p != missing();
                predicted += hasPrediction ? n : 0;
                favorable += pf ? n : 0;
                labels += hasLabel ? n : 0;
                labelPositives += lf ? n : 0;
                if (hasLabel && hasPrediction) {
                    tp += lf && pf ? n : 0;
                    fp += !lf && pf ? n : 0;
                    fn += lf && !pf ? n : 0;
                    tn += !lf && !pf ? n : 0;
                }
            }
        }
        return new GroupState(rows(), predicted, favorable, tp, fp, fn, tn, 0, 0.0, fp, fn, labels, labelPositives);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassMatrix o && names.equals(o.names) && Arrays.equals(cells, o.cells);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return "ClassMatrix" + names + Arrays.toString(cells);
    }
}
