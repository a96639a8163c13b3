package dev.assay.ledger;

import dev.assay.failure.Malformed;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which ledger entries a reader asks for: by kind, subject, actor and time, as the portal's ledger page, its CSV
 * export and the API's listing take them from query parameters. Parsed here once, so the three agree on what a
 * parameter means and refuse the same input with the same words.
 *
 * <ul>
 *     <li>{@code kind}: an entry kind ({@code audit.completed}), or a family without a dot ({@code waiver}: requested,
 *     approved and rejected);</li>
 *     <li>{@code subject}, {@code actor}: exact, as the entry records them (an audit or waiver id, {@code model@version},
 *     a person);</li>
 *     <li>{@code from}, {@code to}: a day ({@code 2026-12-31}, UTC, the whole day included) or an instant
 *     ({@code 2026-12-31T09:30:00Z}, included).</li>
 * </ul>
 *
 * @param from   the first instant included; null: from the start
 * @param before the first instant excluded; null: until now
 */
public record LedgerFilter(String kind, String subject, String actor, Instant from, Instant before) {

    /** No filter: every entry. */
    public static final LedgerFilter NONE = new LedgerFilter(null, null, null, null, null);

    /** The column widths of the ledger's table (V3, V11): longer text cannot match anything, so it is refused. */
    static final int MAX_KIND = 50;
    static final int MAX_SUBJECT = 200;
    static final int MAX_ACTOR = 320;

    private static final Pattern KIND = Pattern.compile("[a-z][a-z-]*(\\.[a-z][a-z-]*)*");
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * The filter the parameters name; blank parameters are absent. Every bad parameter is named at once, in a
     * {@link Malformed} (the edge answers 400).
     */
    public static LedgerFilter parse(String kind, String subject, String actor, String from, String to) {
        List<String> problems = new ArrayList<>();
        kind = blankToNull(kind);
        subject = blankToNull(subject);
        actor = blankToNull(actor);
        if (kind != null && (kind.length() > MAX_KIND || !KIND.matcher(kind).matches())) {
            problems.add("'kind' must be an entry kind such as audit.completed, or a family such as waiver (lower-case letters,"
                    + " '-' and '.', at most " + MAX_KIND + " characters)");
        }
        if (subject != null && subject.length() > MAX_SUBJECT) {
            problems.add("'subject' may have at most " + MAX_SUBJECT + " characters");
        }
        if (actor != null && actor.length() > MAX_ACTOR) {
            problems.add("'actor' may have at most " + MAX_ACTOR + " characters");
        }
        Instant start = instant("from", from, false, problems);
        Instant end = instant("to", to, true, problems);
        if (start != null && end != null && !start.isBefore(end)) {
            problems.add("'to' must not be before 'from'");
        }
        if (!problems.isEmpty()) {
            throw new Malformed(String.join("; ", problems) + ".");
        }
        return new LedgerFilter(kind, subject, actor, start, end);
    }

    /** A day means the whole day (UTC); an instant is itself. {@code to} is kept as the first instant after it. */
    private static Instant instant(String name, String text, boolean end, List<String> problems) {
        text = blankToNull(text);
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add("'" + name + "' must be a day such as 2026-12-31 or an instant such as 2026-12-31T09:30:00Z, not '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
            return null;
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            problems.add("'" + name + "' must be between 1970 and 9999");
            return null;
        }
        if (end) {
            // Timestamps are kept to the microsecond: the first instant after an included one is a microsecond on.
            return text.length() == 10 ? at.plus(1, ChronoUnit.DAYS) : at.plus(1, ChronoUnit.MICROS);
        }
        return at;
    }

    /** Whether {@code kind} names a family ({@code waiver}) rather than one kind ({@code waiver.approved}). */
    public boolean kindIsFamily() {
        return kind != null && kind.indexOf('.') < 0;
    }

    /** The parameters this filter was parsed from, as the forms and links of the portal repeat them (absent ones left out). */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "kind", kind);
        put(p, "subject", subject);
        put(p, "actor", actor);
        put(p, "from", from == null ? null : text(from, false));
        put(p, "to", before == null ? null : text(before, true));
        return p;
    }

    /** The query string of {@link #parameters()}, encoded, without the leading '?'; empty for no filter. */
    public String query() {
        StringBuilder q = new StringBuilder();
        parameters().forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return q.toString();
    }

    /** A bound back as a reader wrote it: a whole day as the day, otherwise the instant. */
    private static String text(Instant bound, boolean end) {
        boolean midnight = bound.truncatedTo(ChronoUnit.DAYS).equals(bound);
        if (midnight) {
            return LocalDate.ofInstant(end ? bound.minus(1, ChronoUnit.DAYS) : bound, ZoneOffset.UTC).toString();
        }
        return (end ? bound.minus(1, ChronoUnit.MICROS) : bound).toString();
    }

    private static void put(Map<String, String> p, String k, String v) {
        if (v != null) {
            p.put(k, v);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
