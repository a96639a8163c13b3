package dev.assay.policy;

/** A value passes when {@code value <comparator> bound}. */
public record Threshold(Comparator comparator, double bound) {

    public enum Comparator {
        GE(">="), GT(">"), LE("<="), LT("<");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static java.util.Optional<Comparator> bySymbol(String s) {
            return java.util.Arrays.stream(values()).filter(c -> c.symbol.equals(s)).findFirst();
        }
    }

    public boolean passes(double value) {
        return switch (comparator) {
            case GE -> value >= bound;
            case GT -> value > bound;
            case LE -> value <= bound;
            case LT -> value < bound;
        };
    }
}
