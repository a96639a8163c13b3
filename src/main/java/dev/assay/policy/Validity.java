package dev.assay.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an audit by a rule or pack stays valid ({@code validFor} in a pack): an ISO 8601 duration
 * ({@code P1Y}, {@code P6M}, {@code P2W}, {@code P90D}, {@code PT5S}, {@code P1DT12H}), its date part a
 * calendar {@link Period} and its time part an exact {@link Duration}. NYC Local Law 144 asks for a bias
 * audit "no more than one year prior to the use" of the tool (NYC Admin. Code § 20-871(a)(1)): {@code P1Y}.
 *
 * <p>The date part is added in UTC on the calendar, as the law counts a year: an audit completed on
 * 2024-02-29 with {@code P1Y} expires on 2025-02-28 at the same time of day ({@link java.time.LocalDate#plus}
 * keeps the last valid day of a shorter month). An audit is expired <em>at</em> its expiry instant, as a
 * waiver is at its {@code expiresAt} ({@link Expiry#reached}).
 *
 * @param text   the duration as the pack wrote it (what reports and the API echo)
 * @param period the years, months, weeks (as 7 days) and days, added on the UTC calendar
 * @param time   the hours, minutes and seconds, added exactly
 */
public record Validity(String text, Period period, Duration time) {

    /**
     * The form a pack may write; the pack schema holds the same pattern. Each figure at most 6 digits, so no
     * expiry runs past the year 1,000,000 (Instant's range is far wider), and only whole seconds, so expiries
     * stay at the microseconds the databases keep.
     */
    public static final Pattern FORM = Pattern.compile(
            "P(?!$)(?:(\\d{1,6})Y)?(?:(\\d{1,6})M)?(?:(\\d{1,6})W)?(?:(\\d{1,6})D)?(?:T(?=\\d)(?:(\\d{1,6})H)?(?:(\\d{1,6})M)?(?:(\\d{1,6})S)?)?");

    public Validity {
        Objects.requireNonNull(text);
        Objects.requireNonNull(period);
        Objects.requireNonNull(time);
    }

    /**
     * Reads a duration of {@link #FORM}.
     *
     * @return empty for text of another form, or for a duration of zero (a validity that ends as it begins)
     */
    public static Optional<Validity> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Period period = Period.of(figure(m, 1), figure(m, 2), Math.addExact(Math.multiplyExact(figure(m, 3), 7), figure(m, 4)));
        Duration time = Duration.ofHours(figure(m, 5)).plusMinutes(figure(m, 6)).plusSeconds(figure(m, 7));
        if (period.isZero() && time.isZero()) {
            return Optional.empty();
        }
        return Optional.of(new Validity(text, period, time));
    }

    private static int figure(Matcher m, int group) {
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }

    /** When an audit completed at {@code completedAt} stops being valid: from this instant on, it is expired. */
    public Instant expiry(Instant completedAt) {
        return completedAt.atOffset(ZoneOffset.UTC).plus(period).plus(time).toInstant();
    }

    @Override
    public String toString() {
        return text;
    }
}
