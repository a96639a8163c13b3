package dev.assay.portal;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A browser that asks a portal page for HTML and meets an error (no such model, a role it lacks, a
 * failure) gets a page in the portal's layout saying so, with the same status; every other client,
 * and the API, keeps the problem+json answer. The problem's own title and detail are shown, never
 * more: they are what the API would have said.
 */
@Provider
public class ErrorPages implements ContainerResponseFilter {

    private static final MediaType PROBLEM = MediaType.valueOf("application/problem+json");

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        if (res.getStatus() < 400 || !req.getUriInfo().getPath().replaceFirst("^/", "").startsWith("portal")
                || res.getMediaType() == null || !PROBLEM.isCompatible(res.getMediaType()) || !wantsHtml(req)
                || !(res.getEntity() instanceof String body)) {
            return;
        }
        JsonObject problem;
        try {
            problem = Json.createReader(new StringReader(body)).readObject();
        } catch (JsonParsingException e) {
            return;
        }
        Map<String, Object> m = Page.model(problem.getString("title", "Error"), request);
        m.put("message", problem.getString("detail", "The request could not be completed."));
        m.put("alert", true);
        m.put("linkHref", "/portal/");
        m.put("linkText", "Back to the dashboard");
        // As bytes, as Page.html sends pages: RESTEasy's HTML sanitizer would escape a 400 page's String as a whole.
        res.setEntity(templates.render("message", m).getBytes(StandardCharsets.UTF_8), null,
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /** Browsers name text/html among the types they accept; API clients and tools do not. */
    private static boolean wantsHtml(ContainerRequestContext req) {
        return req.getAcceptableMediaTypes().stream()
                .anyMatch(t -> !t.isWildcardType() && t.isCompatible(MediaType.TEXT_HTML_TYPE));
    }
}
