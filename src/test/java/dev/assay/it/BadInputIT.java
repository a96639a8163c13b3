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

    // ---- Issue 16: every input bounded, every failure a clear 4xx ----

    private static void assertNoInternals(Api.Reply r) {
        String text = r.text();
        for (String internal : new String[] {"com.ibm", "CWWWC", "SRVE", "Exception", "\tat ", "java.", "dev.assay", "/work/",
                "RESTEASY", "wlp"}) {
            assertTrue(!text.contains(internal), "no internals (" + internal + ") in " + text);
        }
    }

    /** A 4 MB one-line comment took 43 s; now the card is refused at once, and a 30 MB one with 413. */
    @Test
    void hugeCommentsAndCardsAreRefusedQuickly() throws Exception {
        String card = WalkingSkeletonIT.CARD_YAML.formatted("bad-input-it");
        long start = System.nanoTime();
        Api.Reply r = ci.send("PUT", VERSION.replace("1.0.0", "1.0.9"), "application/yaml",
                (card.replace("1.0.0", "1.0.9") + "# " + "x".repeat(4_000_000) + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.status(), r.text());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        assertTrue(firstError(r.json()).getString("message").contains("at most"), r.text());
        Api.Reply line = ci.send("PUT", VERSION.replace("1.0.0", "1.0.9"), "application/yaml",
                (card.replace("1.0.0", "1.0.9") + "# " + "x".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(422, line.status(), line.text());
        assertEquals(13, firstError(line.json()).getInt("line"), line.text());
        assertTrue(firstError(line.json()).getString("message").contains("on one line"), line.text());
        Api.Reply huge = ci.send("PUT", VERSION.replace("1.0.0", "1.0.9"), "application/yaml",
                (card + "# " + "x".repeat(30_000_000) + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(413, huge.status(), huge.text());
        assertTrue(huge.contentType().startsWith("application/problem+json"));
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "answered in seconds");
        assertEquals(404, ci.get(VERSION.replace("1.0.0", "1.0.9")).status(), "nothing registered");
    }

    @Test
    void anAliasBeforeItsAnchorIsA422ThatSaysSo() throws Exception {
        String card = WalkingSkeletonIT.CARD_YAML.formatted("bad-input-it").replace("1.0.0", "1.0.8")
                .replace("owner: it@example.com", "owner: *who").replace("  protected: [sex]", "  protected: [&who sex]");
        Api.Reply r = ci.send("PUT", VERSION.replace("1.0.0", "1.0.8"), "application/yaml", card.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.status(), r.text());
        JsonObject e = firstError(r.json());
        assertEquals(3, e.getInt("line"));
        assertEquals(8, e.getInt("column"));
        assertTrue(e.getString("message").contains("the alias *who comes before its anchor &who"), r.text());
    }

    /** JSON ten thousand levels deep was a 500 and a thousand log lines. */
    @Test
    void deeplyNestedJsonIsA422WithItsPlace() throws Exception {
        String deep = "{\"policies\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        Api.Reply r = ci.send("POST", VERSION + "/audits", "application/json", deep.getBytes());
        assertEquals(422, r.status(), r.text());
        JsonObject e = firstError(r.json());
        assertEquals(1, e.getInt("line"));
        assertEquals(14 + 63, e.getInt("column"), r.text());
        assertTrue(e.getString("message").contains("deeper than 64"), r.text());
        assertNoInternals(r);
        Api.Reply card = ci.send("PUT", VERSION.replace("1.0.0", "1.0.7"), "application/json", deep.getBytes());
        assertEquals(422, card.status(), card.text());
    }

    private static Path wideParquet(int columns) throws Exception {
        Path file = Files.createTempFile("wide", ".parquet");
        Files.delete(file);
        StringBuilder sel = new StringBuilder("SELECT range AS id, 'F' AS sex, 1 AS hired, 0 AS label");
        for (int i = 0; i < columns - 4; i++) {
            sel.append(", range % 7 AS c").append(i);
        }
        Class.forName("org.duckdb.DuckDBDriver");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement()) {
            s.execute("COPY (" + sel + " FROM range(20)) TO '" + file + "' (FORMAT parquet)");
        }
        return file;
    }

    /** A 3.4 MB Parquet file of 10,000 columns profiled for over 20 minutes; CSV and JSON Lines have the same bound. */
    @Test
    void tenThousandColumnsAreRefusedInEveryFormat() throws Exception {
        long start = System.nanoTime();
        Path parquet = wideParquet(10_000);
        try {
            JsonObject p = refused("application/vnd.apache.parquet", Files.readAllBytes(parquet), 422);
            assertTrue(p.getString("detail").contains("at most 1000"), p.toString());
        } finally {
            Files.deleteIfExists(parquet);
        }
        StringBuilder header = new StringBuilder("id,sex,hired,label");
        StringBuilder row = new StringBuilder("1,F,1,0");
        StringBuilder json = new StringBuilder("{\"id\":1,\"sex\":\"F\",\"hired\":1,\"label\":0");
        for (int i = 0; i < 10_000; i++) {
            header.append(",c").append(i);
            row.append(",1");
            json.append(",\"c").append(i).append("\":1");
        }
        JsonObject csv = refused("text/csv", (header + "\n" + row + "\n").getBytes(), 422);
        assertEquals(1, firstError(csv).getInt("line"));
        assertTrue(firstError(csv).getString("message").contains("more than 1000 columns"), csv.toString());
        refused("application/x-ndjson", (json + "}\n").getBytes(), 422);
        assertTrue(System.nanoTime() - start < 120_000_000_000L, "answered in time");
    }

    @Test
    void aNulByteInACsvFieldIsRefusedWithItsLine() throws Exception {
        JsonObject p = refused("text/csv", "id,sex,hired,label\n1,F,1,0\n2,M\0,1,0\n".getBytes(), 422);
        assertEquals(3, firstError(p).getInt("line"));
        assertEquals(2, firstError(p).getInt("column"));
        assertTrue(firstError(p).getString("message").contains("NUL"), p.toString());
    }

    private static JsonObject accepted(String model, String contentType, String body) throws Exception {
        String version = "/api/v1/models/" + model + "/versions/1.0.0";
        Api.Reply card = ci.send("PUT", version, "application/yaml",
                WalkingSkeletonIT.CARD_YAML.formatted(model).getBytes(StandardCharsets.UTF_8));
        assertTrue(card.status() == 201 || card.status() == 200, card.text());
        Api.Reply r = ci.send("POST", version + "/datasets", contentType, body.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.text());
        return r.json();
    }

    private static String type(JsonObject dataset, String column) {
        return dataset.getJsonArray("columns").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(column)).findFirst().orElseThrow().getString("type");
    }

    /** A column of F was read as booleans (F as false); mixed LF/CRLF was "Error when sniffing file"; late JSON keys were dropped. */
    @Test
    void lettersStayTextMixedLineEndingsAndDifferentKeysAreRead() throws Exception {
        JsonObject onlyF = accepted("bad-input-types-it", "text/csv", "id,sex,hired,label\n1,F,1,0\n2,F,0,1\n3,F,1,1\n");
        assertEquals("VARCHAR", type(onlyF, "sex"), onlyF.toString());
        JsonObject mixed = accepted("bad-input-newlines-it", "text/csv", "id,sex,hired,label\r\n1,F,1,0\n2,M,0,1\r\n3,F,1,1\n");
        assertEquals(3, mixed.getInt("rows"));
        assertEquals("BIGINT", type(mixed, "hired"));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 25_000; i++) {
            lines.append("{\"id\":").append(i).append(",\"sex\":\"F\",\"hired\":1,\"label\":0}\n");
        }
        lines.append("{\"label\":1,\"hired\":0,\"sex\":\"M\",\"id\":25000,\"note\":\"late\"}\r\n");
        JsonObject keys = accepted("bad-input-keys-it", "application/x-ndjson", lines.toString());
        assertEquals(25_001, keys.getInt("rows"));
        assertEquals("VARCHAR", type(keys, "note"));
    }

    /** Liberty answered an encoded slash with its own page, naming its classes; under /api it is problem+json. */
    @Test
    void anEncodedSlashUnderApiIsProblemJsonWithoutInternals() throws Exception {
        for (String path : new String[] {"/api/v1/models/a%2fb/versions/1.0.0", "/api/v1/models/a%2Fb", "/api/v1/%2e%2e/%2fetc"}) {
            Api.Reply r = ci.get(path);
            assertTrue(r.status() >= 400 && r.status() < 500, path + ": " + r.status() + " " + r.text());
            assertTrue(r.contentType().startsWith("application/problem+json"), path + ": " + r.contentType() + " " + r.text());
            assertEquals(r.status(), r.json().getInt("status"));
            assertNoInternals(r);
        }
        Api.Reply badParameter = ci.send("POST", VERSION + "/audits?wait=soon", "application/json", "{}".getBytes());
        assertTrue(badParameter.status() >= 400 && badParameter.status() < 500, badParameter.text());
        assertNoInternals(badParameter);
    }

    /** A CR/LF in the portal's next field was a 500 (the redirect could not be built). */
    @Test
    void aLineBreakInThePortalsNextIsA400() throws Exception {
        Api anonymous = Api.anonymous();
        Api.Reply get = anonymous.get("/portal/login?next=/portal/%0d%0aSet-Cookie:%20x=1");
        assertEquals(400, get.status(), get.text());
        Api.Reply post = anonymous.send("POST", "/portal/login", "application/x-www-form-urlencoded",
                "username=a&password=b&csrf=x&next=%2Fportal%2F%0D%0ALocation%3A%20https%3A%2F%2Fevil.example".getBytes());
        // In oidc mode the form is not used: its post is sent to the provider's sign-in, next unread.
        assertEquals(LibertyServer.get().oidc() ? 303 : 400, post.status(), post.text());
    }

    /** A JWS whose signature is spelt with unused bits set verified as valid (same bytes); it is not the canonical JWS. */
    @Test
    void aNonCanonicalJwsIsInvalid() throws Exception {
        Path samples = Path.of("reports", "samples");
        byte[] report = Files.readAllBytes(samples.resolve("loan-approval-1.0.0.report.json"));
        String jws = Files.readString(samples.resolve("loan-approval-1.0.0.report.jws")).strip();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String bits = jws.substring(0, jws.length() - 1) + alphabet.charAt(alphabet.indexOf(jws.charAt(jws.length() - 1)) + 1);
        for (String variant : new String[] {bits, jws + "  "}) {
            Api.Reply r = Api.anonymous().multipart("/api/v1/verify", new java.util.LinkedHashMap<>(java.util.Map.of(
                    "report", java.util.Map.entry("application/json", report),
                    "signature", java.util.Map.entry("application/jose", variant.getBytes(StandardCharsets.US_ASCII)))));
            assertEquals(200, r.status(), r.text());
            assertEquals(false, r.json().getBoolean("valid"));
            assertTrue(r.json().getString("reason").startsWith("malformed JWS"), r.text());
        }
    }

    /**
     * Hostile data that is stored and audited: a group named like a spreadsheet formula reaches the CSV downloads
     * of the signed report as text (a leading apostrophe), and every other cell is what the signed JSON says.
     */
    @Test
    void formulaLikeGroupNamesAreTextInTheCsvDownloads() throws Exception {
        StringBuilder rows = new StringBuilder("id,sex,hired,label\n");
        for (int i = 0; i < 80; i++) {
            rows.append(i).append(',').append(i % 2 == 0 ? "=SUM(1+1)" : "M").append(',').append(i % 4 < 2 ? 1 : 0).append(',')
                    .append(i % 3 == 0 ? 1 : 0).append('\n');
        }
        accepted("csv-export-it", "text/csv", rows.toString());
        Api.Reply audit = ci.send("POST", "/api/v1/models/csv-export-it/versions/1.0.0/audits?wait=120", "application/json",
                "{\"policies\":[\"eeoc-four-fifths\",\"model-performance\"]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, audit.status(), audit.text());
        String id = audit.json().getString("id");
        JsonObject report = ci.get("/api/v1/audits/" + id + "/report", "application/json").json();
        for (String kind : List.of("findings", "metrics")) {
            Api.Reply csv = ci.get("/api/v1/audits/" + id + "/" + kind + ".csv", "text/csv");
            assertEquals(200, csv.status(), csv.text());
            assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
            List<org.apache.commons.csv.CSVRecord> records;
            try (var parser = org.apache.commons.csv.CSVParser.builder().setReader(new java.io.StringReader(csv.text()))
                    .setFormat(org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
                records = parser.getRecords();
            }
            List<JsonObject> signed = report.getJsonArray(kind).getValuesAs(JsonObject.class);
            assertEquals(signed.size(), records.size(), kind);
            for (int i = 0; i < signed.size(); i++) {
                JsonObject s = signed.get(i);
                org.apache.commons.csv.CSVRecord r = records.get(i);
                assertEquals(s.getString("metric"), r.get("metric"));
                String group = s.get("group") instanceof jakarta.json.JsonString g ? g.getString() : "";
                assertEquals(group.startsWith("=") ? "'" + group : group, r.get("group"), r.toString());
                if (s.get("value") instanceof jakarta.json.JsonNumber v) {
                    assertEquals(v.doubleValue(), Double.parseDouble(r.get("value")), 0, r.toString());
                } else {
                    assertEquals("", r.get("value"), "undefined is an empty cell: " + r);
                }
                assertEquals(s.getJsonNumber("n").longValue(), Long.parseLong(r.get("n")));
            }
            assertTrue(records.stream().anyMatch(r -> r.get("group").equals("'=SUM(1+1)")), kind + ": " + records);
        }
        Api.Reply unknown = ci.get("/api/v1/audits/00000000-0000-0000-0000-000000000000/findings.csv", "text/csv");
        assertEquals(404, unknown.status(), unknown.text());
    }
}
