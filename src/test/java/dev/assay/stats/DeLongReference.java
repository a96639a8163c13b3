package dev.assay.stats;

import java.math.BigInteger;
import java.util.List;

/**
 * DeLong's components row by row, from their definition: every positive row against every negative row,
 * O(n^2), each row counted by its frequency weight. What the engine's scan must equal exactly.
 */
public final class DeLongReference {

    /** One row: its class, its two scores, its weight. */
    public record Ranked(boolean positive, double score1, double score2, long weight) {
    }

    private DeLongReference() {
    }

    public static DeLong.Components components(List<Ranked> rows) {
        long p = rows.stream().filter(Ranked::positive).mapToLong(Ranked::weight).sum();
        long n = rows.stream().filter(r -> !r.positive()).mapToLong(Ranked::weight).sum();
        BigInteger[] s = new BigInteger[10];
        java.util.Arrays.fill(s, BigInteger.ZERO);
        for (Ranked a : rows) {
            long u1 = 0;
            long u2 = 0;
            for (Ranked b : rows) {
                if (b.positive() != a.positive()) {
                    // A positive's U counts the negatives below it twice and ties once; a negative's W the positives above it.
                    u1 += b.weight() * (a.positive() ? placed(a.score1(), b.score1()) : placed(b.score1(), a.score1()));
                    u2 += b.weight() * (a.positive() ? placed(a.score2(), b.score2()) : placed(b.score2(), a.score2()));
                }
            }
            int o = a.positive() ? 0 : 5;
            BigInteger w = BigInteger.valueOf(a.weight());
            BigInteger x = BigInteger.valueOf(u1);
            BigInteger y = BigInteger.valueOf(u2);
            s[o] = s[o].add(w.multiply(x));
            s[o + 1] = s[o + 1].add(w.multiply(y));
            s[o + 2] = s[o + 2].add(w.multiply(x).multiply(x));
            s[o + 3] = s[o + 3].add(w.multiply(y).multiply(y));
            s[o + 4] = s[o + 4].add(w.multiply(x).multiply(y));
        }
        return new DeLong.Components(p, n, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]);
    }

    /** 2 when the positive's score is above the negative's, 1 when tied, 0 below. */
    private static long placed(double positive, double negative) {
        return positive > negative ? 2 : positive == negative ? 1 : 0;
    }
}
