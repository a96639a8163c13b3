package dev.assay.cli;

import dev.assay.failure.FieldError;
import dev.assay.infrastructure.JsonText;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An error answer as text for a person: an RFC 9457 {@code application/problem+json} (API.md) as its status,
 * title and detail with one line per field error (pointer, line and column, message), or the start of any
 * other body (a proxy's HTML page). Text from the server is printed with its control characters replaced,
 * so an answer cannot move the cursor or recolour the terminal of whoever reads a CI log.
 */
final class ProblemText {

    /** How much of a body that is not problem+json is shown. */
    static final int MAX_OTHER_CHARS = 300;

    private ProblemText() {
    }

    /**
     * {@code request} ("PUT /api/v1/models/m/versions/1") answered {@code status}: the first line says so with
     * the problem's title and detail; each field error follows on a line of its own, indented.
     */
    static String of(String request, int status, String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(request).append(" answered ").append(status);
        JsonObject problem = problem(contentType, text);
        if (problem == null) {
            String start = printable(text.strip());
            if (!start.isEmpty()) {
                b.append(": ").append(start.length() > MAX_OTHER_CHARS ? start.substring(0, MAX_OTHER_CHARS) + "..." : start);
            }
        } else {
            String title = string(problem, "title");
            String detail = string(problem, "detail");
            if (title != null) {
                b.append(' ').append(printable(title));
            }
            if (detail != null && !detail.equals(title)) {
                b.append(": ").append(printable(detail));
            }
            fieldErrors(problem).forEach(e -> b.append('\n').append(line(e)));
        }
        if (status == 401) {
            b.append("\n(the server did not accept the token: pass --token or set ASSAY_TOKEN)");
        }
        return b.toString();
    }

    /** One field error on a line of its own: {@code   /columns/label (line 9, column 3): must be a string}. */
    static String line(FieldError e) {
        List<String> at = new ArrayList<>();
        if (e.line() != null) {
            at.add("line " + e.line());
        }
        if (e.column() != null) {
            at.add("column " + e.column());
        }
        String where = e.pointer() == null ? String.join(", ", at)
                : printable(e.pointer().isEmpty() ? "/" : e.pointer()) + (at.isEmpty() ? "" : " (" + String.join(", ", at) + ")");
        return "  " + (where.isEmpty() ? "" : where + ": ") + printable(e.message());
    }

    /** Control characters (ANSI escapes among them) as {@code ?}; line breaks kept. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(c == '\n' || (!Character.isISOControl(c) && c != 0x2028 && c != 0x2029) ? c : '?'));
        return b.toString();
    }

    private static JsonObject problem(String contentType, String text) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return null;
        }
        try {
            return JsonText.read(text, "The problem") instanceof JsonObject o ? o : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<FieldError> fieldErrors(JsonObject problem) {
        if (!(problem.get("errors") instanceof jakarta.json.JsonArray errors)) {
            return List.of();
        }
        List<FieldError> out = new ArrayList<>();
        for (JsonValue v : errors) {
            if (v instanceof JsonObject e) {
                out.add(new FieldError(string(e, "pointer"), number(e, "line"), number(e, "column"),
                        String.valueOf(string(e, "message"))));
            }
        }
        return out;
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static Long number(JsonObject o, String key) {
        return o.get(key) instanceof JsonNumber n && n.isIntegral() ? n.longValue() : null;
    }
}
