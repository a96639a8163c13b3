package dev.assay.audit;

import dev.assay.dataset.CsvStructureCheck;
import dev.assay.dataset.Dataset;
import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.DatasetRepository;
import dev.assay.dataset.DatasetService;
import dev.assay.dataset.DatasetStore;
import dev.assay.dataset.ParquetIngest;
import dev.assay.infrastructure.Analytics;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.MetricParameters;
import dev.assay.policy.Decision;
import dev.assay.policy.Finding;
import dev.assay.policy.Policy;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.PolicyParser;
import dev.assay.policy.PolicyRepository;
import dev.assay.policy.StoredPolicy;
import dev.assay.registry.ModelCardParser;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.registry.ModelVersionRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backtest re-evaluates what the audit pinned, its baseline included: a pack with drift rules,
 * backtested over an audit that had a baseline, gets drift values, not "needs a baseline". The service
 * runs without a server: its repositories are in memory, its datasets real Parquet files in a store.
 */
class BacktestTest {

    @TempDir
    Path dir;

    private static final String CARD = """
            model: m
            version: "1"
            owner: o@example.com
            task: binary-classification
            positiveLabel: "yes"
            favorableOutcome: "yes"
            columns:
              prediction: decision
              protected: [sex]
              features: [income]
            """;

    private static final String DRIFT_PACK = """
            id: drift-watch
            version: 1.0.0
            title: Drift watch
            rules:
              - id: income-stable
                description: The income column does not shift from the baseline (PSI under 0.25).
                metric: population_stability_index
                scope: income
                threshold: {comparator: "<", value: 0.25}
                severity: block
                undefined: pass
                cites:
                  - regulation: Regulation (EU) 2024/1689 (AI Act)
                    article: Art. 15(4)
            """;

    private final Map<String, AuditRun> runs = new LinkedHashMap<>();
    private final Map<String, AuditResult> results = new LinkedHashMap<>();
    private final Map<String, Dataset> datasets = new LinkedHashMap<>();
    private AuditService service;
    private DatasetStore store;
    private DuckDb duckDb;
    private ModelVersion version;
    private StoredPolicy fourFifths;

    /** Package-private and private injection points are set as the container would; no container is needed. */
    private static void inject(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    @BeforeEach
    void service() throws Exception {
        store = new DatasetStore(dir);
        store.init();
        duckDb = DuckDb.withDefaults(dir);
        String cardJson = CanonicalJson.string(ModelCardParser.parseYaml(CARD, "m", "1").document());
        version = new ModelVersion("v-1", "m", "1", cardJson, CanonicalJson.sha256(ModelCardParser.parseYaml(CARD, "m", "1")
                .document()), "owner", Instant.parse("2026-11-01T00:00:00Z"));
        fourFifths = new StoredPolicy(PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths")), true, "assay-system",
                Instant.parse("2026-11-01T00:00:00Z"));

        service = new AuditService();
        service.audits = new InMemoryAudits();
        ModelRegistry registry = new ModelRegistry();
        inject(registry, "versions", new OneVersion());
        service.registry = registry;
        DatasetService datasetService = new DatasetService();
        inject(datasetService, "datasets", new InMemoryDatasets());
        inject(datasetService, "store", store);
        service.datasets = datasetService;
        PolicyCatalog catalog = new PolicyCatalog();
        inject(catalog, "policies", new OnePolicy());
        service.policies = catalog;
        Analytics analytics = new Analytics();
        inject(analytics, "duckDb", duckDb);
        AuditEngines engines = new AuditEngines();
        engines.config = new dev.assay.infrastructure.AssayConfig();
        engines.analytics = analytics;
        service.engines = engines;
    }

    /** A CSV ingested as the server does and published into the store under its id's hash. */
    private Dataset dataset(String id, Dataset.Role role, String csv) throws Exception {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve(id + ".csv"), bytes);
        CsvStructureCheck check = new CsvStructureCheck();
        check.update(bytes, 0, bytes.length);
        check.finish();
        ParquetIngest ingest = new ParquetIngest(duckDb);
        Path parquet = dir.resolve(id + ".parquet");
        ingest.writeParquet(new ParquetIngest.Source(file, DatasetFormat.CSV, check.delimiter()), parquet);
        ParquetIngest.Profile profile = ingest.profile(parquet);
        String sha = dev.assay.infrastructure.Hashing.sha256Hex(id);
        store.publish(parquet, sha);
        Dataset d = new Dataset(id, version.id(), role, sha, DatasetFormat.CSV, bytes.length, profile.rows(), profile.columns(),
                "owner", Instant.parse("2026-11-02T00:00:00Z"));
        datasets.put(id, d);
        return d;
    }

