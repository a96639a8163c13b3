package dev.assay.report;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.List;

/**
 * The small-cell rule of statistical disclosure control, for every published table (portal pages and
 * the PDF): a value resting on fewer than {@link #K} rows is not shown, and the table says so. The
 * signed JSON report, the evidence auditors verify, keeps every exact value.
 */
public final class SmallCells {

    /** Cells with fewer rows than this are suppressed (the common floor, as k of k-anonymity). */
    public static final int K = 5;

    /** What a suppressed cell says instead of its value. */
    public static final String SUPPRESSED = "fewer than " + K + " rows: the value is not shown here";

    private SmallCells() {
    }

    public static boolean small(JsonObject finding) {
        return finding.get("n") instanceof JsonNumber n && n.longValue() > 0 && n.longValue() < K;
    }

    /** The findings with small cells' values and intervals removed, and the reason in their place. */
    public static List<JsonObject> suppress(List<JsonObject> findings) {
        return findings.stream().map(f -> small(f) ? Json.createObjectBuilder(f).add("value", JsonValue.NULL).remove("ci")
                .remove("reported").add("undefined", SUPPRESSED).build() : f).toList();
    }
}
