package dev.assay.report;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;

/**
 * The small-cell rule of statistical disclosure control, for everything Assay publishes (the signed
 * report and so the API's audit results, the PDF, portal pages): a group's value resting on fewer than
 * {@link #K} rows is not shown, and the entry says so. Rules judge the exact values before the report
 * is written, so a decision never depends on what is shown; whole-dataset and per-column values are
 * not group cells and stay.
 */
public final class SmallCells {

    /** Cells with fewer rows than this are suppressed (the common floor, as k of k-anonymity). */
    public static final int K = 5;

    /** What a suppressed cell says instead of its value. */
    public static final String SUPPRESSED = "fewer than " + K + " rows: the value is not shown here";

    private SmallCells() {
    }

    /**
     * A group's entry (finding or metric value) resting on 1 to K - 1 rows; for a change from the approved
     * version, on either side (the value before is a group's value too).
     */
    public static boolean small(JsonObject entry) {
        return entry.get("group") instanceof JsonString && (few(entry.get("n"))
                || entry.get("comparison") instanceof JsonObject c && few(c.get("approvedN")));
    }

    private static boolean few(JsonValue n) {
        return n instanceof JsonNumber x && x.longValue() > 0 && x.longValue() < K;
    }

    /**
     * The entry with a small cell's value, interval, rounded value, test, note (notes quote values), minimum detectable
     * effect (its note quotes the group's size) and comparison (it quotes values and counts) taken out, and the reason
     * in their place.
     */
    public static JsonObject suppress(JsonObject entry) {
        return small(entry) && !SUPPRESSED.equals(entry.getString("undefined", null))
                ? Json.createObjectBuilder(entry).add("value", JsonValue.NULL).add("ci", JsonValue.NULL).remove("reported")
                .remove("test").remove("note").remove("minimumDetectable").remove("comparison").add("undefined", SUPPRESSED).build()
                : entry;
    }

    public static List<JsonObject> suppress(List<JsonObject> entries) {
        return entries.stream().map(SmallCells::suppress).toList();
    }
}
