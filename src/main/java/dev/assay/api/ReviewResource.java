package dev.assay.api;

import dev.assay.audit.AuditReviews;
import dev.assay.failure.FieldError;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Review of an audit (issue 19 part 7): threaded comments on its findings and named auditors' sign-offs. Everyone
 * who reads the audit reads its review; owners and auditors comment; auditors who do not own the model sign off.
 */
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private static final SchemaCheck COMMENT = SchemaCheck.load("policies/schema/review-comment.schema.json");
    private static final SchemaCheck SIGN_OFF = SchemaCheck.load("policies/schema/sign-off.schema.json");

    @Inject
    AuditReviews reviews;

    /** The threads and sign-offs. */
    @GET
    @Path("audits/{id}/review")
    @Requires(Permission.READ_RESULTS)
    public ReviewView review(@PathParam("id") String id, @Context SecurityContext security) {
        return ReviewView.of(reviews.of(id, (Caller) security.getUserPrincipal()));
    }

    /** Body: {"body", "finding" (a finding's rule id; absent: the audit as a whole), "replyTo" (a comment id)}. 201. */
    @POST
    @Path("audits/{id}/comments")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.COMMENT_ON_AUDITS)
    public Response comment(@PathParam("id") String id, String body, @Context SecurityContext security) {
        JsonBodies.Body checked = JsonBodies.object(body, COMMENT);
        List<FieldError> errors = new ArrayList<>();
        String text = JsonBodies.optionalString(checked.json(), "body", errors);
        String finding = JsonBodies.optionalString(checked.json(), "finding", errors);
        String replyTo = JsonBodies.optionalString(checked.json(), "replyTo", errors);
        checked.check("The comment", errors);
        ReviewView.Comment c = ReviewView.Comment.of(reviews.comment(id, finding, replyTo, text, (Caller) security.getUserPrincipal()));
        return Response.created(URI.create("/api/v1/audits/" + id + "/review#comment-" + c.id())).entity(c).build();
    }

    /** Body: {"statement"}. 201; 403 to an owner of the model; 409 for a second sign-off by the same auditor. */
    @POST
    @Path("audits/{id}/sign-offs")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.SIGN_OFF_AUDITS)
    public Response signOff(@PathParam("id") String id, String body, @Context SecurityContext security) {
        JsonBodies.Body checked = JsonBodies.object(body, SIGN_OFF);
        List<FieldError> errors = new ArrayList<>();
        String statement = JsonBodies.optionalString(checked.json(), "statement", errors);
        checked.check("The sign-off", errors);
        ReviewView.SignOffView s = ReviewView.SignOffView.of(reviews.signOff(id, statement, (Caller) security.getUserPrincipal()));
        return Response.created(URI.create("/api/v1/audits/" + id + "/review#sign-off-" + s.id())).entity(s).build();
    }
}
