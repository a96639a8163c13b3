package dev.assay.portal;

import dev.assay.api.Problem;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.StoredPolicy;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import jakarta.inject.Inject;
import dev.assay.report.ReportJson;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Policy packs as checklists: each rule with its threshold, severity and citations; the YAML, versions and hashes. */
@Path("portal/policies")
@SessionAuthenticated
public class PolicyPages {

    @Inject
    PolicyCatalog catalog;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    public record PackRow(String id, String version, String title, String sha256, int versions, boolean builtIn) {
    }

    public record RuleItem(String id, String description, String metric, String scope, String threshold, String severity,
                           String minimumGroupSize, String undefined, List<Map<String, String>> cites) {
    }

    public record VersionRow(String version, String sha256, String createdBy, Instant createdAt) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_POLICIES)
    public String list() {
        Map<String, List<StoredPolicy>> byId = catalog.all().stream().collect(Collectors.groupingBy(StoredPolicy::policyId,
                TreeMap::new, Collectors.toList()));
        Map<String, Object> m = Page.model("Policies", request);
        m.put("packs", byId.values().stream().map(versions -> {
            StoredPolicy latest = catalog.latest(versions.get(0).policyId());
            return new PackRow(latest.policyId(), latest.version(), latest.title(), latest.sha256(), versions.size(), latest.builtIn());
        }).toList());
        return templates.render("policies", m);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_POLICIES)
    public String pack(@PathParam("id") String id) {
        List<StoredPolicy> versions = catalog.versions(id);
        if (versions.isEmpty()) {
            throw Problem.notFound("No policy " + id);
        }
        StoredPolicy latest = catalog.latest(id);
        // The same rendering of the pack as in reports: resolved when it extends another.
        JsonObject resolved = ReportJson.policy(latest.policy());
        Map<String, Object> m = Page.model(latest.title(), request);
        m.put("pack", latest);
        m.put("description", latest.policy().description() == null ? "" : latest.policy().description());
        m.put("rules", resolved.getJsonArray("rules").getValuesAs(JsonObject.class).stream().map(PolicyPages::item).toList());
        m.put("versions", versions.stream().sorted(Comparator.comparing(StoredPolicy::createdAt).reversed())
                .map(p -> new VersionRow(p.version(), p.sha256(), p.createdBy(), p.createdAt())).toList());
        return templates.render("policy", m);
    }

    private static RuleItem item(JsonObject r) {
        String threshold = r.containsKey("threshold") && !r.isNull("threshold")
                ? r.getString("comparator", "") + " " + r.get("threshold") + (r.containsKey("upper") && !r.isNull("upper") ? " and <= " + r.get("upper") : "")
                : "";
        return new RuleItem(r.getString("id"), r.getString("description", ""), r.getString("metric", ""),
                r.containsKey("scope") ? r.get("scope").toString().replaceAll("[\\[\\]\"]", "").replace(",", ", ") : "",
                threshold, r.getString("severity", ""), r.containsKey("minimumGroupSize") ? r.get("minimumGroupSize").toString() : "",
                r.getString("undefined", ""),
                r.containsKey("cites") ? r.getJsonArray("cites").getValuesAs(JsonObject.class).stream()
                        .map(c -> Map.of("regulation", c.getString("regulation", ""), "article", c.getString("article", ""),
                                "url", c.getString("url", ""))).toList() : List.of());
    }
}
