package dev.assay.api;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * A failure the client caused or must know about, answered as RFC 9457 problem+json. Validation
 * problems carry {@link FieldError}s that point at a JSON pointer, or at a line and column.
 */
public class Problem extends RuntimeException {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://assay.dev/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private long retryAfterSeconds = -1;

    public Problem(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", detail, List.of());
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(422, "validation", "Invalid input", detail, errors);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "not-found", "Not found", detail, List.of());
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "conflict", "Conflict", detail, List.of());
    }

    public static Problem unauthorized(String detail) {
        return new Problem(401, "unauthorized", "Authentication required", detail, List.of());
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "forbidden", "Not allowed", detail, List.of());
    }

    /** 429 with Retry-After: too many failed sign-ins or token attempts from one source. */
    public static Problem tooManyAttempts(java.time.Duration retryAfter) {
        Problem p = new Problem(429, "too-many-attempts", "Too many failed attempts",
                "Too many failed authentication attempts; try again in " + Math.max(1, retryAfter.toSeconds()) + " s", List.of());
        p.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
        return p;
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(415, "unsupported-media-type", "Unsupported media type", detail, List.of());
    }

    public static Problem tooLarge(String detail) {
        return new Problem(413, "too-large", "Content too large", detail, List.of());
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("type", TYPE_BASE + type)
                .add("title", title)
                .add("status", status)
                .add("detail", getMessage() == null ? title : getMessage());
        if (!errors.isEmpty()) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            errors.forEach(e -> array.add(e.toJson()));
            b.add("errors", array);
        }
        return b.build();
    }

    public Response toResponse() {
        Response.ResponseBuilder r = Response.status(status).type(MEDIA_TYPE).entity(toJson().toString());
        if (status == 401) {
            r.header("WWW-Authenticate", "Bearer realm=\"assay\"");
        }
        if (retryAfterSeconds > 0) {
            r.header("Retry-After", retryAfterSeconds);
        }
        return r.build();
    }
}
