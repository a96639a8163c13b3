package dev.assay.harness;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.List;

/**
 * Tables of 0 to 60 rows as real files have them: a protected attribute with missing values and
 * groups of one row, labels and predictions written 0/1, 0.0/1.0 or true/false (mixed in a column
 * now and then), with nulls and NaN; scores with ties, NaN, +inf, -inf and nulls (now and then out
 * of [0, 1], or whole numbers only); frequency weights 0-3; features of mixed numeric types.
 */
public final class Generators {

    private Generators() {
    }

    /** How a binary column writes its values: the whole column one way, or mixed row by row. */
    enum Style {
        INT, FLOAT, BOOL, MIXED
    }

    private static final String[] ONE = {"1", "1.0", "true"};
    private static final String[] ZERO = {"0", "0.0", "false"};

    static Arbitrary<String> binary(Style style, boolean nanAllowed) {
        Arbitrary<Integer> variant = Arbitraries.integers().between(0, 2);
        Arbitrary<String> one = style == Style.MIXED ? variant.map(i -> ONE[i]) : Arbitraries.just(ONE[style.ordinal()]);
        Arbitrary<String> zero = style == Style.MIXED ? variant.map(i -> ZERO[i]) : Arbitraries.just(ZERO[style.ordinal()]);
        // NaN in a BOOL column would make it text: allowed only where the column is numeric or mixed anyway.
        boolean nan = nanAllowed && style != Style.BOOL;
        return Arbitraries.frequencyOf(
                Tuple.of(40, zero), Tuple.of(40, one), Tuple.of(7, Arbitraries.just("")), Tuple.of(nan ? 6 : 0, Arbitraries.just("NaN")));
    }

    static Arbitrary<String> score(boolean nonFinite, boolean wholeOnly) {
        Arbitrary<String> grid = wholeOnly ? Arbitraries.of("0", "1")
                // A 0.05 grid: ties within and across groups, and values on the bin edges 0.1 ... 0.9.
                : Arbitraries.integers().between(0, 20).map(k -> Double.toString(k / 20.0));
        return Arbitraries.frequencyOf(
                Tuple.of(60, grid),
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(wholeOnly ? 0 : 2, Arbitraries.of("1.5", "-0.25", "0.123456789")),
                Tuple.of(nonFinite ? 4 : 0, Arbitraries.of("NaN", "inf", "-inf")));
    }

    static Arbitrary<String> group() {
        return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just("A")), Tuple.of(7, Arbitraries.just("B")),
                Tuple.of(2, Arbitraries.just("C")), Tuple.of(1, Arbitraries.just("D")), Tuple.of(2, Arbitraries.just("")));
    }

    static Arbitrary<String> wholeFeature(boolean nan) {
        return Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.integers().between(-3, 20).map(String::valueOf)),
                Tuple.of(2, Arbitraries.just("")), Tuple.of(nan ? 2 : 0, Arbitraries.just("NaN")));
    }

    static Arbitrary<String> decimalFeature(boolean nonFinite) {
        return Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.integers().between(-30, 30).map(k -> Double.toString(k / 10.0))),
                Tuple.of(3, Arbitraries.integers().between(-3, 3).map(String::valueOf)),
                Tuple.of(2, Arbitraries.just("")), Tuple.of(nonFinite ? 3 : 0, Arbitraries.of("NaN", "inf", "-inf")));
    }

    static Arbitrary<String> category() {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of("u", "v", "w")), Tuple.of(1, Arbitraries.just("")));
    }

    /** Per-table choices: how labels and predictions are written, whether non-finite values occur, weights. */
    record Shape(Style label, Style prediction, boolean nonFinite, boolean weighted, boolean wholeScores, int maxRows) {
    }

    static Arbitrary<Shape> shapes(boolean nonFinite) {
        Arbitrary<Style> style = Arbitraries.frequency(Tuple.of(4, Style.INT), Tuple.of(2, Style.FLOAT), Tuple.of(2, Style.BOOL),
                Tuple.of(nonFinite ? 1 : 0, Style.MIXED));
        return Combinators.combine(style, style, nonFinite ? Arbitraries.of(true, false) : Arbitraries.just(false),
                Arbitraries.of(false, true), Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)),
                Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(1, 1), Tuple.of(2, 6), Tuple.of(6, 60)))
                .as(Shape::new);
    }

    static Arbitrary<Table.Row> rows(Shape s) {
        return Combinators.combine(List.of(group(), binary(s.label(), s.nonFinite()), binary(s.prediction(), s.nonFinite()),
                        score(s.nonFinite(), s.wholeScores()), Arbitraries.integers().between(0, 3).map(String::valueOf),
                        wholeFeature(s.nonFinite()), decimalFeature(s.nonFinite()), category()))
                .as(c -> new Table.Row(c.get(0), c.get(1), c.get(2), c.get(3), Integer.parseInt(c.get(4)), c.get(5), c.get(6), c.get(7)));
    }

    /** An evaluation table and its baseline, written alike (no mixed columns), unweighted; 20-60 rows each. */
    public static Arbitrary<Table[]> driftPairs(boolean nonFinite) {
        return shapes(nonFinite).filter(s -> s.label() != Style.MIXED && s.prediction() != Style.MIXED)
                .flatMap(s -> Combinators.combine(rows(s).list().ofMinSize(0).ofMaxSize(60), rows(s).list().ofMinSize(1).ofMaxSize(60))
                        .as((a, b) -> new Table[] {new Table(false, a), new Table(false, b)}));
    }

    /** Tables, non-finite values included or not. */
    public static Arbitrary<Table> tables(boolean nonFinite) {
        return shapes(nonFinite).flatMap(s -> rows(s).list().ofMinSize(0).ofMaxSize(s.maxRows())
                .map(rows -> new Table(s.weighted(), rows)));
    }
}
