package dev.assay.portal;

import dev.assay.infrastructure.Figures;
import dev.assay.api.Problem;
import dev.assay.infrastructure.JsonValues;
import dev.assay.infrastructure.SpreadsheetCsv;
import dev.assay.audit.AuditService;
import dev.assay.audit.GateService;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.report.ReportDocument;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.MediaType;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two versions of a model side by side: every metric of their latest audits, the change, and
 * whether it is significant. Where one version's latest audit compared it with the other (the other
 * was its approved version), the metrics that audit tested as changes carry its test: which one, paired
 * or unpaired and why, on how many pairs, and the Benjamini-Hochberg adjusted p (significant below 0.05).
 * Elsewhere significant means the two 95% intervals do not overlap, a conservative reading (non-overlap
 * implies a difference significant at well below 5%); metrics without intervals get no verdict. The table downloads as
 * CSV ({@code compare/table.csv}, the same {@code a} and {@code b}), cell for cell.
 */
@Path("portal/models/{model}/compare")
@SessionAuthenticated
public class ComparePages {

    @Inject
    ModelRegistry registry;

    @Inject
    GateService gates;

    @Inject
    AuditService audits;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    /**
     * One metric of one group in both versions.
     *
     * @param test how the audit that compared the two versions tested this change, in words; empty when none did
     */
    public record Line(String metric, String scope, String group, String a, String b, String change, String significant, String test) {
    }

    /** What the page says about the tests: which audit compared the versions, or that none did. */
    record Tests(String sentence, Map<String, JsonObject> changes) {
    }

