package dev.assay.audit;

import dev.assay.infrastructure.CanonicalJson;
import dev.assay.metric.MetricParameters;
import dev.assay.report.Rounding;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pinned inputs are a run's identity (their hash finds the same audit again), so their canonical
 * JSON must be what runs stored before the type existed; and they read back to what was written.
 */
class PinnedInputsTest {

    private static final String CARD = "c".repeat(64);
    private static final String DATA = "d".repeat(64);
    private static final String BASE = "b".repeat(64);
    private static final List<String> PACKS = List.of("1".repeat(64), "2".repeat(64));

    /** The request JSON exactly as AuditService built it inline before PinnedInputs. */
    private static JsonObject asBefore(String baseline, List<String> metrics, MetricParameters parameters, Rounding rounding,
                                       PinnedInputs.Approved approved) {
        var b = Json.createObjectBuilder()
                .add("modelVersion", "v-1")
                .add("modelCard", CARD)
                .add("dataset", DATA)
                .add("baseline", baseline == null ? "" : baseline)
                .add("policies", Json.createArrayBuilder(PACKS))
                .add("metrics", Json.createArrayBuilder(metrics.stream().sorted().distinct().toList()))
                .add("parameters", AuditParameters.toJson(parameters));
        if (rounding != null) {
            b.add("rounding", rounding.toJson());
        }
        if (approved != null) {
            b.add("approved", Json.createObjectBuilder().add("version", approved.version()).add("audit", approved.audit()));
        }
        return b.build();
    }

    @Test
    void theCanonicalJsonAndHashAreThoseRunsAlwaysHad() {
        MetricParameters drift = new MetricParameters(0.9, 50, MetricParameters.DEFAULTS.reference(), false, 2.0, true, 0.02,
                false, MetricParameters.DEFAULTS.expectation(), Map.of("age", "psi"), List.of(), List.of("US", "GB"));
        Rounding rounding = new Rounding(2, RoundingMode.HALF_UP);
        PinnedInputs.Approved approved = new PinnedInputs.Approved("1.0.0", "a-1");
        List<String> metrics = List.of("selection_rate", "f1", "selection_rate");
        for (String baseline : new String[] {null, BASE}) {
            for (MetricParameters parameters : List.of(MetricParameters.DEFAULTS, drift)) {
                for (Rounding r : new Rounding[] {null, rounding}) {
                    for (PinnedInputs.Approved a : new PinnedInputs.Approved[] {null, approved}) {
                        JsonObject before = asBefore(baseline, metrics, parameters, r, a);
                        PinnedInputs pinned = new PinnedInputs("v-1", CARD, DATA, baseline, PACKS, metrics, parameters, r, a);
                        assertEquals(CanonicalJson.string(before), pinned.canonical());
                        assertEquals(CanonicalJson.sha256(before), pinned.sha256());
                        PinnedInputs read = PinnedInputs.parse(pinned.canonical());
                        assertEquals(pinned, read);
                        assertEquals(pinned.canonical(), read.canonical());
                    }
                }
            }
        }
    }

    @Test
    void anEmptyBaselineIsNone() {
        PinnedInputs read = PinnedInputs.parse(new PinnedInputs("v-1", CARD, DATA, null, PACKS, List.of(),
                MetricParameters.DEFAULTS, null, null).canonical());
        assertEquals(null, read.baseline());
        assertEquals(BASE, PinnedInputs.parse(new PinnedInputs("v-1", CARD, DATA, BASE, PACKS, List.of(),
                MetricParameters.DEFAULTS, null, null).canonical()).baseline());
    }
}
