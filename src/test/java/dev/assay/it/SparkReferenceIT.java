package dev.assay.it;

import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Sql;
import dev.assay.metric.engine.SparkEngine;
import dev.assay.metric.engine.SparkRemote;
import dev.assay.metric.scan.SparkDialect;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Datasets audited where they live (issue 18 §2), over HTTP on the real cluster. COMPAS written by DuckDB as a
 * Parquet directory of three files inside the reference root, registered by reference
 * ({@code application/vnd.assay.reference+json}), and the same rows uploaded as one Parquet file: the
 * reference's columns are the upload's, and its audit on Spark has the values, findings and decision of the
 * upload's audit on DuckDB. The same files as a catalog table register with the same pin. Then one file is
 * written again: an audit of the reference fails saying which file changed; nothing is re-read silently. Bad
 * references (a missing card column, outside the root, through a link out of it, a bad or unlisted table name,
 * both or neither name, another engine, no Spark at all) are each a problem+json 422 and leave nothing stored.
 */
@ExtendWith(LibertyServer.class)
class SparkReferenceIT {

    private static final String CARD = CompasIT.CARD.replace("model: compas", "model: compas-reference");
    private static final String VERSION = "/api/v1/models/compas-reference/versions/2016";
    private static final String REFERENCE = "application/vnd.assay.reference+json";