    /** 200 rows; both sexes selected at the same rate; incomes from {@code from} up. */
    private static String rows(int from) {
        StringBuilder csv = new StringBuilder("sex,income,decision\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i % 2 == 0 ? "F" : "M").append(',').append(from + i * 10).append(',')
                    .append(i % 4 < 2 ? "yes" : "no").append('\n');
        }
        return csv.toString();
    }

    /** A finished audit of the four-fifths pack, pinned as {@link AuditService#start} pins it. */
    private AuditRun finishedAudit(String id, Dataset evaluation, Dataset baseline) {
        PinnedInputs pinned = new PinnedInputs(version.id(), version.cardSha256(), evaluation.sha256(),
                baseline == null ? null : baseline.sha256(), List.of(fourFifths.sha256()), List.of(),
                MetricParameters.DEFAULTS, null, null);
        AuditRun run = new AuditRun(id, version.id(), evaluation.id(), baseline == null ? null : baseline.id(),
                pinned.canonical(), pinned.sha256(), "ci", Instant.parse("2026-11-03T00:00:00Z"));
        run.finished(Instant.parse("2026-11-03T00:01:00Z"));
        runs.put(id, run);
        results.put(id, new AuditResult(id, new Decision(Decision.Verdict.PASS, List.of()), "{}", "0".repeat(64), "jws", "k",
                null, Instant.parse("2026-11-03T00:01:00Z"), null));
        return run;
    }

    private static Finding incomeFinding(AuditEngine.Evaluation outcome) {
        return outcome.findings().stream().filter(f -> f.rule().equals("income-stable")).findFirst().orElseThrow();
    }

    @Test
    void aDriftPackBacktestedOverAnAuditWithABaselineGetsValues() throws Exception {
        Dataset evaluation = dataset("eval", Dataset.Role.EVALUATION, rows(10_000));
        Dataset baseline = dataset("base", Dataset.Role.BASELINE, rows(0));
        AuditRun run = finishedAudit("a-1", evaluation, baseline);
        Policy candidate = PolicyParser.parse(DRIFT_PACK);

        Finding income = incomeFinding(service.backtest(run, candidate));
        assertNotNull(income.value(), "a PSI value, from the audit's pinned baseline");
        assertNull(income.reason(), income.reason());
        assertTrue(income.value() > 0.25, "every evaluation income lies above every baseline income: " + income.value());

        List<AuditService.BacktestLine> lines = service.backtest(candidate);
        assertEquals(1, lines.size());
        assertEquals("PASS", lines.get(0).before());
        assertEquals("FAIL", lines.get(0).after(), "the drift rule blocks on the shifted income");
    }

    @Test
    void withoutABaselineTheDriftRuleHasNothingToCompare() throws Exception {
        Dataset evaluation = dataset("eval", Dataset.Role.EVALUATION, rows(10_000));
        AuditRun run = finishedAudit("a-1", evaluation, null);

        Finding income = incomeFinding(service.backtest(run, PolicyParser.parse(DRIFT_PACK)));
        assertNull(income.value());
        assertTrue(income.reason().contains("needs a baseline"), income.reason());
        assertEquals("PASS", service.backtest(PolicyParser.parse(DRIFT_PACK)).get(0).after(), "undefined: pass");
    }

