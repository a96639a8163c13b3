package dev.assay.it;

import dev.assay.metric.engine.SparkRemote;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server on Spark: Liberty loads the Spark Connect client from its shared library and, with
 * ASSAY_SPARK_REMOTE and ASSAY_SPARK_UPLOADS set, runs an audit's scans on the cluster (which reads the
 * dataset store: it is this machine's). COMPAS, four-fifths and LL144 with extra metrics, audited first
 * on DuckDB, then, on a server restarted with Spark, again (with LL144 rounding, so that it is another
 * audit, not the same one found again): every metric's value, interval and n, every finding and the
 * decision are the ones DuckDB gave.
 */
@ExtendWith(LibertyServer.class)
class SparkAuditIT {

    /** CompasIT's card, as another model: this test's audits are its own. */
    private static final String CARD = CompasIT.CARD.replace("model: compas", "model: compas-spark");

    static final String AUDIT = "{\"policies\":[\"eeoc-four-fifths\",\"nyc-ll144\",\"model-performance\"],"
            + "\"metrics\":[\"false_positive_rate\",\"false_negative_rate\",\"equalized_odds_difference\",\"roc_auc\","
            + "\"completeness\",\"k_anonymity\"]%s}";

    @Test
    void anUploadAuditedOnSparkHasTheValuesOfDuckDb() throws Exception {
        SparkRemote spark = SparkCluster.require();
        Path file = SharedData.require("compas/compas-scores-two-years.csv");
        Api ci = Api.withRoles("ci-gate");
        String version = "/api/v1/models/compas-spark/versions/2016";
        assertEquals(201, ci.send("PUT", version, "application/yaml", CARD.getBytes()).status());
        assertEquals(201, ci.sendFile("POST", version + "/datasets", "text/csv", file).status());
        Api.Reply onDuckDb = ci.send("POST", version + "/audits?wait=300", "application/json", AUDIT.formatted("").getBytes());
        assertEquals(201, onDuckDb.status(), onDuckDb.text());
        JsonObject duck = onDuckDb.json();
        assertEquals("DONE", duck.getString("status"));

        Map<String, String> sparkEnv = Map.of("ASSAY_SPARK_REMOTE", spark.remote(), "ASSAY_SPARK_TOKEN", spark.token().orElse(""),
                "ASSAY_SPARK_UPLOADS", "true");
        LibertyServer.restartWith(sparkEnv, () -> {
            Api auditor = Api.withRoles("ci-gate");
            Api.Reply onSpark = auditor.send("POST", version + "/audits?wait=300", "application/json",
                    AUDIT.formatted(",\"rounding\":{\"decimals\":2,\"mode\":\"half_up\"}").getBytes());
            assertEquals(201, onSpark.status(), onSpark.text());
            JsonObject s = onSpark.json();
            // A busy machine may take longer than one wait: ask again, up to 15 minutes in all.
            for (int i = 0; i < 12 && !"DONE".equals(s.getString("status")) && !"ERROR".equals(s.getString("status")); i++) {
                Thread.sleep(Duration.ofSeconds(50).toMillis());
                s = auditor.get("/api/v1/audits/" + s.getString("id")).json();
            }
            assertEquals("DONE", s.getString("status"), s.toString());
            Map<String, JsonObject> duckMetrics = byKey(duck.getJsonArray("metrics").getValuesAs(JsonObject.class));
            Map<String, JsonObject> sparkMetrics = byKey(s.getJsonArray("metrics").getValuesAs(JsonObject.class));
            assertEquals(duckMetrics.keySet(), sparkMetrics.keySet());
            assertTrue(duckMetrics.size() > 100, "metrics: " + duckMetrics.size());
            duckMetrics.forEach((k, d) -> assertSame(withoutReported(d), withoutReported(sparkMetrics.get(k)), k));
            assertEquals(duck.getJsonArray("findings").size(), s.getJsonArray("findings").size());
            for (int i = 0; i < duck.getJsonArray("findings").size(); i++) {
                assertSame(withoutReported(duck.getJsonArray("findings").getJsonObject(i)),
                        withoutReported(s.getJsonArray("findings").getJsonObject(i)), "finding " + i);
            }
            assertEquals(duck.getString("decision"), s.getString("decision"));
        });
    }

    /** The same JSON, numbers equal to 1e-12 relative (SparkParityIT's tolerance), everything else exactly. */
    static void assertSame(JsonValue duck, JsonValue spark, String where) {
        if (duck.getValueType() == JsonValue.ValueType.NUMBER && spark.getValueType() == JsonValue.ValueType.NUMBER) {
            double d = ((jakarta.json.JsonNumber) duck).doubleValue();
            double s = ((jakarta.json.JsonNumber) spark).doubleValue();
            assertTrue(d == s || Math.abs(d - s) <= 1e-12 * Math.max(Math.abs(d), Math.abs(s)), where + ": " + d + " vs " + s);
        } else if (duck.getValueType() == JsonValue.ValueType.OBJECT && spark.getValueType() == JsonValue.ValueType.OBJECT) {
            assertEquals(duck.asJsonObject().keySet(), spark.asJsonObject().keySet(), where);
            duck.asJsonObject().forEach((k, v) -> assertSame(v, spark.asJsonObject().get(k), where + "." + k));
        } else if (duck.getValueType() == JsonValue.ValueType.ARRAY && spark.getValueType() == JsonValue.ValueType.ARRAY) {
            assertEquals(duck.asJsonArray().size(), spark.asJsonArray().size(), where);
            for (int i = 0; i < duck.asJsonArray().size(); i++) {
                assertSame(duck.asJsonArray().get(i), spark.asJsonArray().get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(duck, spark, where);
        }
    }

    static Map<String, JsonObject> byKey(List<JsonObject> metrics) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        metrics.forEach(m -> out.put(m.getString("metric") + "|" + m.get("scope") + "|" + m.get("group") + "|" + m.get("at"), m));
        return out;
    }

    /** The object without what rounding adds ("reported" values beside the exact ones). */
    static JsonObject withoutReported(JsonObject o) {
        var b = jakarta.json.Json.createObjectBuilder();
        o.forEach((k, v) -> {
            if (!k.equals("reported")) {
                b.add(k, v.getValueType() == JsonValue.ValueType.OBJECT ? withoutReported(v.asJsonObject()) : v);
            }
        });
        return b.build();
    }
}