    @Test
    void aParquetLocationIsAuditedWhereItLivesAsItsUploadIsAndNotOnceItChanged() throws Exception {
        SparkRemote spark = SparkCluster.require();
        Path csv = SharedData.require("compas/compas-scores-two-years.csv");
        Path work = Path.of(System.getProperty("assay.it.work", "target/it")).toAbsolutePath().resolve("references");
        LibertyServer.deleteTree(work);
        Path lake = Files.createDirectories(work.resolve("lake"));
        Path compas = Files.createDirectories(lake.resolve("compas"));
        Path single = Files.createDirectories(work.resolve("outside")).resolve("compas.parquet");
        try (Connection c = DuckDb.withDefaults(work).open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE compas AS SELECT * FROM read_csv(" + Sql.literal(csv.toString()) + ")");
            s.execute("COPY compas TO " + Sql.literal(single.toString()) + " (FORMAT parquet)");
            for (int k = 0; k < 3; k++) {
                s.execute("COPY (SELECT * FROM compas WHERE id % 3 = " + k + ") TO "
                        + Sql.literal(compas.resolve("part-" + k + ".parquet").toString()) + " (FORMAT parquet)");
            }
            Files.createDirectories(lake.resolve("no-race"));
            s.execute("COPY (SELECT * EXCLUDE (race) FROM compas) TO " + Sql.literal(lake.resolve("no-race/part-0.parquet").toString())
                    + " (FORMAT parquet)");
        }
        // A directory inside the root whose one file is a link to a file outside it.
        Files.createSymbolicLink(Files.createDirectories(lake.resolve("linked")).resolve("part-0.parquet"), single);

        Api ci = Api.withRoles("ci-gate");
        assertEquals(201, ci.send("PUT", VERSION, "application/yaml", CARD.getBytes()).status());
        assertProblem(ci.send("POST", VERSION + "/datasets", REFERENCE, body("location", compas.toString())), "/engine",
                "no Spark cluster is configured");
        assertEquals(0, datasets(ci), "nothing stored");

        Map<String, String> env = Map.of("ASSAY_SPARK_REMOTE", spark.remote(), "ASSAY_SPARK_TOKEN", spark.token().orElse(""),
                "ASSAY_REFERENCE_ROOTS", lake.toString(), "ASSAY_REFERENCE_TABLES", "assay_ref");
        LibertyServer.restartWith(env, () -> {
            Api owner = Api.withRoles("ci-gate");
            badReferencesAreRefusedAndNothingIsStored(owner, lake, work);

            Api.Reply registered = owner.send("POST", VERSION + "/datasets?role=evaluation", REFERENCE,
                    body("location", compas.toString()));
            assertEquals(201, registered.status(), registered.text());
            JsonObject reference = registered.json();
            assertEquals(7214, reference.getInt("rows"));
            assertEquals("evaluation", reference.getString("role"));
            JsonObject pin = reference.getJsonObject("reference").getJsonObject("pin");
            assertEquals(compas.toString(), reference.getJsonObject("reference").getString("location"));
            assertEquals("spark", reference.getJsonObject("reference").getString("engine"));
            assertEquals(3, pin.getJsonArray("files").size(), pin.toString());
            assertEquals(7214, pin.getInt("rows"));
            assertTrue(pin.getString("footersSha256").matches("[0-9a-f]{64}"));
            long bytes = 0;
            for (int k = 0; k < 3; k++) {
                JsonObject f = pin.getJsonArray("files").getJsonObject(k);
                Path file = compas.resolve("part-" + k + ".parquet");
                assertEquals(file.toUri().toString(), f.getString("path"));
                assertEquals(Files.size(file), f.getJsonNumber("size").longValue());
                assertEquals(Files.getLastModifiedTime(file).toMillis(), f.getJsonNumber("modified").longValue());
                bytes += Files.size(file);
            }
            assertEquals(bytes, reference.getJsonNumber("bytes").longValue());
            assertEquals(reference, owner.get("/api/v1/datasets/" + reference.getString("id")).json());

            Api.Reply uploaded = owner.sendFile("POST", VERSION + "/datasets", "application/vnd.apache.parquet", single);
            assertEquals(201, uploaded.status(), uploaded.text());
            JsonObject upload = uploaded.json();
            assertFalse(upload.containsKey("reference"));
            assertEquals(columns(upload), columns(reference), "the reference's columns, types and missing values are the upload's");

            JsonObject onDuckDb = audit(owner, upload.getString("id"), "");
            JsonObject onSpark = audit(owner, reference.getString("id"), "");
            assertEquals("DONE", onSpark.getString("status"), onSpark.toString());
            Map<String, JsonObject> duck = SparkAuditIT.byKey(onDuckDb.getJsonArray("metrics").getValuesAs(JsonObject.class));
            Map<String, JsonObject> cluster = SparkAuditIT.byKey(onSpark.getJsonArray("metrics").getValuesAs(JsonObject.class));
            assertEquals(duck.keySet(), cluster.keySet());
            assertTrue(duck.size() > 100, "metrics: " + duck.size());
            duck.forEach((k, d) -> SparkAuditIT.assertSame(d, cluster.get(k), k));
            SparkAuditIT.assertSame(onDuckDb.getJsonArray("findings"), onSpark.getJsonArray("findings"), "findings");
            assertEquals(onDuckDb.getString("decision"), onSpark.getString("decision"));
            JsonObject reported = owner.get("/api/v1/audits/" + onSpark.getString("id") + "/report", "application/json").json().getJsonObject("dataset");
            assertEquals(reference.getString("sha256"), reported.getString("sha256"));
            assertEquals(compas.toString(), reported.getJsonObject("reference").getString("location"));
            assertEquals(3, reported.getJsonObject("reference").getJsonObject("pin").getInt("files"));

            // The same files as a table of the cluster's catalog: the same pin.
            try (SparkEngine session = SparkEngine.connect(spark)) {
                // Its own location: not the Connect server's working directory (spark-warehouse).
                session.session().sql("CREATE DATABASE IF NOT EXISTS assay_ref LOCATION "
                        + SparkDialect.INSTANCE.literal(work.resolve("warehouse/assay_ref.db").toString())).collectAsList();
                session.session().sql("CREATE TABLE IF NOT EXISTS assay_ref.compas USING parquet LOCATION "
                        + SparkDialect.INSTANCE.literal(compas.toString())).collectAsList();
            }
            Api.Reply table = owner.send("POST", VERSION + "/datasets?role=baseline", REFERENCE, body("table", "assay_ref.compas"));
            assertEquals(201, table.status(), table.text());
            assertEquals("assay_ref.compas", table.json().getJsonObject("reference").getString("table"));
            assertEquals("TABLE", table.json().getString("format"));
            assertEquals(pin.getJsonArray("files"), table.json().getJsonObject("reference").getJsonObject("pin").getJsonArray("files"));
            assertEquals(columns(reference), columns(table.json()));

            // One file written again, one row fewer: the reference is no longer what was pinned.
            try (Connection c = DuckDb.withDefaults(work).open(); Statement s = c.createStatement()) {
                s.execute("COPY (SELECT * FROM read_parquet(" + Sql.literal(single.toString()) + ") WHERE id % 3 = 1 ORDER BY id OFFSET 1) TO "
                        + Sql.literal(compas.resolve("part-1.parquet").toString()) + " (FORMAT parquet)");
            }
            JsonObject refused = audit(owner, reference.getString("id"), ",\"rounding\":{\"decimals\":2,\"mode\":\"half_up\"}");
            assertEquals("ERROR", refused.getString("status"), refused.toString()); // API.md: a run that could not report is ERROR
            String error = refused.getString("error");
            assertTrue(error.contains("changed since it was pinned"), error);
            assertTrue(error.contains("file " + compas.resolve("part-1.parquet").toUri() + " changed"), error);
            assertFalse(refused.containsKey("report"), "no report on changed content");
            assertEquals(reference, owner.get("/api/v1/datasets/" + reference.getString("id")).json(), "the pin as registered");
        });
    }