    private final class InMemoryAudits implements AuditRepository {

        @Override
        public Optional<AuditRun> find(String id) {
            return Optional.ofNullable(runs.get(id));
        }

        @Override
        public Optional<AuditResult> result(String auditId) {
            return Optional.ofNullable(results.get(auditId));
        }

        @Override
        public Optional<Decision.Verdict> verdict(String auditId) {
            return result(auditId).map(AuditResult::verdict);
        }

        @Override
        public void add(AuditRun run) {
            runs.put(run.id(), run);
        }

        @Override
        public void addResult(AuditResult result) {
            results.put(result.auditId(), result);
        }

        @Override
        public List<AuditRun> ofVersion(String modelVersionId) {
            return runs.values().stream().filter(r -> r.modelVersionId().equals(modelVersionId)).toList();
        }

        @Override
        public Optional<AuditRun> latestDone(String modelVersionId) {
            return ofVersion(modelVersionId).stream().filter(r -> r.status() == AuditRun.Status.DONE).reduce((a, b) -> b);
        }

        @Override
        public List<Expiring> expiringBetween(java.time.Instant from, java.time.Instant to) {
            return results.values().stream().filter(r -> r.expiresAt() != null && r.expiresAt().isAfter(from)
                    && !r.expiresAt().isAfter(to)).map(r -> new Expiring(r.auditId(), runs.get(r.auditId()).modelVersionId(),
                    r.expiresAt())).toList();
        }

        @Override
        public Optional<AuditRun> byInputs(String inputsSha256) {
            return runs.values().stream().filter(r -> r.inputsSha256().equals(inputsSha256)).findFirst();
        }

        @Override
        public Optional<byte[]> pdf(String auditId) {
            return Optional.empty();
        }

        @Override
        public void addPdf(ReportPdf pdf) {
            throw new UnsupportedOperationException("a backtest stores nothing");
        }

        @Override
        public List<String> withoutPdf() {
            return List.of();
        }
    }

    private final class OneVersion implements ModelVersionRepository {

        @Override
        public List<ModelVersion> byArtifact(String digest) {
            return List.of();
        }


        @Override
        public Optional<ModelVersion> find(String model, String v) {
            return Optional.of(version).filter(x -> x.modelName().equals(model) && x.version().equals(v));
        }

        @Override
        public Optional<ModelVersion> findById(String id) {
            return Optional.of(version).filter(x -> x.id().equals(id));
        }

        @Override
        public void add(ModelVersion v) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ModelVersion> all() {
            return List.of(version);
        }

        @Override
        public List<ModelVersion> ofModel(String model) {
            return List.of(version);
        }
    }

    private final class InMemoryDatasets implements DatasetRepository {

        @Override
        public Optional<Dataset> find(String id) {
            return Optional.ofNullable(datasets.get(id));
        }

        @Override
        public void add(Dataset dataset) {
            datasets.put(dataset.id(), dataset);
        }

        @Override
        public List<Dataset> ofVersion(String modelVersionId) {
            return new ArrayList<>(datasets.values());
        }

        @Override
        public java.util.Set<String> allSha256() {
            return datasets.values().stream().map(Dataset::sha256).collect(java.util.stream.Collectors.toSet());
        }
    }

    private final class OnePolicy implements PolicyRepository {

        @Override
        public Optional<StoredPolicy> bySha(String sha256) {
            return Optional.of(fourFifths).filter(p -> p.sha256().equals(sha256));
        }

        @Override
        public Optional<StoredPolicy> latest(String policyId) {
            return Optional.of(fourFifths).filter(p -> p.policyId().equals(policyId));
        }

        @Override
        public List<StoredPolicy> latestOfEach() {
            return List.of(fourFifths);
        }

        @Override
        public void add(StoredPolicy policy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredPolicy> versions(String policyId) {
            return List.of(fourFifths);
        }
    }
}
