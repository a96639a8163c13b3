package dev.assay.api;

import dev.assay.failure.Conflict;
import dev.assay.failure.Failure;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.failure.Malformed;
import dev.assay.failure.NotFound;
import dev.assay.failure.NotPermitted;
import dev.assay.failure.TooLarge;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.List;

/**
 * A failure the client caused or must know about, answered as RFC 9457 problem+json. Validation
 * problems carry {@link FieldError}s that point at a JSON pointer, or at a line and column. Domain
 * code throws a transport-free {@link Failure}; {@link #of(Failure)} is the one place that gives each
 * kind its status, type and title. Resources throw a Problem directly only for what is HTTP's own
 * (a missing multipart part, an unsupported media type).
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
    public static Problem tooManyAttempts(Duration retryAfter) {
        Problem p = new Problem(429, "too-many-attempts", "Too many failed attempts",
                "Too many failed authentication attempts; try again in " + Math.max(1, retryAfter.toSeconds()) + " s", List.of());
        p.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
        return p;
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(415, "unsupported-media-type", "Unsupported media type", detail, List.of());
    }

    public static Problem notAcceptable(String detail) {
        return new Problem(406, "not-acceptable", "Not acceptable", detail, List.of());
    }

    public static Problem tooLarge(String detail) {
        return new Problem(413, "too-large", "Content too large", detail, List.of());
    }

    /** The answer to a domain failure: the status, type and title the API has always given that kind. */
    public static Problem of(Failure failure) {
        String detail = failure.detail();
        if (failure instanceof InvalidInput invalid) {
            return invalid(detail, invalid.errors());
        }
        if (failure instanceof NotFound) {
            return notFound(detail);
        }
        if (failure instanceof Conflict) {
            return conflict(detail);
        }
        if (failure instanceof TooLarge) {
            return tooLarge(detail);
        }
        if (failure instanceof Malformed) {
            return badRequest(detail);
        }
        if (failure instanceof NotPermitted) {
            return forbidden(detail);
        }
        // Failure is sealed and ProblemTest answers each permitted kind, so a new kind fails there first.
        throw new IllegalStateException("no answer for " + failure.getClass().getName(), failure);
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
            errors.forEach(e -> array.add(json(e)));
            b.add("errors", array);
        }
        return b.build();
    }

    /** One error as the API writes it: pointer, line, column (those known) and message, in that order. */
    public static JsonObject json(FieldError e) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (e.pointer() != null) {
            b.add("pointer", e.pointer());
        }
        if (e.line() != null) {
            b.add("line", e.line());
        }
        if (e.column() != null) {
            b.add("column", e.column());
        }
        return b.add("message", e.message()).build();
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
