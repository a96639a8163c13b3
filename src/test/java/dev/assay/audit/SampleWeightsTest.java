package dev.assay.audit;

import dev.assay.metric.MetricDefinition;
import dev.assay.metric.fairness.FairnessFamily;
import dev.assay.metric.engine.MetricCatalogue;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.policy.Policy;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.PolicyParser;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import dev.assay.stats.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frequency weights mean exactly what they say: a row of weight w counts as w identical rows. So an
 * audit of a weighted table and an audit of the same table with every row repeated w times (and
 * rows of weight 0 dropped) must agree on every value, interval, test, p-value and count of every
 * metric computed from the model's outcomes: the whole catalogue of counts, scores, ranks and
 * regression sums, not a sample of it.
 */
class SampleWeightsTest {

    @TempDir
    Path dir;

    private static final String CARD = """
            model: m
            version: "1"
            owner: o@example.com
            task: binary-classification
            positiveLabel: 1
            favorableOutcome: 1
            columns:
              label: y
              prediction: p
              score: s
              protected: [sex, race]
            %s
            """;

    @Test
    void aWeightedTableAuditsExactlyAsItsExpansion() throws Exception {
        Random random = new Random(20261127);
        StringBuilder weighted = new StringBuilder("sex,race,y,p,s,w\n");
        StringBuilder expanded = new StringBuilder("sex,race,y,p,s\n");
        int[] weights = {0, 1, 1, 1, 2, 3, 7};
        long total = 0;
        for (int i = 0; i < 600; i++) {
            String sex = random.nextInt(3) == 0 ? "F" : "M";
            String race = new String[] {"A", "B", "C", "D"}[random.nextInt(4)];
            int y = random.nextDouble() < (race.equals("D") ? 0.3 : 0.5) ? 1 : 0;
            // Scores on a 0.05 grid: ties, within and across groups, as real scores have them.
            double s = Math.round(Math.min(1, Math.max(0, (y == 1 ? 0.62 : 0.4) + random.nextGaussian() * 0.2)) * 20) / 20.0;
            int p = s >= (sex.equals("F") ? 0.55 : 0.5) ? 1 : 0;
            int w = weights[random.nextInt(weights.length)];
            String row = sex + "," + race + "," + y + "," + p + "," + s;
            weighted.append(row).append(',').append(w).append('\n');
            for (int k = 0; k < w; k++) {
                expanded.append(row).append('\n');
            }
            total += w;
        }
        List<String> metrics = MetricCatalogue.ids().stream().filter(id -> {
            MetricDefinition d = MetricCatalogue.find(id).orElseThrow();
            return d.kind() != MetricDefinition.Kind.COLUMN && Set.of(MetricDefinition.Source.COUNTS, MetricDefinition.Source.SCORES,
                    MetricDefinition.Source.RANKS, MetricDefinition.Source.REGRESSION, FairnessFamily.RANKING_SOURCE).contains(d.source());
        }).sorted().toList();
        assertTrue(metrics.size() > 60, "the catalogue's outcome metrics: " + metrics);

        Map<String, MetricValue> fromWeights = audit(weighted.toString(), "  weight: w", metrics);
        Map<String, MetricValue> fromRows = audit(expanded.toString(), "", metrics);
        assertEquals(fromRows.keySet(), fromWeights.keySet());
        MetricValue count = fromWeights.values().stream().filter(v -> v.metric().equals("count") && v.group() == null)
                .findFirst().orElseThrow(() -> new AssertionError(fromWeights.keySet()));
        assertEquals(total, count.value(), 0, "count is the weighted count");
        int defined = 0;
        for (Map.Entry<String, MetricValue> e : fromRows.entrySet()) {
            MetricValue a = e.getValue();
            MetricValue b = fromWeights.get(e.getKey());
            String where = e.getKey();
            assertEquals(a.n(), b.n(), where + " n");
            assertEquals(a.undefined(), b.undefined(), where + " undefined");
            assertEquals(a.reference(), b.reference(), where + " reference");
            assertEquals(a.note(), b.note(), where + " note");
            close(a.value(), b.value(), where + " value");
            if (a.value() != null) {
                defined++;
            }
            assertEquals(a.ci() == null, b.ci() == null, where + " ci");
            if (a.ci() != null) {
                interval(a.ci(), b.ci(), where);
            }
            assertEquals(a.test() == null, b.test() == null, where + " test");
            if (a.test() != null) {
                assertEquals(a.test().test(), b.test().test(), where + " test");
                close(a.test().statistic(), b.test().statistic(), where + " statistic");
                close(a.test().pValue(), b.test().pValue(), where + " p");
            }
            close(a.adjustedP(), b.adjustedP(), where + " adjusted p");
        }
        assertTrue(defined > 300, defined + " defined values compared");
    }

    private static void close(Double expected, Double actual, String where) {
        assertEquals(expected == null, actual == null, where);
        if (expected != null) {
            assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), where);
        }
    }

    private static void interval(Interval expected, Interval actual, String where) {
        close(expected.lower(), actual.lower(), where + " ci lower");
        close(expected.upper(), actual.upper(), where + " ci upper");
    }

    private Map<String, MetricValue> audit(String csv, String weightLine, List<String> metrics) throws Exception {
        IngestedCsv data = IngestedCsv.of(dir, csv);
        ModelCard card = ModelCardParser.parseYaml(CARD.formatted(weightLine), "m", "1");
        Policy policy = PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths"));
        AuditEngine.Evaluation outcome = new AuditEngine(data.duckDb(), MetricParameters.DEFAULTS)
                .run(card, data.types(), data.parquet(), null, Map.of(), List.of(policy), metrics);
        Map<String, MetricValue> byKey = new LinkedHashMap<>();
        for (MetricValue v : outcome.metrics()) {
            byKey.put(v.metric() + "|" + v.scope() + "|" + v.group() + "|" + v.at(), v);
        }
        Set<String> seen = new java.util.HashSet<>();
        outcome.metrics().forEach(v -> seen.add(v.metric()));
        assertTrue(seen.containsAll(metrics), "every metric computed: missing " + metrics.stream().filter(m -> !seen.contains(m)).toList());
        return byKey;
    }
}
