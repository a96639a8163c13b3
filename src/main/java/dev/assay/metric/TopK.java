package dev.assay.metric;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Where a shortlist is cut: the top {@code k} rows of the ranking by score, or the top {@code share} of the
 * ranked rows (a rule's {@code parameters: {k: 10}} or {@code {share: 0.2}}, exactly one); {@link #NONE}, the
 * whole ranking. Read by the ranking metrics ({@code selection_rate_at_k}, {@code exposure}, ...), never by others.
 *
 * @param k     rows, at least 1; null when the cut is a share or there is none
 * @param share of the ranked rows, in (0, 1]; null when the cut is k or there is none
 */
public record TopK(Long k, Double share) {

    /** No cut: the whole ranking (exposure over every position). */
    public static final TopK NONE = new TopK(null, null);

    public TopK {
        if (k != null && share != null) {
            throw new IllegalArgumentException("a cut is k or share, not both");
        }
        if (k != null && k < 1) {
            throw new IllegalArgumentException("k must be at least 1: " + k);
        }
        if (share != null && !(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1]: " + share);
        }
    }

    public static TopK rows(long k) {
        return new TopK(k, null);
    }

    public static TopK share(double share) {
        return new TopK(null, share);
    }

    public boolean isNone() {
        return k == null && share == null;
    }

    /**
     * The cut in rows over a ranking of {@code ranked} rows: k as given (a k beyond the ranked rows selects them
     * all, which the metrics say), or share x ranked rounded half up, computed on the share's decimal text (0.15
     * of 10 rows is 1.5, so 2, whatever the binary double's error; 0.1 of 30 is exactly 3). May be 0 for a share
     * of a small ranking, which selects nobody. The whole ranking for {@link #NONE}.
     */
    public long resolve(long ranked) {
        if (k != null) {
            return k;
        }
        if (share != null) {
            return new BigDecimal(Double.toString(share)).multiply(BigDecimal.valueOf(ranked))
                    .setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
        return ranked;
    }

    /** As a value's {@code at}: "top 10", "top 25% (10 of 40)"; null for the whole ranking. */
    public String at(long ranked) {
        if (k != null) {
            return "top " + k;
        }
        if (share != null) {
            return "top " + new BigDecimal(Double.toString(share)).movePointRight(2).stripTrailingZeros().toPlainString() + "% (" + resolve(ranked)
                    + " of " + ranked + ")";
        }
        return null;
    }

    /** As the rule wrote it: "k = 10", "share = 0.25"; "the whole ranking" for {@link #NONE}. */
    @Override
    public String toString() {
        return k != null ? "k = " + k : share != null ? "share = " + new BigDecimal(Double.toString(share)).stripTrailingZeros().toPlainString() : "the whole ranking";
    }
}
