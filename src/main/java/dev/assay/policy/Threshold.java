package dev.assay.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * A value passes when {@code value <comparator> bound}, or, for a band, when
 * {@code bound <= value <= upper}.
 */
public record Threshold(Comparator comparator, double bound, Double upper) {

    public enum Comparator {
        GE(">="), GT(">"), LE("<="), LT("<"), BETWEEN("between");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Optional<Comparator> bySymbol(String s) {
            return Arrays.stream(values()).filter(c -> c.symbol.equals(s)).findFirst();
        }
    }

    public Threshold(Comparator comparator, double bound) {
        this(comparator, bound, null);
    }

    public static Threshold between(double lower, double upper) {
        return new Threshold(Comparator.BETWEEN, lower, upper);
    }

    public boolean passes(double value) {
        return switch (comparator) {
            case GE -> value >= bound;
            case GT -> value > bound;
            case LE -> value <= bound;
            case LT -> value < bound;
            case BETWEEN -> value >= bound && value <= upper;
        };
    }
}
