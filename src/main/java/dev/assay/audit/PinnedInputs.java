package dev.assay.audit;

import dev.assay.infrastructure.CanonicalJson;
import dev.assay.metric.MetricParameters;
import dev.assay.report.ReportDocument;
import dev.assay.report.Rounding;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything an audit pins when it is requested, the one place that writes and reads its canonical JSON
 * (the run's {@code request_json}): the same pinned inputs give the same audit back, so {@link #sha256()}
 * is the run's identity and its JSON must stay byte for byte what it always was.
 *
 * @param modelVersion the model version's id
 * @param modelCard    the SHA-256 of its card
 * @param dataset      the SHA-256 of the evaluation dataset
 * @param baseline     the SHA-256 of the baseline dataset; null without one
 * @param policies     the SHA-256 of each pack's version, in request order
 * @param metrics      the extra metrics asked for, sorted, each once
 * @param parameters   the metric parameters
 * @param rounding     how reported values are rounded; null when only exact values are reported
 * @param approved     the last approved version a performance comparison is made with; null when none is
 * @param window       the production window the dataset is the slice of; null for an audit of an uploaded dataset
 */
public record PinnedInputs(String modelVersion, String modelCard, String dataset, String baseline, List<String> policies,
                           List<String> metrics, MetricParameters parameters, Rounding rounding, Approved approved,
                           Window window) {

    public PinnedInputs(String modelVersion, String modelCard, String dataset, String baseline, List<String> policies,
                        List<String> metrics, MetricParameters parameters, Rounding rounding, Approved approved) {
        this(modelVersion, modelCard, dataset, baseline, policies, metrics, parameters, rounding, approved, null);
    }

    /**
     * A window of a deployment, as its audit pins it: which deployment, start and end (UTC instants), how many
     * rows and labeled rows its slice holds, and the label coverage below which label metrics are withheld.
     */
    public record Window(String deployment, Instant start, Instant end, long rows, long labeledRows,
                         double minimumLabelCoverage) {

        /** Labeled rows over rows; 0 for no rows. */
        public double labelCoverage() {
            return rows == 0 ? 0 : (double) labeledRows / rows;
        }

        /** Why label metrics are undefined in this window; null when its labels cover enough rows. */
        public String labelsWithheld() {
            double coverage = labelCoverage();
            return coverage >= minimumLabelCoverage && labeledRows > 0 ? null
                    : String.format(java.util.Locale.ROOT, "label coverage %.4f of this window (%d of %d rows) is below the "
                    + "deployment's minimum %.4f", coverage, labeledRows, rows, minimumLabelCoverage);
        }

        /** In canonical (RFC 8785) key order. */
        public JsonObject toJson() {
            return Json.createObjectBuilder().add("deployment", deployment).add("end", end.toString())
                    .add("labelCoverage", labelCoverage()).add("labeledRows", labeledRows)
                    .add("minimumLabelCoverage", minimumLabelCoverage).add("rows", rows).add("start", start.toString()).build();
        }

        static Window parse(JsonObject w) {
            return new Window(w.getString("deployment"), Instant.parse(w.getString("start")), Instant.parse(w.getString("end")),
                    w.getJsonNumber("rows").longValue(), w.getJsonNumber("labeledRows").longValue(),
                    w.getJsonNumber("minimumLabelCoverage").doubleValue());
        }
    }

    /** An approved version of the same model and the audit its gate rests on. */
    public record Approved(String version, String audit) {

        /** As pinned, and as the API shows it: in canonical (RFC 8785) key order, audit then version. */
        public JsonObject toJson() {
            return Json.createObjectBuilder().add("audit", audit).add("version", version).build();
        }

        ReportDocument.ApprovedVersion inReport() {
            return new ReportDocument.ApprovedVersion(version, audit);
        }
    }

    public PinnedInputs {
        policies = List.copyOf(policies);
        metrics = metrics.stream().sorted().distinct().toList();
    }

    /** The pinned JSON; absent parts are left out where leaving them out kept earlier requests' hashes. */
    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("modelVersion", modelVersion)
                .add("modelCard", modelCard)
                .add("dataset", dataset)
                // Written as "" (not left out) since the first version: the hash of every stored run depends on it.
                .add("baseline", baseline == null ? "" : baseline)
                .add("policies", Json.createArrayBuilder(policies))
                .add("metrics", Json.createArrayBuilder(metrics))
                .add("parameters", AuditParameters.toJson(parameters));
        if (rounding != null) {
            // Only when asked: requests without rounding keep the inputs hash they always had.
            b.add("rounding", rounding.toJson());
        }
        if (approved != null) {
            // Pinned, so a later approval is a different input, not a silently different result.
            b.add("approved", approved.toJson());
        }
        if (window != null) {
            // Only for window audits: two windows with the same rows are two audits.
            b.add("window", window.toJson());
        }
        return b.build();
    }

    /** The canonical text stored with the run. */
    public String canonical() {
        return CanonicalJson.string(toJson());
    }

    /** The run's identity: the SHA-256 of the canonical text. */
    public String sha256() {
        return CanonicalJson.sha256(toJson());
    }

    /** A run's stored inputs read back; written by {@link #toJson()}, so no validation beyond types. */
    public static PinnedInputs parse(String json) {
        JsonObject o = Json.createReader(new StringReader(json)).readObject();
        String baseline = o.getString("baseline", "");
        MetricParameters parameters = o.get("parameters") instanceof JsonObject p
                ? AuditParameters.parse(p, new ArrayList<>()) : MetricParameters.DEFAULTS;
        Approved approved = o.get("approved") instanceof JsonObject a
                ? new Approved(a.getString("version"), a.getString("audit")) : null;
        return new PinnedInputs(o.getString("modelVersion"), o.getString("modelCard"), o.getString("dataset"),
                baseline.isEmpty() ? null : baseline, strings(o, "policies"), strings(o, "metrics"), parameters,
                Rounding.parse(o.get("rounding"), new ArrayList<>()), approved,
                o.get("window") instanceof JsonObject w ? Window.parse(w) : null);
    }

    private static List<String> strings(JsonObject o, String key) {
        return o.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
