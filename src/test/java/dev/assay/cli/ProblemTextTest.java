package dev.assay.cli;

import dev.assay.failure.FieldError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Server problems as a person reads them in a CI log. */
class ProblemTextTest {

    @Test
    void aProblemIsItsTitleAndDetailThenOneLinePerFieldError() {
        String body = """
                {"type":"https://assay.dev/problems/validation","title":"Invalid input","status":422,
                 "detail":"The audit request has 2 errors",
                 "errors":[{"pointer":"/polices","line":1,"column":2,"message":"unknown property 'polices' (did you mean 'policies'?)"},
                           {"line":3,"column":7,"message":"must be a number, not a string"},
                           {"pointer":"","message":"must be an object"}]}""";
        assertEquals("""
                POST /api/v1/models/m/versions/1/audits answered 422 Invalid input: The audit request has 2 errors
                  /polices (line 1, column 2): unknown property 'polices' (did you mean 'policies'?)
                  line 3, column 7: must be a number, not a string
                  /: must be an object""",
                ProblemText.of("POST /api/v1/models/m/versions/1/audits", 422, "application/problem+json; charset=UTF-8",
                        body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRefusedTokenSaysWhereTheTokenComesFrom() {
        assertEquals("""
                GET /api/v1/models answered 401 Authentication required: A bearer token is required
                (the server did not accept the token: pass --token or set ASSAY_TOKEN)""",
                ProblemText.of("GET /api/v1/models", 401, "application/problem+json",
                        "{\"title\":\"Authentication required\",\"status\":401,\"detail\":\"A bearer token is required\"}".getBytes()));
    }

    @Test
    void anyOtherBodyIsShownByItsStartAndNothingDrivesTheTerminal() {
        String page = "<html>\u001b[31mBad gateway\u001b[0m" + "x".repeat(1000) + "</html>";
        String text = ProblemText.of("GET /x", 502, "text/html", page.getBytes(StandardCharsets.UTF_8));
        assertEquals("GET /x answered 502: <html>?[31mBad gateway?[0m" + "x".repeat(ProblemText.MAX_OTHER_CHARS - 26) + "...", text);
        assertEquals("GET /x answered 500", ProblemText.of("GET /x", 500, null, new byte[0]));
        // A problem that is not JSON after all is shown as text.
        assertEquals("GET /x answered 400: {not json", ProblemText.of("GET /x", 400, "application/problem+json", "{not json".getBytes()));
        assertEquals("  /a\u2028b? (line 2): bell?here".replace("\u2028", "?"),
                ProblemText.line(new FieldError("/a\u2028b\u0007", 2L, null, "bell\u0007here")));
    }
}