    /** The two versions compared (A and B), the model's versions oldest first, the lines of the table and the sentence on tests. */
    record Comparison(String model, String a, String b, List<String> versions, List<Line> lines, String tests) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_RESULTS)
    public String compare(@PathParam("model") String model, @QueryParam("a") String a, @QueryParam("b") String b,
                          @Context SecurityContext security) {
        Comparison c = comparison(model, a, b, (Caller) security.getUserPrincipal());
        Map<String, Object> m = Page.model("Compare " + model + " " + c.a() + " and " + c.b(), request);
        m.put("model", model);
        m.put("versions", c.versions());
        m.put("a", c.a());
        m.put("b", c.b());
        m.put("lines", c.lines());
        m.put("tests", c.tests());
        m.put("csv", ModelPages.link(model) + "/compare/table.csv?a=" + VersionPages.enc(c.a()) + "&b=" + VersionPages.enc(c.b()));
        return templates.render("compare", m);
    }

    /** Exactly the table the page shows for the same {@code a} and {@code b}, as CSV for a spreadsheet. */
    @GET
    @Path("table.csv")
    @Produces("text/csv; charset=utf-8")
    @Requires(Permission.READ_RESULTS)
    public Response csv(@PathParam("model") String model, @QueryParam("a") String a, @QueryParam("b") String b,
                        @Context SecurityContext security) {
        Comparison c = comparison(model, a, b, (Caller) security.getUserPrincipal());
        return Response.ok(csv(c), "text/csv; charset=utf-8").header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\""
                + ("assay-compare-" + model + "-" + c.a() + "-" + c.b()).replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"").build();
    }

    /**
     * The table as CSV: the page's columns (the two versions' columns headed by their names) and cells as the page
     * writes them, values and changes left as numbers, every text made safe ({@link SpreadsheetCsv}).
     */
    static String csv(Comparison c) {
        return SpreadsheetCsv.of(List.of("Metric", "Scope", "Group", c.a(), c.b(), "Change", "Significant", "Test"),
                c.lines().stream().map(l -> List.of(l.metric(), l.scope(), l.group(), l.a(), l.b(), l.change(), l.significant(), l.test())
                        .stream().map(SpreadsheetCsv::cell).toList()).toList());
    }

    /** The comparison the page and its CSV show: B defaults to the newest version, A to the one before it. */
    private Comparison comparison(String model, String a, String b, Caller caller) {
        List<ModelVersion> versions = registry.all(caller).stream().filter(v -> v.modelName().equals(model))
                .sorted(Comparator.comparing(ModelVersion::createdAt)).toList();
        if (versions.isEmpty()) {
            throw Problem.notFound("No model " + model);
        }
        String first = a != null ? a : versions.size() > 1 ? versions.get(versions.size() - 2).version() : versions.get(0).version();
        String second = b != null ? b : versions.get(versions.size() - 1).version();
        Optional<ReportDocument> reportA = report(registry.get(model, first));
        Optional<ReportDocument> reportB = report(registry.get(model, second));
        Map<String, JsonObject> left = reportA.map(ComparePages::metrics).orElse(Map.of());
        Map<String, JsonObject> right = reportB.map(ComparePages::metrics).orElse(Map.of());
        Tests tests = tests(first, reportA, second, reportB);
        Map<String, Line> lines = new LinkedHashMap<>();
        for (String key : left.keySet()) {
            lines.put(key, line(left.get(key), right.get(key), tests.changes().get(key)));
        }
        for (String key : right.keySet()) {
            lines.putIfAbsent(key, line(null, right.get(key), tests.changes().get(key)));
        }
        return new Comparison(model, first, second, versions.stream().map(ModelVersion::version).toList(), List.copyOf(lines.values()),
                tests.sentence());
    }

    private Optional<ReportDocument> report(ModelVersion v) {
        return Optional.ofNullable(gates.of(v).auditId()).flatMap(audits::result).map(r -> ReportDocument.parse(r.reportJson()));
    }

    private static Map<String, JsonObject> metrics(ReportDocument report) {
        Map<String, JsonObject> byKey = new LinkedHashMap<>();
        for (JsonObject metric : report.metrics()) {
            // Versions are compared on whole groups, not within the strata of a rule's control columns.
            if (!metric.containsKey("stratum")) {
                byKey.put(key(metric.getString("metric"), metric), metric);
            }
        }
        return byKey;
    }

    private static String key(String metric, JsonObject m) {
        return metric + "\u0000" + JsonValues.text(m.get("scope"), "") + "\u0000" + JsonValues.text(m.get("group"), "");
    }

    /**
     * The changes an audit tested between the two versions, by the key of their base metric's line: B's latest
     * audit when A was its approved version, else A's when B was.
     */
    static Tests tests(String a, Optional<ReportDocument> reportA, String b, Optional<ReportDocument> reportB) {
        for (var side : List.of(Map.entry(b, reportB), Map.entry(a, reportA))) {
            String other = side.getKey().equals(b) ? a : b;
            Optional<ReportDocument> r = side.getValue().filter(d -> d.approvedVersion() != null && d.approvedVersion().version().equals(other));
            if (r.isPresent()) {
                Map<String, JsonObject> changes = new LinkedHashMap<>();
                for (JsonObject m : r.get().metrics()) {
                    String id = m.getString("metric");
                    if (id.endsWith(SUFFIX) && m.get("comparison") instanceof JsonObject) {
                        changes.put(key(id.substring(0, id.length() - SUFFIX.length()), m), m);
                    }
                }
                return new Tests("The latest audit of " + side.getKey() + " (" + r.get().audit().id() + ") compared it with " + other
                        + ", its approved version: the changes it tested carry its test below (paired where both versions were evaluated "
                        + "on the same rows), significant when the adjusted p is below 0.05. Other lines are significant when the two 95% "
                        + "intervals do not overlap.", changes);
            }
        }
        return new Tests("Neither version's latest audit compared it with the other, so no change was tested as a change here: a change is "
                + "called significant when the two 95% intervals do not overlap.", Map.of());
    }

    private static final String SUFFIX = "_change_from_approved";

    static Line line(JsonObject a, JsonObject b, JsonObject tested) {
        JsonObject any = a != null ? a : b;
        Double va = value(a);
        Double vb = value(b);
        String change = va != null && vb != null ? (vb - va > 0 ? "+" : "") + Figures.number(vb - va) : "";
        String significant = "";
        double[] ca = interval(a);
        double[] cb = interval(b);
        if (ca != null && cb != null) {
            significant = ca[1] < cb[0] || cb[1] < ca[0] ? "yes (intervals do not overlap)" : "no";
        }
        String test = "";
        if (tested != null) {
            JsonObject c = tested.getJsonObject("comparison");
            JsonObject t = tested.get("test") instanceof JsonObject o ? o : null;
            Double adjusted = t == null ? null : value(t, "pAdjusted");
            test = dev.assay.report.ReportJson.describe(c) + (t == null ? "" : "; " + t.getString("name") + ", p "
                    + p(t.getJsonNumber("p").doubleValue()) + ", adjusted p " + (adjusted == null ? "none" : p(adjusted)));
            significant = adjusted == null ? "untested" : (adjusted < 0.05 ? "yes" : "no") + " (adjusted p " + p(adjusted) + ")";
        }
        return new Line(any.getString("metric"), JsonValues.text(any.get("scope"), ""), JsonValues.text(any.get("group"), ""),
                va == null ? (a == null ? "absent" : "undefined") : Figures.number(va),
                vb == null ? (b == null ? "absent" : "undefined") : Figures.number(vb), change, significant, test);
    }

    /** A p-value to four significant digits, without trailing zeros. */
    private static String p(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static Double value(JsonObject m, String key) {
        return m != null && m.get(key) instanceof JsonNumber n ? n.doubleValue() : null;
    }

    private static Double value(JsonObject m) {
        return value(m, "value");
    }

    private static double[] interval(JsonObject m) {
        return m != null && m.get("ci") instanceof JsonArray ci && ci.size() == 2 && ci.get(0) instanceof JsonNumber lo
                && ci.get(1) instanceof JsonNumber hi ? new double[] {lo.doubleValue(), hi.doubleValue()} : null;
    }

}
