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
}
