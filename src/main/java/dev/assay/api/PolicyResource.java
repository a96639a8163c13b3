package dev.assay.api;

import dev.assay.audit.AuditService;
import dev.assay.failure.Failure;
import dev.assay.failure.FieldError;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.PolicyParser;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;
import java.util.List;

@Path("api/v1")
public class PolicyResource {

    @Inject
    PolicyCatalog policies;

    @Inject
    AuditService audits;

    @GET
    @Path("policies")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.READ_POLICIES)
    public PoliciesView list() {
        return new PoliciesView(policies.all().stream().map(PolicyView::of).toList());
    }

    /** Stores a new version of a pack (admin). 201 new, 200 the same content again, 409 another content under a stored version. */
    @PUT
    @Path("policies/{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.MANAGE_POLICIES)
    public Response put(@PathParam("id") String id, String yaml, @Context SecurityContext security) {
        PolicyCatalog.Stored stored = policies.store(id, yaml, security.getUserPrincipal().getName());
        PolicyView view = PolicyView.of(stored.policy());
        return stored.created() ? Response.created(URI.create("/api/v1/policies/" + id)).entity(view).build()
                : Response.ok(view).build();
    }

    /** Checks a pack without storing it: every error at once, each with line and column. */
    @POST
    @Path("policies/validate")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.READ_POLICIES)
    public PolicyCheckView validate(String yaml) {
        try {
            var policy = PolicyParser.parse(yaml == null ? "" : yaml);
            return new PolicyCheckView(true, policy.id(), policy.version(), policy.sha256(), List.of());
        } catch (Failure failure) {
            // A verdict, not a failed call: the same errors the store would answer, inside a 200.
            Problem p = Problem.of(failure);
            List<PolicyCheckView.Error> errors = p.errors().isEmpty()
                    ? List.of(new PolicyCheckView.Error(null, null, null, p.getMessage()))
                    : p.errors().stream().map(PolicyCheckView.Error::of).toList();
            return new PolicyCheckView(false, null, null, null, errors);
        }
    }

    /**
     * Which decisions would change if this pack (the YAML in the body, or the stored latest version when
     * the body is empty) had been used: every model version's latest audit, re-evaluated; nothing stored.
     */
    @POST
    @Path("policies/{id}/backtest")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.BACKTEST_POLICY)
    public BacktestView backtest(@PathParam("id") String id, @QueryParam("version") String version, String yaml) {
        // The pack sent inline, else the stored version asked for, else the latest stored one.
        var candidate = yaml != null && !yaml.isBlank() ? PolicyParser.parse(yaml)
                : version == null ? policies.latest(id).policy()
                : policies.versions(id).stream().filter(p -> p.version().equals(version)).findFirst()
                .orElseThrow(() -> Problem.notFound("No version " + version + " of policy '" + id + "'")).policy();
        if (!candidate.id().equals(id)) {
            throw Problem.invalid("The pack's id must equal the id in the path",
                    List.of(FieldError.at("/id", "is '" + candidate.id() + "', the path says '" + id + "'")));
        }
        List<BacktestView.Line> lines = audits.backtest(candidate).stream().map(line -> new BacktestView.Line(line.audit(),
                line.model(), line.version(), line.before(), line.after(), line.changed())).toList();
        int changed = (int) lines.stream().filter(BacktestView.Line::changed).count();
        return new BacktestView(new PolicyRef(candidate.id(), candidate.version(), candidate.sha256()), changed, lines);
    }

    /** Every stored version of a pack, newest first. */
    @GET
    @Path("policies/{id}/versions")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.READ_POLICIES)
    public PolicyVersionsView versions(@PathParam("id") String id) {
        return new PolicyVersionsView(policies.versions(id).stream().map(PolicyView::of).toList());
    }

    /** The YAML of the newest version of a pack. */
    @GET
    @Path("policies/{id}")
    @Produces("application/yaml")
    @Requires(Permission.READ_POLICIES)
    public String get(@PathParam("id") String id) {
        return policies.latest(id).yaml();
    }
}
