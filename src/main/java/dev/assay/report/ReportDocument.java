package dev.assay.report;

import dev.assay.policy.Decision;
import dev.assay.policy.Expiry;
import dev.assay.policy.Outcome;
import dev.assay.registry.ModelVersion;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report document of a finished audit, the one place that writes and reads its canonical JSON:
 * what it used (pinned by hash) and what it concluded. Reports are signed, so {@link #toJson()} writes
 * exactly the fields, names and values reports always had; {@link #parse(String)} reads them back,
 * leniently, because reports written by earlier versions lack parts added since (waivers, rounding).
 *
 * <p>Findings, metric values, policies and waivers stay in their published JSON form (rounded, small cells
 * suppressed): the PDF, the charts and the decision summary render exactly that. Readers that decide
 * something from a report use the typed views ({@link #ruleEffects()},
 * {@link #policyRefs()}) instead of reading it by key name.
 *
 * @param rounding        the audit's rounding rule as the request gave it; null when values are exact only
 * @param approvedVersion the version performance was compared with; null when no rule compared
 * @param window          the production window audited (deployment, start, end, rows, labeledRows, labelCoverage,
 *                        minimumLabelCoverage); null for an audit of an uploaded dataset
 * @param expiry          when the audit stops being valid (its packs' or rules' {@code validFor}), written as
 *                        {@code "validity": {"expiresAt", "validFor", "policy", "rule"}}; null when no rule it judged
 *                        states a validity
 * @param signOffs        the sign-offs of the version's earlier audits when this one finished ({@code audit},
 *                        {@code auditor}, {@code signedBy}, {@code statement}, {@code signedAt}), oldest first; written
 *                        as {@code "signOffs"} only when there is one
 */
public record ReportDocument(int format, String assayVersion, Audit audit, Model model, Dataset dataset,
                             List<JsonObject> policies, JsonObject parameters, JsonObject rounding,
                             Decision.Verdict decision, List<String> reasons, List<JsonObject> findings,
                             List<JsonObject> metrics, List<JsonObject> waivers, Signing signing,
                             ApprovedVersion approvedVersion, JsonObject window, Expiry expiry, List<JsonObject> signOffs) {

    /** A report written before sign-offs were (or with none to name). */
    public ReportDocument(int format, String assayVersion, Audit audit, Model model, Dataset dataset,
                          List<JsonObject> policies, JsonObject parameters, JsonObject rounding,
                          Decision.Verdict decision, List<String> reasons, List<JsonObject> findings,
                          List<JsonObject> metrics, List<JsonObject> waivers, Signing signing,
                          ApprovedVersion approvedVersion, JsonObject window, Expiry expiry) {
        this(format, assayVersion, audit, model, dataset, policies, parameters, rounding, decision, reasons, findings,
                metrics, waivers, signing, approvedVersion, window, expiry, List.of());
    }

    /** A report of an uploaded dataset (no production window) that never expires. */
    public ReportDocument(int format, String assayVersion, Audit audit, Model model, Dataset dataset,
                          List<JsonObject> policies, JsonObject parameters, JsonObject rounding,
                          Decision.Verdict decision, List<String> reasons, List<JsonObject> findings,
                          List<JsonObject> metrics, List<JsonObject> waivers, Signing signing,
                          ApprovedVersion approvedVersion) {
        this(format, assayVersion, audit, model, dataset, policies, parameters, rounding, decision, reasons, findings,
                metrics, waivers, signing, approvedVersion, null, null);
    }

    /** Looked up once: the static factories of {@code jakarta.json.Json} look the provider up on every call, a class-path scan each. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Bumped when the document's shape changes, so old reports stay readable. */
    public static final int FORMAT = 1;

    /** Who asked for the audit and when it ran. */
    public record Audit(String id, String requestedBy, Instant requestedAt, Instant completedAt) {
    }

    /** The version audited, its card and who registered it. */
    public record Model(String name, String version, String cardSha256, String registeredBy, Instant registeredAt,
                        JsonObject card) {

        public static Model of(ModelVersion v) {
            return new Model(v.modelName(), v.version(), v.cardSha256(), v.createdBy(), v.createdAt(), v.cardDocument());
        }
    }

    /**
     * The dataset audited, by hash, with its column profile; for a dataset by reference, what it names, its engine
     * and its pin's summary ({@code reference}; null for an upload, and then left out of the document).
     */
    public record Dataset(String id, String sha256, String role, String format, long bytes, long rows, String uploadedBy,
                          JsonArray columns, JsonObject reference) {

        public Dataset(String id, String sha256, String role, String format, long bytes, long rows, String uploadedBy,
                       JsonArray columns) {
            this(id, sha256, role, format, bytes, rows, uploadedBy, columns, null);
        }

        public static Dataset of(dev.assay.dataset.Dataset d) {
            var columns = JSON.createArrayBuilder();
            d.columns().forEach(c -> columns.add(c.toJson()));
            return new Dataset(d.id(), d.sha256(), d.role(), d.format(), d.sizeBytes(), d.rowCount(), d.createdBy(),
                    columns.build(), d.reference().map(dev.assay.dataset.Reference::summary).orElse(null));
        }
    }

    /** The key that signed the report. */
    public record Signing(String keyId, String algorithm) {
    }

    /** The model's last approved version and the audit its gate rests on. */
    public record ApprovedVersion(String version, String audit) {

        /** In canonical (RFC 8785) key order, as it is stored and answered: audit, then version. */
        public JsonObject toJson() {
            return JSON.createObjectBuilder().add("audit", audit).add("version", version).build();
        }
    }

    /** A pack the audit used, by id, version and hash. */
    public record PolicyRef(String id, String version, String sha256) {
    }

    public ReportDocument {
        policies = List.copyOf(policies);
        reasons = List.copyOf(reasons);
        findings = List.copyOf(findings);
        metrics = List.copyOf(metrics);
        waivers = List.copyOf(waivers);
        signOffs = signOffs == null ? List.of() : List.copyOf(signOffs);
    }

    /** The dataset's part; a reference only for a dataset by reference, so that other reports keep their shape. */
    private JsonObjectBuilder datasetJson() {
        JsonObjectBuilder d = JSON.createObjectBuilder()
                .add("id", dataset.id())
                .add("sha256", dataset.sha256())
                .add("role", dataset.role())
                .add("format", dataset.format())
                .add("bytes", dataset.bytes())
                .add("rows", dataset.rows())
                .add("uploadedBy", dataset.uploadedBy())
                .add("columns", dataset.columns());
        if (dataset.reference() != null) {
            d.add("reference", dataset.reference());
        }
        return d;
    }

    /** The document as it is canonicalized and signed. */
    public JsonObject toJson() {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("reportFormat", format)
                .add("assay", JSON.createObjectBuilder().add("version", assayVersion))
                .add("audit", JSON.createObjectBuilder()
                        .add("id", audit.id())
                        .add("requestedBy", audit.requestedBy())
                        .add("requestedAt", audit.requestedAt().toString())
                        .add("completedAt", audit.completedAt().toString()))
                .add("model", JSON.createObjectBuilder()
                        .add("name", model.name())
                        .add("version", model.version())
                        .add("cardSha256", model.cardSha256())
                        .add("registeredBy", model.registeredBy())
                        .add("registeredAt", model.registeredAt().toString())
                        .add("card", model.card()))
                .add("dataset", datasetJson())
                .add("policies", ReportJson.array(policies))
                .add("parameters", parameters)
                .add("rounding", rounding == null ? JsonValue.NULL : rounding)
                .add("decision", decision.name())
                .add("reasons", JSON.createArrayBuilder(reasons))
                .add("findings", ReportJson.array(findings))
                .add("metrics", ReportJson.array(metrics))
                .add("waivers", ReportJson.array(waivers))
                .add("signing", JSON.createObjectBuilder().add("keyId", signing.keyId()).add("algorithm", signing.algorithm()));
        if (approvedVersion != null) {
            // Only when a rule compared with the last approved version: other reports keep the shape they always had.
            b.add("approvedVersion", approvedVersion.toJson());
        }
        if (window != null) {
            // Only for a production window's audit: other reports keep the shape they always had.
            b.add("window", window);
        }
        if (expiry != null) {
            // Only when a rule judged states a validity: other reports keep the shape they always had.
            JsonObjectBuilder validity = JSON.createObjectBuilder().add("expiresAt", expiry.at().toString())
                    .add("validFor", expiry.validFor());
            validity.add("policy", ReportJson.nullable(expiry.policy())).add("rule", ReportJson.nullable(expiry.rule()));
            b.add("validity", validity);
        }
        if (!signOffs.isEmpty()) {
            // Only once an auditor has signed off an earlier audit of the version: other reports keep their shape.
            b.add("signOffs", ReportJson.array(signOffs));
        }
        return b.build();
    }

    /** A stored report's canonical JSON text, read back. */
    public static ReportDocument parse(String json) {
        return of(JSON.createReader(new StringReader(json)).readObject());
    }

    /** A report document read back; parts an older or partial document lacks are null or empty. */
    public static ReportDocument of(JsonObject r) {
        JsonObject audit = object(r, "audit");
        JsonObject model = object(r, "model");
        JsonObject dataset = object(r, "dataset");
        JsonObject signing = object(r, "signing");
        return new ReportDocument(
                r.get("reportFormat") instanceof JsonNumber n ? n.intValue() : FORMAT,
                string(object(r, "assay"), "version"),
                new Audit(string(audit, "id"), string(audit, "requestedBy"), instant(audit, "requestedAt"),
                        instant(audit, "completedAt")),
                new Model(string(model, "name"), string(model, "version"), string(model, "cardSha256"),
                        string(model, "registeredBy"), instant(model, "registeredAt"),
                        model.get("card") instanceof JsonObject card ? card : null),
                new Dataset(string(dataset, "id"), string(dataset, "sha256"), string(dataset, "role"),
                        string(dataset, "format"), number(dataset, "bytes"), number(dataset, "rows"),
                        string(dataset, "uploadedBy"),
                        dataset.get("columns") instanceof JsonArray columns ? columns : JsonValue.EMPTY_JSON_ARRAY,
                        dataset.get("reference") instanceof JsonObject reference ? reference : null),
                objects(r, "policies"),
                r.get("parameters") instanceof JsonObject p ? p : null,
                r.get("rounding") instanceof JsonObject rounding ? rounding : null,
                r.get("decision") instanceof JsonString d ? Decision.Verdict.valueOf(d.getString()) : null,
                r.get("reasons") instanceof JsonArray reasons
                        ? reasons.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : List.of(),
                objects(r, "findings"),
                objects(r, "metrics"),
                objects(r, "waivers"),
                new Signing(string(signing, "keyId"), string(signing, "algorithm")),
                r.get("approvedVersion") instanceof JsonObject a
                        ? new ApprovedVersion(string(a, "version"), string(a, "audit")) : null,
                r.get("window") instanceof JsonObject w ? w : null,
                r.get("validity") instanceof JsonObject v && instant(v, "expiresAt") != null && string(v, "validFor") != null
                        ? new Expiry(instant(v, "expiresAt"), string(v, "validFor"), string(v, "policy"), string(v, "rule")) : null,
                objects(r, "signOffs"));
    }

    /** Each rule's worst effect (fail over warn over pass), in the order the rules first appear. */
    public List<Decision.RuleEffect> ruleEffects() {
        Map<String, Outcome> worst = new LinkedHashMap<>();
        for (JsonObject f : findings) {
            // Every signed report names each finding's effect; a partial document is read as the decision would have it.
            String outcome = f.getString("outcome", "undefined");
            Outcome effect = Outcome.valueOf(f.getString("effect", outcome.equals("fail") ? "fail"
                    : outcome.equals("pass") ? "pass" : "warn").toUpperCase(Locale.ROOT));
            worst.merge(f.getString("rule"), effect, (a, b) -> rank(b) > rank(a) ? b : a);
        }
        return worst.entrySet().stream().map(e -> new Decision.RuleEffect(e.getKey(), e.getValue())).toList();
    }

    /** The packs the audit used, in the report's order. */
    public List<PolicyRef> policyRefs() {
        return policies.stream().map(p -> new PolicyRef(p.getString("id"), p.getString("version"), p.getString("sha256")))
                .toList();
    }

    private static int rank(Outcome effect) {
        return switch (effect) {
            case FAIL -> 2;
            case WARN -> 1;
            default -> 0;
        };
    }

    private static JsonObject object(JsonObject o, String key) {
        return o.get(key) instanceof JsonObject v ? v : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static List<JsonObject> objects(JsonObject o, String key) {
        return o.get(key) instanceof JsonArray a ? a.getValuesAs(JsonObject.class) : List.of();
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static long number(JsonObject o, String key) {
        return o.get(key) instanceof JsonNumber n ? n.longValue() : 0;
    }

    private static Instant instant(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? Instant.parse(s.getString()) : null;
    }
}