    /** Each a problem+json 422 naming the field; the version holds no dataset after all of them. */
    private static void badReferencesAreRefusedAndNothingIsStored(Api owner, Path lake, Path work) throws Exception {
        int before = datasets(owner);
        assertProblem(owner.send("POST", VERSION + "/datasets", REFERENCE, body("location", lake.resolve("no-race").toString())),
                "/columns", "column 'race' named by the model card is not in the reference");
        assertProblem(owner.send("POST", VERSION + "/datasets", REFERENCE, body("location", work.resolve("outside").toString())),
                "/location", "is not inside a root");
        assertProblem(owner.send("POST", VERSION + "/datasets", REFERENCE, body("location", lake + "/../outside")),
                "/location", "'..'");
        assertProblem(owner.send("POST", VERSION + "/datasets", REFERENCE, body("location", lake.resolve("linked").toString())),
                "/location", "outside the roots");
        assertProblem(owner.send("POST", VERSION + "/datasets", REFERENCE, body("location", lake.resolve("nothing-here").toString())),
                "/location", "cannot be read as Parquet");
        assertProblem(owner.send("POST", VERSION + "/datasets", REFERENCE, body("table", "assay_ref.compas; DROP TABLE x")),
                "/table", "is not a table name");
        assertProblem(owner.send("POST", VERSION + "/datasets", REFERENCE, body("table", "default.compas")),
                "/table", "not in a namespace Assay may read");
        assertProblem(owner.send("POST", VERSION + "/datasets", REFERENCE, ("{\"location\":\"" + lake + "\",\"table\":\"assay_ref.t\"}").getBytes()),
                "", "exactly one of");
        assertProblem(owner.send("POST", VERSION + "/datasets", REFERENCE, ("{\"location\":\"" + lake + "\",\"engine\":\"duckdb\"}").getBytes()),
                "/engine", "");
        assertProblem(owner.send("POST", VERSION + "/datasets", REFERENCE, ("{\"lcoation\":\"" + lake + "\"}").getBytes()),
                "/lcoation", "");
        assertEquals(before, datasets(owner), "nothing stored");
    }

    private static byte[] body(String key, String value) {
        return Json.createObjectBuilder().add(key, value).build().toString().getBytes();
    }

    private static void assertProblem(Api.Reply reply, String pointer, String says) {
        assertEquals(422, reply.status(), reply.text());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        List<JsonObject> errors = reply.json().getJsonArray("errors").getValuesAs(JsonObject.class);
        assertTrue(errors.stream().anyMatch(e -> e.getString("pointer", "").equals(pointer) && e.getString("message").contains(says)),
                reply.text());
    }

    private static int datasets(Api api) throws Exception {
        return api.get(VERSION).json().getJsonArray("datasets").size();
    }

    /** Each column's name, type and missing values. */
    private static List<String> columns(JsonObject dataset) {
        return dataset.getJsonArray("columns").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name") + " " + c.getString("type") + " " + c.get("nulls")).toList();
    }

    /** SparkAuditIT's audit of one dataset, waited for (up to 15 minutes on a busy machine). */
    private static JsonObject audit(Api api, String dataset, String more) throws Exception {
        Api.Reply started = api.send("POST", VERSION + "/audits?wait=300", "application/json",
                SparkAuditIT.AUDIT.formatted(",\"dataset\":\"" + dataset + "\"" + more).getBytes());
        assertTrue(started.status() == 201 || started.status() == 202, started.text());
        JsonObject a = started.json();
        for (int i = 0; i < 12 && !"DONE".equals(a.getString("status")) && !"ERROR".equals(a.getString("status")); i++) {
            Thread.sleep(Duration.ofSeconds(50).toMillis());
            a = api.get("/api/v1/audits/" + a.getString("id")).json();
        }
        return a;
    }
}
