package dev.assay.it;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization spec, as a table, checked over HTTP with real credentials: API tokens in local
 * mode, and in oidc mode Keycloak access tokens of the demo users and the CI service account's
 * client-credentials token. Portal pages take no bearer tokens: without a session a page redirects
 * to sign-in (303) and a form post is refused (401); their roles are checked per session by the
 * same table (see {@code PortalIT}). {@code ok} means the call got past authentication and authorization
 * (whatever else it answers, it is not 401, 403 or a server error); {@code -} marks the portal's
 * sign-in endpoints, public by nature and tested by the identity tests. The table must list every
 * endpoint the application has. A row may name the Content-Type it sends after the path, for an endpoint that
 * is another operation by its media type (a dataset by reference beside an upload); otherwise JSON is sent.
 */
@ExtendWith(LibertyServer.class)
class RoleMatrixIT {

    private static final String SPEC = """
            # method  path                                                  anonymous model-owner auditor admin ci-gate
            PUT     /api/v1/models/{model}/versions/{version}               401  ok   403  ok   ok
            GET     /api/v1/models                                          401  ok   ok   ok   ok
            GET     /api/v1/models/{model}/versions/{version}               401  ok   ok   ok   ok
            GET     /api/v1/models/{model}/versions/{version}/card          401  ok   ok   ok   ok
            GET     /api/v1/models/{model}/owners                           401  ok   ok   ok   ok
            PUT     /api/v1/models/{model}/owners                           401  403  403  ok   403
            POST    /api/v1/models/{model}/versions/{version}/datasets      401  ok   403  ok   ok
            POST    /api/v1/models/{model}/versions/{version}/datasets application/vnd.assay.reference+json  401  ok   403  ok   ok
            GET     /api/v1/datasets/{id}                                   401  ok   ok   ok   ok
            POST    /api/v1/models/{model}/versions/{version}/audits        401  ok   403  ok   ok
            GET     /api/v1/audits/{id}                                     401  ok   ok   ok   ok
            GET     /api/v1/audits/{id}/report                              401  ok   ok   ok   ok
            GET     /api/v1/audits/{id}/report.jws                          401  ok   ok   ok   ok
            GET     /api/v1/audits/{id}/attestation                         401  ok   ok   ok   ok
            GET     /api/v1/audits/{id}/findings.csv                        401  ok   ok   ok   ok
            GET     /api/v1/audits/{id}/metrics.csv                         401  ok   ok   ok   ok
            GET     /api/v1/audits/{id}/summary                             401  ok   ok   ok   ok
            GET     /api/v1/audits/{id}/review                              401  ok   ok   ok   ok
            POST    /api/v1/audits/{id}/comments                            401  ok   ok   ok   403
            POST    /api/v1/audits/{id}/sign-offs                           401  403  ok   403  403
            GET     /api/v1/models/{model}/versions/{version}/gate          401  ok   ok   ok   ok
            GET     /api/v1/gate                                            401  ok   ok   ok   ok
            POST    /api/v1/models/{model}/versions/{version}/waivers       401  ok   403  ok   403
            GET     /api/v1/models/{model}/versions/{version}/waivers       401  ok   ok   ok   ok
            GET     /api/v1/waivers/{id}                                    401  ok   ok   ok   ok
            POST    /api/v1/waivers/{id}/approve                            401  403  ok   ok   403
            POST    /api/v1/waivers/{id}/reject                             401  403  ok   ok   403
            GET     /api/v1/policies                                        401  ok   ok   ok   ok
            GET     /api/v1/policies/{id}                                   401  ok   ok   ok   ok
            GET     /api/v1/policies/{id}/versions                          401  ok   ok   ok   ok
            PUT     /api/v1/policies/{id}                                   401  403  403  ok   403
            POST    /api/v1/policies/validate                               401  ok   ok   ok   ok
            POST    /api/v1/policies/{id}/backtest                          401  403  ok   ok   403
            GET     /api/v1/ledger                                          401  403  ok   ok   403
            GET     /api/v1/ledger/verify                                   401  403  ok   ok   403
            GET     /api/v1/ledger/export                                   401  403  ok   ok   403
            POST    /api/v1/keys/rotate                                     401  403  403  ok   403
            POST    /api/v1/keys/{kid}/revoke                               401  403  403  ok   403
            POST    /api/v1/tokens                                          401  ok   ok   ok   ok
            GET     /api/v1/tokens                                          401  403  403  ok   403
            DELETE  /api/v1/tokens/{id}                                     401  403  403  ok   403
            POST    /api/v1/users                                           401  403  403  ok   403
            GET     /api/v1/users                                           401  403  403  ok   403
            POST    /api/v1/users/{username}/disable                        401  403  403  ok   403
            PUT     /api/v1/alert-receivers/{name}                          401  403  403  ok   403
            GET     /api/v1/alert-receivers/{name}/deliveries               401  403  ok   ok   403
            POST    /api/v1/models/{model}/deployments                      401  ok   403  ok   ok
            GET     /api/v1/models/{model}/deployments                      401  ok   ok   ok   ok
            GET     /api/v1/deployments/{id}                                401  ok   ok   ok   ok
            DELETE  /api/v1/deployments/{id}                                401  ok   403  ok   ok
            POST    /api/v1/deployments/{id}/predictions                    401  ok   403  ok   ok
            POST    /api/v1/deployments/{id}/labels                         401  ok   403  ok   ok
            POST    /api/v1/deployments/{id}/windows/close                  401  ok   403  ok   ok
            GET     /api/v1/deployments/{id}/windows                        401  ok   ok   ok   ok
            GET     /api/v1/deployments/{id}/series                         401  ok   ok   ok   ok
            POST    /api/v1/verify                                          ok   ok   ok   ok   ok
            GET     /.well-known/jwks.json                                  ok   ok   ok   ok   ok
            GET     /.well-known/assay-revoked-keys.json                    ok   ok   ok   ok   ok
            GET     /portal                                                 303  303  303  303  303
            GET     /portal/models/{model}                                  303  303  303  303  303
            GET     /portal/models/{model}/versions/{version}               303  303  303  303  303
            GET     /portal/models/{model}/versions/{version}/audits        303  303  303  303  303
            POST    /portal/models/{model}/versions/{version}/waivers       401  401  401  401  401
            GET     /portal/models/{model}/compare                          303  303  303  303  303
            GET     /portal/models/{model}/compare/table.csv                303  303  303  303  303
            GET     /portal/waivers                                         303  303  303  303  303
            POST    /portal/waivers/{id}/approve                            401  401  401  401  401
            POST    /portal/waivers/{id}/reject                             401  401  401  401  401
            GET     /portal/policies                                        303  303  303  303  303
            GET     /portal/policies/{id}                                   303  303  303  303  303
            GET     /portal/ledger                                          303  303  303  303  303
            GET     /portal/ledger/export.csv                               303  303  303  303  303
            GET     /portal/deployments/{id}                                303  303  303  303  303
            GET     /portal/audits/{id}                                     303  303  303  303  303
            POST    /portal/audits/{id}/comments                            401  401  401  401  401
            POST    /portal/audits/{id}/sign-offs                           401  401  401  401  401
            GET     /portal/audits/{id}/report.json                         303  303  303  303  303
            GET     /portal/audits/{id}/report.jws                          303  303  303  303  303
            GET     /portal/audits/{id}/report.pdf                          303  303  303  303  303
            GET     /portal/audits/{id}/attestation.json                    303  303  303  303  303
            GET     /portal/audits/{id}/findings.csv                        303  303  303  303  303
            GET     /portal/audits/{id}/metrics.csv                         303  303  303  303  303
            GET     /portal/audits/{id}/summary.html                        303  303  303  303  303
            GET     /portal/audits/{id}/summary.pdf                         303  303  303  303  303
            GET     /portal/verify                                          ok   ok   ok   ok   ok
            GET     /portal/assets/{name:[a-z0-9-]+(\\.min)?\\.(css|js)}        -    -    -    -    -
            POST    /portal/verify                                          ok   ok   ok   ok   ok
            GET     /portal/login                                           -    -    -    -    -
            POST    /portal/login                                           -    -    -    -    -
            GET     /portal/callback                                        -    -    -    -    -
            POST    /portal/logout                                          -    -    -    -    -
            GET     /portal/signed-out                                      -    -    -    -    -
            """;

