package dev.assay.metric.counts;

/**
 * The sums a regression model's metrics need, per group, mergeable: rows with both a numeric label
 * and prediction, and the sums of label, label squared, prediction, |error| and error squared.
 */
public record RegressionState(long n, double labelSum, double labelSquares, double predictionSum,
                              double absoluteErrors, double squaredErrors) {

    public static final RegressionState EMPTY = new RegressionState(0, 0, 0, 0, 0, 0);

    public RegressionState merge(RegressionState o) {
        return new RegressionState(n + o.n, labelSum + o.labelSum, labelSquares + o.labelSquares,
                predictionSum + o.predictionSum, absoluteErrors + o.absoluteErrors, squaredErrors + o.squaredErrors);
    }
}
