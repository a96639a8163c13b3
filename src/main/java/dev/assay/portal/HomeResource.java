package dev.assay.portal;

import dev.assay.audit.GateService;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.Role;
import dev.assay.security.SessionAuthenticated;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Comparator;
import java.util.stream.Collectors;

/** The portal's first page: who is signed in, and every model version with its gate. */
@Path("portal")
@SessionAuthenticated
public class HomeResource {

    @Inject
    ModelRegistry registry;

    @Inject
    GateService gates;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.SIGNED_IN)
    public String home(@Context SecurityContext security) {
        Caller caller = (Caller) security.getUserPrincipal();
        StringBuilder rows = new StringBuilder();
        registry.all().stream()
                .sorted(Comparator.comparing(ModelVersion::modelName).thenComparing(ModelVersion::createdAt))
                .forEach(v -> {
                    GateService.Gate gate = gates.of(v);
                    rows.append("<tr><td>").append(Html.text(v.modelName())).append("</td><td>").append(Html.text(v.version()))
                            .append("</td><td><span class=\"gate gate-").append(gate.decision().toLowerCase(java.util.Locale.ROOT))
                            .append("\">").append(Html.text(gate.decision())).append("</span></td><td>")
                            .append(Html.text(String.join("; ", gate.reasons()))).append("</td></tr>");
                });
        String roles = caller.roles().stream().map(Role::id).sorted().collect(Collectors.joining(", "));
        String body = "<p>Your roles: " + Html.text(roles.isEmpty() ? "none" : roles) + "</p>"
                + "<table><caption>Model versions and their gate</caption><thead><tr><th scope=\"col\">Model</th>"
                + "<th scope=\"col\">Version</th><th scope=\"col\">Gate</th><th scope=\"col\">Reasons</th></tr></thead><tbody>"
                + (rows.length() == 0 ? "<tr><td colspan=\"4\">No model versions yet.</td></tr>" : rows) + "</tbody></table>";
        return Html.page("Models", caller.name(), PortalSession.csrfToken(request), body);
    }
}
