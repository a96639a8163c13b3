package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input gets a clear problem+json 4xx that says where, and leaves nothing stored: the version's
 * datasets, the dataset store and the scratch area are the same before and after.
 */
@ExtendWith(LibertyServer.class)
class BadInputIT {

    private static Api ci;
    private static final String VERSION = "/api/v1/models/bad-input-it/versions/1.0.0";

    @BeforeAll
    static void register() throws Exception {
        ci = Api.withRoles("ci-gate");
        Api.Reply r = ci.send("PUT", VERSION, "application/yaml",
                WalkingSkeletonIT.CARD_YAML.formatted("bad-input-it").getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.text());
    }

    private record Stored(int datasets, List<String> storeFiles, List<String> scratch) {
    }

    private static Stored stored() throws Exception {
        Path data = LibertyServer.get().dataDir();
        return new Stored(ci.get(VERSION).json().getJsonArray("datasets").size(), files(data.resolve("datasets")),
                files(data.resolve("tmp")));
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
        }
    }

    /** Uploads, expects the status, and checks that nothing was stored. Returns the problem. */
    private static JsonObject refused(String contentType, byte[] body, int status) throws Exception {
        Stored before = stored();
        Api.Reply r = ci.send("POST", VERSION + "/datasets", contentType, body);
        assertEquals(status, r.status(), r.text());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(before, stored(), "nothing stored");
        JsonObject problem = r.json();
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getString("detail").length() > 10);
        return problem;
    }

    private static JsonObject firstError(JsonObject problem) {
        return problem.getJsonArray("errors").getJsonObject(0);
    }

    @Test
    void emptyFile() throws Exception {
        refused("text/csv", new byte[0], 422);
    }

    @Test
    void headerOnly() throws Exception {
        JsonObject p = refused("text/csv", "id,sex,hired,label\n".getBytes(), 422);
        assertTrue(p.getString("detail").contains("no records"), p.toString());
    }

    @Test
    void raggedRowsNameLineAndField() throws Exception {
        JsonObject p = refused("text/csv", "id,sex,hired,label\n1,F,1,0\n2,M,1\n".getBytes(), 422);
        assertEquals(3, firstError(p).getInt("line"));
        assertEquals(3, firstError(p).getInt("column"));
    }

    @Test
    void nonUtf8() throws Exception {
        JsonObject p = refused("text/csv", "id,sex,hired,label\n1,F\u00e9,1,0\n".getBytes(StandardCharsets.ISO_8859_1), 422);
        assertEquals(2, firstError(p).getInt("line"));
        assertTrue(firstError(p).getString("message").contains("UTF-8"));
    }

    @Test
    void tenMegabyteField() throws Exception {
        byte[] big = new byte[10 << 20];
        Arrays.fill(big, (byte) 'x');
        byte[] head = "id,sex,hired,label\n1,".getBytes();
        byte[] body = new byte[head.length + big.length + 6];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(big, 0, body, head.length, big.length);
        System.arraycopy(",1,0\n".getBytes(), 0, body, head.length + big.length, 5);
        JsonObject p = refused("text/csv", body, 422);
        assertEquals(2, firstError(p).getInt("line"));
        assertTrue(firstError(p).getString("message").contains("longer than"));
    }

    @Test
    void unknownContentType() throws Exception {
        JsonObject p = refused("application/msword", "id,sex\n1,F\n".getBytes(), 415);
        assertTrue(p.getString("detail").contains("text/csv"));
    }

    @Test
    void columnsTheCardNamesAreMissing() throws Exception {
        JsonObject p = refused("text/csv", "id,gender,hired\n1,F,1\n".getBytes(), 422);
        assertTrue(p.getString("detail").contains("label"), p.toString());
        assertTrue(p.getString("detail").contains("sex"), p.toString());
    }

    @Test
    void malformedJsonLinesNameTheLine() throws Exception {
        JsonObject p = refused("application/x-ndjson",
                "{\"id\":1,\"sex\":\"F\",\"hired\":1,\"label\":0}\n{\"id\":2,\"sex\" \"M\"}\n".getBytes(), 422);
        assertEquals(2, firstError(p).getInt("line"));
    }

    @Test
    void notParquet() throws Exception {
        refused("application/vnd.apache.parquet", "id,sex,hired,label\n1,F,1,0\n".getBytes(), 422);
    }

    @Test
    void unknownRole() throws Exception {
        Stored before = stored();
        Api.Reply r = ci.send("POST", VERSION + "/datasets?role=training", "text/csv", "id,sex,hired,label\n1,F,1,0\n".getBytes());
        assertEquals(400, r.status());
        assertEquals(before, stored());
    }

    @Test
    void cardThatDoesNotMatchThePath() throws Exception {
        Api.Reply r = ci.send("PUT", "/api/v1/models/other-model/versions/2.0.0", "application/yaml",
                WalkingSkeletonIT.CARD_YAML.formatted("bad-input-it").getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.status());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        List<String> pointers = r.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("pointer")).toList();
        assertTrue(pointers.containsAll(List.of("/model", "/version")), pointers.toString());
        assertEquals(404, ci.get("/api/v1/models/other-model/versions/2.0.0").status(), "nothing registered");
    }

    @Test
    void auditRequestNamingAnUnknownPolicyOrMetric() throws Exception {
        Api.Reply r = ci.send("POST", VERSION + "/audits", "application/json",
                "{\"policies\":[\"no-such-pack\"],\"metrics\":[\"no_such_metric\"]}".getBytes());
        assertEquals(422, r.status(), r.text());
        List<String> pointers = r.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("pointer")).toList();
        assertTrue(pointers.containsAll(List.of("/policies/0", "/metrics/0")), pointers.toString());
        Api.Reply parameters = ci.send("POST", VERSION + "/audits", "application/json",
                "{\"parameters\":{\"confidence\":1.5,\"reference\":\"tallest\"}}".getBytes());
        assertEquals(422, parameters.status());
        List<String> parameterPointers = parameters.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("pointer")).toList();
        assertTrue(parameterPointers.containsAll(List.of("/parameters/confidence", "/parameters/reference")),
                parameterPointers.toString());
        Api.Reply syntax = ci.send("POST", VERSION + "/audits", "application/json", "{\"policies\": [".getBytes());
        assertEquals(422, syntax.status());
        assertEquals(1, syntax.json().getJsonArray("errors").getJsonObject(0).getInt("line"));
    }

    private static List<JsonObject> errors(Api.Reply r) {
        return r.json().getJsonArray("errors").getValuesAs(JsonObject.class);
    }

    private static JsonObject error(Api.Reply r, String pointer) {
        return errors(r).stream().filter(e -> pointer.equals(e.getString("pointer", null))).findFirst()
                .orElseThrow(() -> new AssertionError("no error at " + pointer + ": " + r.text()));
    }

    /** Unknown keys anywhere in a card, and wrong types: one 422 naming each with its line and column; nothing registered. */
    @Test
    void cardWithUnknownKeysAndWrongTypes() throws Exception {
        String card = WalkingSkeletonIT.CARD_YAML.formatted("bad-card-it").replace("riskTier: high\n", "riskTier: high\nowners: [x]\n")
                + "  protect: [race]\n  features: income\n";
        Api.Reply r = ci.send("PUT", "/api/v1/models/bad-card-it/versions/1.0.0", "application/yaml", card.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.status(), r.text());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        assertEquals(3, errors(r).size(), r.text());
        JsonObject owners = error(r, "/owners");
        assertEquals(6, owners.getInt("line"));
        assertEquals(1, owners.getInt("column"));
        assertTrue(owners.getString("message").startsWith("unknown property 'owners' (did you mean 'owner'?)"), r.text());
        assertEquals(14, error(r, "/columns/protect").getInt("line"));
        assertEquals(3, error(r, "/columns/protect").getInt("column"));
        assertEquals("must be an array or null, not a string", error(r, "/columns/features").getString("message"));
        assertEquals(404, ci.get("/api/v1/models/bad-card-it/versions/1.0.0").status(), "nothing registered");
    }

    /** A key the audit request does not know (rounding inside parameters, a misspelt policies) is a 422, never ignored. */
    @Test
    void auditRequestWithUnknownKeysAndWrongTypes() throws Exception {
        Api.Reply r = ci.send("POST", VERSION + "/audits", "application/json", """
                {"polices": ["eeoc-four-fifths"],
                 "parameters": {"rounding": {"decimals": 2}, "confidence": "0.95"},
                 "metrics": ["no_such_metric"]}
                """.getBytes());
        assertEquals(422, r.status(), r.text());
        JsonObject polices = error(r, "/polices");
        assertEquals(1, polices.getInt("line"));
        assertEquals(2, polices.getInt("column"));
        assertTrue(polices.getString("message").contains("did you mean 'policies'"), r.text());
        assertTrue(error(r, "/parameters/rounding").getString("message").startsWith("unknown property 'rounding'"), r.text());
        assertEquals("must be a number, not a string", error(r, "/parameters/confidence").getString("message"));
        assertEquals(3, error(r, "/metrics/0").getInt("line"), "the request's other errors in the same answer");
    }

    /** A pack with a schema error and an unknown metric hears of both at once, each with line and column. */
    @Test
    void packWithASchemaErrorAndAnUnknownMetric() throws Exception {
        String pack = """
                id: bad-input-pack
                version: 1.0.0
                title: Both errors
                rules:
                  - id: r1
                    metric: impact_rate
                    scope: protected
                    threshold: {comparator: ">=", value: 0.8}
                    severty: block
                """;
        Api.Reply r = ci.send("POST", "/api/v1/policies/validate", "application/yaml", pack.getBytes());
        assertEquals(200, r.status(), r.text());
        assertEquals(false, r.json().getBoolean("valid"));
        JsonObject metric = error(r, "/rules/0/metric");
        assertEquals(6, metric.getInt("line"));
        assertEquals(13, metric.getInt("column"));
        JsonObject typo = error(r, "/rules/0/severty");
        assertEquals(9, typo.getInt("line"));
        assertEquals(5, typo.getInt("column"));
        assertEquals(5, error(r, "/rules/0/severity").getInt("line"));
        assertEquals(3, errors(r).size(), r.text());
    }
}
