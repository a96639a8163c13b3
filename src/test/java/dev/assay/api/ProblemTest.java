package dev.assay.api;

import dev.assay.failure.Conflict;
import dev.assay.failure.Failure;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.failure.Malformed;
import dev.assay.failure.NotFound;
import dev.assay.failure.NotPermitted;
import dev.assay.failure.TooLarge;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The answer the API gives each domain failure: the same status, type, title, detail and errors it
 * gave when services threw problems themselves (the ITs assert these on the wire).
 */
class ProblemTest {

    private static final String BASE = "https://assay.dev/problems/";

    @Test
    void invalidInputIs422WithEveryErrorInItsPlace() {
        Problem p = Problem.of(new InvalidInput("The model card has 3 problem(s)", List.of(
                FieldError.at("/task", "must be one of binary-classification, score, regression"),
                FieldError.atLine(3, null, "no bytes received"),
                new FieldError("/columns/label", 7L, 12L, "is required"))));
        assertEquals(422, p.status());
        assertEquals("{\"type\":\"" + BASE + "validation\",\"title\":\"Invalid input\",\"status\":422,"
                + "\"detail\":\"The model card has 3 problem(s)\",\"errors\":["
                + "{\"pointer\":\"/task\",\"message\":\"must be one of binary-classification, score, regression\"},"
                + "{\"line\":3,\"message\":\"no bytes received\"},"
                + "{\"pointer\":\"/columns/label\",\"line\":7,\"column\":12,\"message\":\"is required\"}]}",
                p.toJson().toString());
    }

    @Test
    void everyOtherKindKeepsItsStatusTypeAndTitle() {
        assertAnswer(new NotFound("No dataset d1"), 404, "not-found", "Not found");
        assertAnswer(new Conflict("Waiver w1 is approved; only a pending waiver can be decided"), 409, "conflict", "Conflict");
        assertAnswer(new TooLarge("The upload exceeds 100 MB"), 413, "too-large", "Content too large");
        assertAnswer(new Malformed("The model name '-x' must be 1-100 letters"), 400, "bad-request", "Bad request");
        assertAnswer(new NotPermitted("Four eyes: a waiver is approved or rejected by someone other than its requester"),
                403, "forbidden", "Not allowed");
    }

    @Test
    void everyKindOfFailureHasAnAnswer() throws ReflectiveOperationException {
        for (Class<?> kind : Failure.class.getPermittedSubclasses()) {
            Failure failure = kind == InvalidInput.class ? new InvalidInput("detail", List.of())
                    : (Failure) kind.getConstructor(String.class).newInstance("detail");
            int status = Problem.of(failure).status();
            assertTrue(status >= 400 && status < 500, kind + " is answered " + status);
        }
    }

    @Test
    void aFailureWrappedByTheContainerIsStillAnsweredAsItself() {
        var wrapped = new IllegalStateException("transaction rolled back", new NotFound("No audit a1"));
        assertEquals(404, ProblemMappers.carried(wrapped).orElseThrow().status());
        assertEquals(Optional.empty(), ProblemMappers.carried(new IllegalStateException("a bug")));
    }

    private static void assertAnswer(Failure failure, int status, String type, String title) {
        Problem p = Problem.of(failure);
        assertEquals(status, p.status());
        assertEquals("{\"type\":\"" + BASE + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + failure.getMessage() + "\"}", p.toJson().toString());
    }
}
