package dev.assay.portal;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The dashboard's search, filters and order, from its query string: a model matches when its name, an owner or its
 * card's risk tier contains {@code q}, and each filter given (an owner, a risk tier, a policy its latest audit
 * applied, a gate) holds exactly. Pure: parsed, validated (every bad parameter named at once, bounded lengths) and
 * applied without the server, so it is unit-tested.
 *
 * @param q     free text, case-insensitive, at most {@value #MAX} characters; empty for none
 * @param owner an owner's name, exactly; empty for any
 * @param risk  a risk tier as cards write it (case-insensitive); empty for any
 * @param policy a pack id the latest audit applied; empty for any
 * @param gate  PASS, WARN, FAIL or NONE; empty for any
 * @param sort  {@link Sort}
 */
public record DashboardQuery(String q, String owner, String risk, String policy, String gate, Sort sort) {

    /** The longest text a parameter may carry: a model name is at most 200 characters. */
    static final int MAX = 200;

    private static final Set<String> GATES = Set.of("PASS", "WARN", "FAIL", "NONE");

    /** The orders offered, by their query-string value. */
    public enum Sort {
        /** By model name, A to Z (the default). */
        MODEL("model", Comparator.comparing(Row::model)),
        /** Most urgent first: FAIL, WARN, NONE, PASS; then by name. */
        GATE("gate", Comparator.comparingInt((Row r) -> urgency(r.gate())).thenComparing(Row::model)),
        /** The most recently registered latest version first. */
        REGISTERED("registered", Comparator.comparing(Row::registeredAt, Comparator.reverseOrder()).thenComparing(Row::model)),
        /** The most versions first. */
        VERSIONS("versions", Comparator.comparingInt(Row::versions).reversed().thenComparing(Row::model));

        private final String id;
        private final Comparator<Row> order;

        Sort(String id, Comparator<Row> order) {
            this.id = id;
            this.order = order;
        }

        public String id() {
            return id;
        }

        private static int urgency(String gate) {
            return switch (gate) {
                case "FAIL" -> 0;
                case "WARN" -> 1;
                case "NONE" -> 2;
                default -> 3;
            };
        }
    }

    /** What the filters read of a model: its name, owners, latest version's risk tier and time, its latest audit's packs, its gate. */
    public record Row(String model, List<String> owners, String risk, List<String> policies, String gate, Instant registeredAt,
                      int versions) {
        public Row {
            owners = List.copyOf(owners);
            policies = List.copyOf(policies);
        }
    }

    /**
     * The query from its parameters (any null or blank: not given).
     *
     * @throws InvalidInput naming each bad parameter ({@code /gate}, {@code /sort}, or one longer than {@value #MAX})
     */
    public static DashboardQuery parse(String q, String owner, String risk, String policy, String gate, String sort) {
        List<FieldError> errors = new ArrayList<>();
        String query = text("q", q, errors);
        String wantedGate = text("gate", gate, errors).toUpperCase(Locale.ROOT);
        if (!wantedGate.isEmpty() && !GATES.contains(wantedGate)) {
            errors.add(FieldError.at("/gate", "must be PASS, WARN, FAIL or NONE"));
        }
        String order = text("sort", sort, errors).toLowerCase(Locale.ROOT);
        Sort by = Sort.MODEL;
        if (!order.isEmpty()) {
            by = null;
            for (Sort s : Sort.values()) {
                if (s.id().equals(order)) {
                    by = s;
                }
            }
            if (by == null) {
                errors.add(FieldError.at("/sort", "must be model, gate, registered or versions"));
            }
        }
        DashboardQuery parsed = new DashboardQuery(query, text("owner", owner, errors), text("risk", risk, errors),
                text("policy", policy, errors), wantedGate, by == null ? Sort.MODEL : by);
        if (!errors.isEmpty()) {
            throw new InvalidInput("The dashboard's query has " + errors.size() + " problem(s)", errors);
        }
        return parsed;
    }

    /** The rows that match, in the order asked. */
    public <T> List<T> apply(List<T> rows, java.util.function.Function<T, Row> read) {
        Comparator<T> order = Comparator.comparing(read, sort.order);
        return rows.stream().filter(r -> matches(read.apply(r))).sorted(order).toList();
    }

    boolean matches(Row r) {
        String needle = q.toLowerCase(Locale.ROOT);
        Predicate<String> hit = s -> s != null && s.toLowerCase(Locale.ROOT).contains(needle);
        return (q.isEmpty() || hit.test(r.model()) || r.owners().stream().anyMatch(hit) || hit.test(r.risk()))
                && (owner.isEmpty() || r.owners().contains(owner))
                && (risk.isEmpty() || risk.equalsIgnoreCase(r.risk() == null ? "" : r.risk()))
                && (policy.isEmpty() || r.policies().contains(policy))
                && (gate.isEmpty() || gate.equals(r.gate()));
    }

    /** Whether any filter or search is in force (the page says how many models it hides). */
    public boolean filtered() {
        return !(q.isEmpty() && owner.isEmpty() && risk.isEmpty() && policy.isEmpty() && gate.isEmpty());
    }

    private static String text(String name, String value, List<FieldError> errors) {
        String v = value == null ? "" : value.strip();
        if (v.length() > MAX) {
            errors.add(FieldError.at("/" + name, "must be at most " + MAX + " characters"));
            return "";
        }
        return v;
    }
}
