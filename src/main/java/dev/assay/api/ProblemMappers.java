package dev.assay.api;

import dev.assay.failure.Failure;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every exception leaves the API as problem+json; unexpected ones are logged, never echoed. Domain
 * {@link Failure}s get their status here, through {@link Problem#of(Failure)}.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /**
     * The problem an exception is or carries as a cause: a container may wrap what a service threw
     * (a transaction the failure rolled back, say), and the caller must still hear the failure.
     */
    static Optional<Problem> carried(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof Problem p) {
                return Optional.of(p);
            }
            if (cause instanceof Failure f) {
                return Optional.of(Problem.of(f));
            }
        }
        return Optional.empty();
    }

    @Provider
    public static class ProblemMapper implements ExceptionMapper<Problem> {
        @Override
        public Response toResponse(Problem problem) {
            return problem.toResponse();
        }
    }

    @Provider
    public static class FailureMapper implements ExceptionMapper<Failure> {
        @Override
        public Response toResponse(Failure failure) {
            return Problem.of(failure).toResponse();
        }
    }

    @Provider
    public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String detail = e instanceof NotFoundException ? "No resource at this path"
                    : e instanceof NotAllowedException ? "Method not allowed here"
                    : e instanceof NotSupportedException ? "Unsupported Content-Type"
                    : e instanceof NotAcceptableException ? "None of the accepted media types can be produced"
                    // The runtime's own messages name its classes, parameters' annotations and method
                    // signatures (RESTEASY003870...): the client hears a fixed sentence per status instead.
                    : status == 400 ? "The request cannot be read: a parameter, header or the body is malformed"
                    : status < 500 ? "The request could not be completed"
                    : "An unexpected error occurred; it has been logged";
            Problem p = new Problem(status, "http-" + status,
                    Response.Status.fromStatusCode(status) == null ? "Error"
                            : Response.Status.fromStatusCode(status).getReasonPhrase(),
                    detail, List.of());
            Response.ResponseBuilder r = Response.fromResponse(p.toResponse());
            if (e.getResponse().getHeaderString("Allow") != null) {
                r.header("Allow", e.getResponse().getHeaderString("Allow"));
            }
            return r.build();
        }
    }

    @Provider
    public static class UnexpectedMapper implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            return unexpected(e);
        }
    }

    /**
     * What no other mapper takes: checked exceptions a resource declares (an upload's IOException) and
     * errors (a stack overflow). Without it the container answered with its own page, stack frames included.
     */
    @Provider
    public static class ThrowableMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return unexpected(e);
        }
    }

    /** A failure no mapper names: the Problem it carries, or a logged 500 that shows nothing of the failure. */
    private static Response unexpected(Throwable e) {
        Optional<Problem> carried = carried(e);
        if (carried.isPresent()) {
            return carried.get().toResponse();
        }
        LOG.log(Level.SEVERE, "Unexpected failure", e);
        return new Problem(500, "internal", "Internal error",
                "An unexpected error occurred; it has been logged", List.of()).toResponse();
    }
}
