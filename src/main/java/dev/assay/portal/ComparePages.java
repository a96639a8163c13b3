package dev.assay.portal;

import dev.assay.api.Problem;
import dev.assay.infrastructure.JsonValues;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Two versions of a model side by side: every metric of their latest audits, the change, and
 * whether it is significant. Significant here means the two 95% intervals do not overlap, a
 * conservative reading (non-overlap implies a difference significant at well below 5%); metrics
 * without intervals are compared without a verdict.
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

    public record Line(String metric, String scope, String group, String a, String b, String change, String significant) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_RESULTS)
    public String compare(@PathParam("model") String model, @QueryParam("a") String a, @QueryParam("b") String b,
                          @Context SecurityContext security) {
        List<ModelVersion> versions = registry.all((Caller) security.getUserPrincipal()).stream().filter(v -> v.modelName().equals(model))
                .sorted(Comparator.comparing(ModelVersion::createdAt)).toList();
        if (versions.isEmpty()) {
            throw Problem.notFound("No model " + model);
        }
        String first = a != null ? a : versions.size() > 1 ? versions.get(versions.size() - 2).version() : versions.get(0).version();
        String second = b != null ? b : versions.get(versions.size() - 1).version();
        Map<String, JsonObject> left = metrics(registry.get(model, first));
        Map<String, JsonObject> right = metrics(registry.get(model, second));
        Map<String, Line> lines = new LinkedHashMap<>();
        for (String key : left.keySet()) {
            lines.put(key, line(left.get(key), right.get(key)));
        }
        for (String key : right.keySet()) {
            lines.putIfAbsent(key, line(null, right.get(key)));
        }
        Map<String, Object> m = Page.model("Compare " + model + " " + first + " and " + second, request);
        m.put("model", model);
        m.put("versions", versions.stream().map(ModelVersion::version).toList());
        m.put("a", first);
        m.put("b", second);
        m.put("lines", List.copyOf(lines.values()));
        return templates.render("compare", m);
    }

    private Map<String, JsonObject> metrics(ModelVersion v) {
        Map<String, JsonObject> byKey = new LinkedHashMap<>();
        Optional.ofNullable(gates.of(v).auditId()).flatMap(audits::result).ifPresent(r -> {
            for (JsonObject metric : ReportDocument.parse(r.reportJson()).metrics()) {
                byKey.put(metric.getString("metric") + "\u0000" + JsonValues.text(metric.get("scope"), "") + "\u0000" + JsonValues.text(metric.get("group"), ""), metric);
            }
        });
        return byKey;
    }

    private static Line line(JsonObject a, JsonObject b) {
        JsonObject any = a != null ? a : b;
        Double va = value(a);
        Double vb = value(b);
        String change = va != null && vb != null ? String.format(Locale.ROOT, "%+.4f", vb - va) : "";
        String significant = "";
        double[] ca = interval(a);
        double[] cb = interval(b);
        if (ca != null && cb != null) {
            significant = ca[1] < cb[0] || cb[1] < ca[0] ? "yes (intervals do not overlap)" : "no";
        }
        return new Line(any.getString("metric"), JsonValues.text(any.get("scope"), ""), JsonValues.text(any.get("group"), ""),
                va == null ? (a == null ? "absent" : "undefined") : String.format(Locale.ROOT, "%.4f", va),
                vb == null ? (b == null ? "absent" : "undefined") : String.format(Locale.ROOT, "%.4f", vb), change, significant);
    }

    private static Double value(JsonObject m) {
        return m != null && m.get("value") instanceof JsonNumber n ? n.doubleValue() : null;
    }

    private static double[] interval(JsonObject m) {
        return m != null && m.get("ci") instanceof JsonArray ci && ci.size() == 2 && ci.get(0) instanceof JsonNumber lo
                && ci.get(1) instanceof JsonNumber hi ? new double[] {lo.doubleValue(), hi.doubleValue()} : null;
    }

}
