package dev.assay.metric.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkRemoteTest {

    private static Optional<SparkRemote> from(Map<String, String> env) {
        return SparkRemote.fromEnvironment(name -> Optional.ofNullable(env.get(name)));
    }

    @Test
    void withoutARemoteThereIsNoSpark() {
        assertTrue(from(Map.of()).isEmpty());
        assertTrue(from(Map.of("ASSAY_SPARK_REMOTE", "  ", "ASSAY_SPARK_TOKEN", "t")).isEmpty());
    }

    @Test
    void theUrlCarriesTlsAndTheTokenButToStringHidesTheToken() {
        SparkRemote r = from(Map.of("ASSAY_SPARK_REMOTE", "sc://spark.example.com:443", "ASSAY_SPARK_TOKEN", "s3cret",
                "ASSAY_SPARK_TLS", "true")).orElseThrow();
        assertEquals("sc://spark.example.com:443/;use_ssl=true;token=s3cret", r.url());
        assertEquals("spark.example.com", r.host());
        assertEquals(443, r.port());
        assertFalse(r.toString().contains("s3cret"), r.toString());
    }

    @Test
    void theDefaultPortAndALocalTokenInTheClear() {
        SparkRemote r = new SparkRemote("sc://localhost", Optional.of("t"), false);
        assertEquals(15002, r.port());
        assertEquals("sc://localhost/;token=t", r.url());
        assertEquals("sc://localhost:15002/", new SparkRemote("sc://localhost:15002/", Optional.empty(), false).url());
    }

    @Test
    void refusedSettings() {
        assertThrows(IllegalArgumentException.class, () -> new SparkRemote("http://spark:15002", Optional.empty(), false));
        assertThrows(IllegalArgumentException.class, () -> new SparkRemote("sc://spark:15002/;token=x", Optional.empty(), false),
                "the token is its own setting, never in the URL (which is logged)");
        IllegalArgumentException clear = assertThrows(IllegalArgumentException.class,
                () -> new SparkRemote("sc://spark.example.com:15002", Optional.of("t"), false));
        assertTrue(clear.getMessage().contains("TLS"), clear.getMessage());
    }
}