    private static final List<String> ROLES = List.of("anonymous", "model-owner", "auditor", "admin", "ci-gate");

    record Row(String method, String path, String type, List<String> expected) {
    }

    static List<Row> rows() {
        return SPEC.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+"))
                .map(f -> f.length == ROLES.size() + 3 ? new Row(f[0], f[1], f[2], List.of(f).subList(3, f.length))
                        : new Row(f[0], f[1], null, List.of(f).subList(2, f.length)))
                .toList();
    }

    /** One real credential per role, for the mode of this run. */
    private static Map<String, Api> identities() throws Exception {
        Map<String, Api> as = new LinkedHashMap<>();
        as.put("anonymous", Api.anonymous());
        if (LibertyServer.get().oidc()) {
            as.put("model-owner", Api.keycloakUser("owner"));
            as.put("auditor", Api.keycloakUser("auditor"));
            as.put("admin", Api.keycloakUser("admin"));
            as.put("ci-gate", Api.anonymous().withAuthorization("Bearer " + Api.ciServiceAccountToken()));
        } else {
            for (String role : ROLES.subList(1, ROLES.size())) {
                as.put(role, Api.withRoles(role));
            }
        }
        return as;
    }

    @Test
    void everyEndpointForEveryRoleIsAsTheSpecSays() throws Exception {
        Map<String, Api> as = identities();
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            assertEquals(ROLES.size(), row.expected().size(), "columns of " + row);
            String path = row.path().replace("{model}", "matrix").replace("{version}", "1.0.0")
                    .replace("{id}", "none").replace("{kid}", "none").replace("{username}", "nobody").replace("{name}", "none");
            for (int i = 0; i < ROLES.size(); i++) {
                String expected = row.expected().get(i);
                if (expected.equals("-")) {
                    continue;
                }
                boolean form = row.path().startsWith("/portal/") && row.method().equals("POST") && !row.path().equals("/portal/verify");
                byte[] body = row.method().equals("GET") || row.method().equals("DELETE") ? null : form ? "x=1".getBytes() : "{}".getBytes();
                String type = body == null ? null : form ? "application/x-www-form-urlencoded"
                        : row.type() != null ? row.type() : "application/json";
                Api.Reply reply = as.get(ROLES.get(i)).send(row.method(), path, type, body);
                int status = reply.status();
                boolean matches = expected.equals("ok") ? status != 401 && status != 403 && status < 500
                        : status == Integer.parseInt(expected);
                if (!matches) {
                    wrong.add(row.method() + " " + row.path() + " as " + ROLES.get(i) + ": expected " + expected
                            + ", got " + status + " " + reply.text().substring(0, Math.min(160, reply.text().length())));
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /**
     * Model ownership: a model owner reaches the models they own (registered first, or assigned by an
     * admin) and no other: reads and changes of another's model answer 404 as for a model that does not
     * exist, a registration under its name 403. Auditors read every model; an admin assigns owners.
     */
    @Test
    void aModelOwnerReachesTheirOwnModelsOnly() throws Exception {
        Api alice = Api.withRoles("model-owner");
        Api bob = Api.withRoles("model-owner");
        String model = "owned-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String version = WalkingSkeletonIT.register(alice, model);
        assertEquals(201, alice.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        Api.Reply audit = alice.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        String auditId = audit.json().getString("id");
        String datasetId = alice.get(version).json().getJsonArray("datasets").getJsonObject(0).getString("id");
        assertEquals(List.of(alice.person()), alice.get("/api/v1/models/" + model + "/owners").json().getJsonArray("owners")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());

        for (String path : List.of(version, version + "/gate", version + "/waivers", "/api/v1/models/" + model + "/owners",
                "/api/v1/audits/" + auditId, "/api/v1/audits/" + auditId + "/report", "/api/v1/audits/" + auditId + "/report.jws",
                "/api/v1/audits/" + auditId + "/attestation", "/api/v1/audits/" + auditId + "/findings.csv",
                "/api/v1/audits/" + auditId + "/metrics.csv", "/api/v1/audits/" + auditId + "/review",
                "/api/v1/datasets/" + datasetId)) {
            assertEquals(404, bob.get(path).status(), "another owner's " + path);
            assertEquals(200, Api.withRoles("auditor").get(path).status(), "an auditor reads " + path);
        }
        assertTrue(bob.get("/api/v1/models").json().getJsonArray("models").getValuesAs(jakarta.json.JsonObject.class).stream()
                .noneMatch(m -> m.getString("model").equals(model)), "not listed to another owner");
        assertEquals(404, bob.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        assertEquals(404, bob.send("POST", version + "/audits", "application/json", "{}".getBytes()).status());
        assertEquals(404, bob.send("POST", "/api/v1/audits/" + auditId + "/comments", "application/json",
                "{\"body\":\"not mine to review\"}".getBytes()).status(), "another owner's audit is not found to comment on");
        Api.Reply taken = bob.send("PUT", "/api/v1/models/" + model + "/versions/2.0.0", "application/yaml",
                WalkingSkeletonIT.CARD_YAML.formatted(model).replace("1.0.0", "2.0.0").getBytes());
        assertEquals(403, taken.status(), taken.text());

        Api.addOwners(model, bob.person());
        assertEquals(200, bob.get(version).status(), "assigned by an admin, bob reaches it");
        assertEquals(200, bob.get("/api/v1/audits/" + auditId + "/report").status());
        assertTrue(Api.withRoles("auditor").get("/api/v1/ledger?limit=1000").json().getJsonArray("entries")
                .getValuesAs(jakarta.json.JsonObject.class).stream()
                .anyMatch(e -> e.getString("kind").equals("model.owners") && e.getString("subject").equals(model)));
    }

    /**
     * The API's ledger listing as CSV ({@code Accept: text/csv}, filters as for JSON) is the ledger's like its JSON: for
     * auditors and admins only. (The table sends no Accept header, so it checks the JSON representation.)
     */
    @Test
    void theLedgerAsCsvIsForItsReadersOnly() throws Exception {
        Map<String, Api> as = identities();
        Map<String, Integer> expected = Map.of("anonymous", 401, "model-owner", 403, "auditor", 200, "admin", 200, "ci-gate", 403);
        for (String role : ROLES) {
            Api.Reply reply = as.get(role).get("/api/v1/ledger?kind=version&limit=5", "text/csv");
            assertEquals(expected.get(role), reply.status(), role + ": " + reply.text());
            if (reply.status() == 200) {
                assertTrue(reply.contentType().startsWith("text/csv"), reply.contentType());
                assertTrue(reply.text().startsWith("seq,at,kind,subject,actor,payload,prev,hash\r\n"), reply.text());
                assertTrue(reply.text().lines().skip(1).allMatch(l -> l.split(",")[2].startsWith("version.")), "the kind filter applies");
            }
        }
    }

    @Test
    void theTableListsEveryEndpointOfTheApplication() throws Exception {
        Set<String> inTable = new TreeSet<>();
        rows().forEach(r -> inTable.add(r.method() + " " + r.path()));
        Set<String> inCode = new TreeSet<>();
        for (String pkg : List.of("dev/assay/api", "dev/assay/portal")) {
            try (Stream<java.nio.file.Path> files = Files.list(java.nio.file.Path.of("target/classes", pkg))) {
                for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = pkg.replace('/', '.') + "." + f.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                    Path classPath = type.getAnnotation(Path.class);
                    if (classPath == null) {
                        continue;
                    }
                    for (Method m : type.getDeclaredMethods()) {
                        String verb = verb(m);
                        if (verb == null) {
                            continue;
                        }
                        Path methodPath = m.getAnnotation(Path.class);
                        String full = ("/" + classPath.value() + (methodPath == null ? "" : "/" + methodPath.value()))
                                .replaceAll("/+", "/").replaceAll("/$", "");
                        inCode.add(verb + " " + full);
                    }
                }
            }
        }
        assertEquals(inCode, inTable, "the authorization table and the application's endpoints differ");
    }

    private static String verb(Method m) {
        for (Class<? extends Annotation> a : List.of(GET.class, POST.class, PUT.class, DELETE.class)) {
            if (m.isAnnotationPresent(a)) {
                return a.getSimpleName();
            }
        }
        return null;
    }
}
