package dev.assay.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for the API under test: real requests, nothing mocked. */
public final class Api {

    // HTTP/1.1 as curl and CI clients speak it to http:// URLs: the JDK client's h2c upgrade stalls a large upload body.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String person;
    private final String authorization;

    public Api(URI base, String authorization) {
        this(base, authorization, null);
    }

    private Api(URI base, String authorization, String person) {
        this.base = base;
        this.authorization = authorization;
        this.person = person;
    }

    public static Api anonymous() {
        return new Api(LibertyServer.get().base(), null);
    }

    private static volatile String adminToken;

    /**
     * The bootstrap admin in local mode, through an API token of their own (minted once with HTTP basic,
     * which serves only the token endpoint); Keycloak's demo admin (a real access token) in oidc mode.
     */
    public static synchronized Api admin() {
        if (LibertyServer.get().oidc()) {
            return keycloakUser("admin");
        }
        if (adminToken == null) {
            try {
                Reply r = adminBasic().send("POST", "/api/v1/tokens", "application/json",
                        ("{\"name\":\"it-admin-" + UUID.randomUUID() + "\",\"roles\":[\"admin\"]}").getBytes());
                if (r.status() != 201) {
                    throw new IllegalStateException("admin token: " + r.status() + " " + r.text());
                }
                adminToken = r.json().getString("token");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("admin token", e);
            }
        }
        return new Api(LibertyServer.get().base(), "Bearer " + adminToken, "admin");
    }

    /** HTTP basic with the bootstrap admin's password (which exists in local mode only). */
    public static Api adminBasic() {
        String basic = Base64.getEncoder().encodeToString(
                ("admin:" + LibertyServer.get().adminPassword()).getBytes(StandardCharsets.UTF_8));
        return new Api(LibertyServer.get().base(), "Basic " + basic);
    }

    /**
     * A new person holding {@code roles}, acting through an API token an admin minted for them: in local
     * mode an account is created first (a token has at most its person's roles); in oidc mode people live
     * in the provider and the admin names one. Each call is a different person.
     */
    public static Api withRoles(String... roles) throws Exception {
        String person = "it-" + UUID.randomUUID().toString().substring(0, 13);
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < roles.length; i++) {
            list.append(i == 0 ? "" : ",").append('"').append(roles[i]).append('"');
        }
        list.append(']');
        if (!LibertyServer.get().oidc()) {
            Reply user = admin().send("POST", "/api/v1/users", "application/json",
                    ("{\"username\":\"" + person + "\",\"roles\":" + list + "}").getBytes());
            if (user.status() != 201) {
                throw new IllegalStateException("user: " + user.status() + " " + user.text());
            }
        }
        Reply r = admin().send("POST", "/api/v1/tokens", "application/json", ("{\"name\":\"it-token\",\"roles\":" + list
                + ",\"user\":\"" + person + "\"}").getBytes());
        if (r.status() != 201) {
            throw new IllegalStateException("token: " + r.status() + " " + r.text());
        }
        return new Api(LibertyServer.get().base(), "Bearer " + r.json().getString("token"), person);
    }

    /** The Authorization header this client sends (for load tools that send their own requests). */
    public String authorization() {
        return authorization;
    }

    /** The person this client acts for, when a test made one ({@link #withRoles}); null otherwise. */
    public String person() {
        return person;
    }

    /** Adds {@code people} to the owners of {@code model} (an admin's act), keeping those it has. */
    public static void addOwners(String model, String... people) throws Exception {
        JsonObject now = admin().get("/api/v1/models/" + model + "/owners").json();
        StringBuilder owners = new StringBuilder("{\"owners\":[");
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        now.getJsonArray("owners").getValuesAs(jakarta.json.JsonString.class).forEach(o -> all.add(o.getString()));
        all.addAll(java.util.List.of(people));
        owners.append(String.join(",", all.stream().map(o -> "\"" + o + "\"").toList())).append("]}");
        Reply r = admin().send("PUT", "/api/v1/models/" + model + "/owners", "application/json", owners.toString().getBytes());
        if (r.status() != 200) {
            throw new IllegalStateException("owners: " + r.status() + " " + r.text());
        }
    }

    /** A demo user of the assay realm, signed in with the password grant of the test client. */
    public static Api keycloakUser(String username) {
        return new Api(LibertyServer.get().base(), "Bearer " + keycloakToken("assay", "assay-test", username));
    }

    private static final Map<String, Map.Entry<java.time.Instant, String>> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** An access token from the run's Keycloak; cached for 200 s of its 300 s life. */
    public static String keycloakToken(String realm, String client, String username) {
        String key = realm + "/" + client + "/" + username;
        var cached = TOKENS.get(key);
        if (cached != null && cached.getKey().isAfter(java.time.Instant.now().minusSeconds(200))) {
            return cached.getValue();
        }
        KeycloakServer kc = LibertyServer.get().keycloak();
        String token = tokenRequest(kc.tokenEndpoint(realm), "grant_type=password&client_id=" + client
                + "&username=" + username + "&password=" + kc.demoPassword);
        TOKENS.put(key, Map.entry(java.time.Instant.now(), token));
        return token;
    }

    /** An uncached token (for tests that need a token of their own, such as one that expires). */
    public static String freshKeycloakToken(String realm, String client, String username) {
        KeycloakServer kc = LibertyServer.get().keycloak();
        return tokenRequest(kc.tokenEndpoint(realm), "grant_type=password&client_id=" + client
                + "&username=" + username + "&password=" + kc.demoPassword);
    }

    /** The CI service account: the client-credentials grant of the assay-ci client. */
    public static String ciServiceAccountToken() {
        KeycloakServer kc = LibertyServer.get().keycloak();
        return tokenRequest(kc.tokenEndpoint("assay"), "grant_type=client_credentials&client_id=assay-ci&client_secret=" + kc.ciSecret);
    }

    private static String tokenRequest(URI endpoint, String form) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Keycloak token request: " + r.statusCode() + " " + r.body());
            }
            return Json.createReader(new StringReader(r.body())).readObject().getString("access_token");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Keycloak token request failed", e);
        }
    }

    /** The same person and credentials, asking another server (a replica on the same database). */
    public Api on(URI server) {
        return new Api(server, authorization, person);
    }

    public Api withAuthorization(String value) {
        return new Api(base, value);
    }

    public record Reply(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(text())).readObject();
        }

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    public Reply get(String path, String accept) throws IOException, InterruptedException {
        return send(request("GET", path, null, HttpRequest.BodyPublishers.noBody()).header("Accept", accept));
    }

    public Reply send(String method, String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(method, path, contentType,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Reply sendFile(String method, String path, String contentType, Path file) throws IOException, InterruptedException {
        return send(request(method, path, contentType, HttpRequest.BodyPublishers.ofFile(file)));
    }

    /** multipart/form-data with the given parts: name -> (content type, bytes). */
    public Reply multipart(String path, Map<String, Map.Entry<String, byte[]>> parts) throws IOException, InterruptedException {
        return multipart("POST", path, parts);
    }

    /** The same with another method (PUT, for a card imported with an overlay). */
    public Reply multipart(String method, String path, Map<String, Map.Entry<String, byte[]>> parts) throws IOException, InterruptedException {
        String boundary = "assay-" + UUID.randomUUID();
        var out = new java.io.ByteArrayOutputStream();
        for (var e : parts.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
                    + "\"; filename=\"" + e.getKey() + "\"\r\nContent-Type: " + e.getValue().getKey() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(e.getValue().getValue());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(method, path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    private HttpRequest.Builder request(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5)).method(method, body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        return new Reply(r.statusCode(), headers, r.body());
    }
}
