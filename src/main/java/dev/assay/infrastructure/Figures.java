package dev.assay.infrastructure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one way Assay writes a number or an instant for a person: the portal's pages and the PDF report both
 * call it, so a value reads the same wherever it is shown. Pure and stateless; English conventions
 * (a point for decimals, commas between thousands) whatever the server's locale, because a signed report
 * must not read differently on another machine.
 *
 * <ul>
 *   <li>{@link #number}: four significant digits, at least two and at most four decimals ({@code 0.6253},
 *       {@code 1.234}, {@code 12.35}, {@code 12,345.68}); below 0.001 in scientific notation
 *       ({@code 1.0e-12}), so a tiny value never reads as zero;</li>
 *   <li>{@link #count}: thousands separators ({@code 1,234,567});</li>
 *   <li>{@link #percent}: a share as a percentage ({@code 12.3%});</li>
 *   <li>{@link #pValue}: {@code < 0.0001} below that, else four decimals;</li>
 *   <li>{@link #utc}: {@code 2026-12-02 13:04 UTC} (the portal rewrites it in the viewer's zone).</li>
 * </ul>
 * A missing or non-finite value is {@link #UNDEFINED}, never 0 or "NaN".
 */
public final class Figures {

    /** What a missing, NaN or infinite value reads as. */
    public static final String UNDEFINED = "undefined";

    /** Smallest p-value written out; below it, {@code < 0.0001}. */
    public static final double SMALLEST_P = 0.0001;

    /** Below this a value is written in scientific notation: four decimals would keep one significant digit or none. */
    static final double SMALLEST_FIXED = 0.001;

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Figures() {
    }

    /** A measured value: four significant digits, two to four decimals; {@link #UNDEFINED} when absent or not finite. */
    public static String number(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return UNDEFINED;
        }
        double x = v;
        if (x == 0) {
            // -0.0 too: a sign on nothing only confuses.
            return "0";
        }
        if (Math.abs(x) < SMALLEST_FIXED) {
            // Fixed decimals would print 0.0000 and a reader would take it for zero.
            return String.format(Locale.ROOT, "%.1e", x).replace("e-0", "e-");
        }
        // The decimal the double stands for (0.99995, not 0.99994999...), so halves round as a reader expects.
        BigDecimal d = BigDecimal.valueOf(x);
        BigDecimal rounded = d.setScale(decimals(d), RoundingMode.HALF_UP);
        // Rounding may carry into the next magnitude (0.99995 -> 1.0000): then it has one digit too many.
        rounded = d.setScale(decimals(rounded), RoundingMode.HALF_UP);
        return String.format(Locale.ROOT, "%,." + rounded.scale() + "f", rounded);
    }

    /** A JSON-ish number that may be absent, as {@link #number(Double)}. */
    public static String number(Number v) {
        return v == null ? UNDEFINED : number(v.doubleValue());
    }

    /** Decimals that give four significant digits, kept between two and four. */
    private static int decimals(BigDecimal d) {
        int magnitude = d.precision() - d.scale() - 1; // floor(log10 |d|)
        return Math.max(2, Math.min(4, 3 - magnitude));
    }

    /**
     * A value a person chose rather than measured (a threshold, a tick on an axis) as its shortest decimal:
     * 0.8, 1, 0.25; {@link #UNDEFINED} when absent.
     */
    public static String plain(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return UNDEFINED;
        }
        return v == 0 ? "0" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A count of rows, people or values, with thousands separators; "-" when not known. */
    public static String count(Long n) {
        return n == null ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    /** A count, as {@link #count(Long)}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A share (0.123) as a percentage ("12.3%"): one decimal from 1%, two significant digits below it
     * ("0.50%", "0.012%"), "< 0.001%" for a share too small for that, "0%" for none; {@link #UNDEFINED} when absent.
     */
    public static String percent(Double share) {
        if (share == null || !Double.isFinite(share)) {
            return UNDEFINED;
        }
        if (share == 0) {
            return "0%";
        }
        BigDecimal pct = BigDecimal.valueOf(share).movePointRight(2);
        if (pct.abs().compareTo(BigDecimal.ONE) >= 0) {
            return String.format(Locale.ROOT, "%,.1f%%", pct.setScale(1, RoundingMode.HALF_UP));
        }
        if (pct.abs().compareTo(new BigDecimal("0.001")) < 0) {
            return (share < 0 ? "> -" : "< ") + "0.001%";
        }
        int magnitude = pct.precision() - pct.scale() - 1;
        BigDecimal rounded = pct.setScale(1 - magnitude, RoundingMode.HALF_UP);
        if (rounded.abs().compareTo(BigDecimal.ONE) >= 0) {
            // 0.995% rounds to 1.0%: from there on, one decimal.
            return String.format(Locale.ROOT, "%.1f%%", rounded.setScale(1, RoundingMode.HALF_UP));
        }
        return rounded.toPlainString() + "%";
    }

    /** A p-value in a table cell: "< 0.0001" when tiny, else four decimals; {@link #UNDEFINED} when absent. */
    public static String pValue(Double p) {
        if (p == null || !Double.isFinite(p)) {
            return UNDEFINED;
        }
        return p < SMALLEST_P ? "< 0.0001" : BigDecimal.valueOf(p).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    /** A p-value in a sentence: "p < 0.0001" or "p = 0.0312". */
    public static String pStatement(Double p) {
        String text = pValue(p);
        return text.startsWith("<") ? "p " + text : "p = " + text;
    }

    /** An interval as "[low, high]"; "-" when either end is absent. */
    public static String interval(Double low, Double high) {
        return low == null || high == null || !Double.isFinite(low) || !Double.isFinite(high) ? "-"
                : "[" + number(low) + ", " + number(high) + "]";
    }

    /** An instant for a person, to the minute, in UTC and saying so; "-" when absent. */
    public static String utc(Instant t) {
        return t == null ? "-" : UTC.format(t);
    }

    /** An instant as a machine reads it (ISO 8601, UTC): a {@code <time datetime>} attribute; "" when absent. */
    public static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }
}
