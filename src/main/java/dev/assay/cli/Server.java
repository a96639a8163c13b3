package dev.assay.cli;

import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.JsonText;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;

/**
 * The Assay server as the client speaks to it: a base URL and a bearer token (API.md, "Authentication"),
 * requests over HTTP/1.1, answers read whole up to a bound or streamed to a file. A failure to connect is a
 * {@link CommandFailure} naming the server, never the token; what an answer means is the caller's to say
 * ({@link #failure} for one that is an error).
 */
final class Server {

    /** Answers read whole (JSON, a JWK set): far above any Assay answer, below what would exhaust the heap. */
    static final int MAX_ANSWER_BYTES = 64 << 20;

    private static final Duration CONNECT = Duration.ofSeconds(10);

    /** Calls that answer at once; an upload has no bound, the server reads and checks the file before it answers. */
    static final Duration CALL = Duration.ofMinutes(2);

    // HTTP/1.1 as curl speaks it to http:// URLs: the JDK client's h2c upgrade stalls a large upload body.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private final String authorization;

    /** {@code token} may be null for the calls anyone may make. */
    Server(URI base, String token) {
        this.base = base;
        this.authorization = token == null ? null : "Bearer " + token;
    }

    URI base() {
        return base;
    }

    /** An answer read whole. */
    record Reply(String request, int status, String contentType, byte[] body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean problem() {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as a JSON object; an answer that is none is a failure saying so. */
        JsonObject json() {
            try {
                if (JsonText.read(text(), "The answer") instanceof JsonObject o) {
                    return o;
                }
            } catch (InvalidInput e) {
                // said below
            }
            throw new CommandFailure(request + " answered " + status + " with a body that is not a JSON object");
        }
    }

    /** The failure an error answer is: its problem, readably ({@link ProblemText}). */
    static CommandFailure failure(Reply r) {
        return new CommandFailure(ProblemText.of(r.request(), r.status(), r.contentType(), r.body()));
    }

    Reply get(String path, String accept) {
        return send(request(path, CALL).header("Accept", accept).GET(), "GET " + path);
    }

    Reply send(String method, String path, String contentType, HttpRequest.BodyPublisher body, Duration timeout) {
        HttpRequest.Builder b = request(path, timeout).header("Accept", "application/json").method(method, body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, method + " " + path);
    }

    /**
     * GETs {@code path} into {@code target} (written beside it, then moved, so a broken transfer leaves no
     * half file). An error answer is a failure, and no file.
     */
    void download(String path, String accept, Path target) {
        String what = "GET " + path;
        HttpResponse<InputStream> r = exchange(request(path, CALL).header("Accept", accept).GET(), what,
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw failure(new Reply(what, r.statusCode(), contentType(r), in.readNBytes(MAX_ANSWER_BYTES)));
            }
            Path part = target.resolveSibling(target.getFileName() + ".part");
            try (OutputStream out = Files.newOutputStream(part)) {
                in.transferTo(out);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CommandFailure(what + ": cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** A public document (a JWK set, the revoked keys) by its own URL, without the token: it may be another host. */
    static byte[] fetchPublic(URI url) {
        Server anyone = new Server(url, null);
        Reply r = anyone.send(HttpRequest.newBuilder(url).timeout(CALL).GET(), "GET " + url);
        if (r.status() != 200) {
            throw failure(r);
        }
        return r.body();
    }

    /** One path segment (a model name, a version) percent-encoded: RFC 3986's unreserved characters stay. */
    static String segment(String value) {
        StringBuilder b = new StringBuilder();
        for (byte c : value.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    /** A query parameter's value. */
    static String query(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The path of a model version: {@code /api/v1/models/{model}/versions/{version}}. */
    static String versionPath(String model, String version) {
        return "/api/v1/models/" + segment(model) + "/versions/" + segment(version);
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(resolve(path));
        if (timeout != null) {
            b.timeout(timeout);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    /** {@code path} (absolute, with its query) under the base URL, which may itself have a path (behind a proxy). */
    URI resolve(String path) {
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + path);
    }

    private Reply send(HttpRequest.Builder request, String what) {
        HttpResponse<InputStream> r = exchange(request, what, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (body.length > MAX_ANSWER_BYTES) {
                throw new CommandFailure(what + " answered more than " + (MAX_ANSWER_BYTES >> 20) + " MiB");
            }
            return new Reply(what, r.statusCode(), contentType(r), body);
        } catch (IOException e) {
            throw new CommandFailure(what + ": the answer broke off: " + e.getMessage(), e);
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, String what, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new CommandFailure(what + ": no answer from " + base + " in time", e);
        } catch (IOException e) {
            throw new CommandFailure(what + ": cannot reach " + base + ": " + why(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(what + ": interrupted", e);
        }
    }

    /** The first message down the causes (the JDK's ConnectException has none, its cause says "Connection refused"). */
    private static String why(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static String contentType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse(null);
    }
}
