package dev.assay.bench;

import dev.assay.audit.AuditEndings;
import dev.assay.audit.AuditEngine;
import dev.assay.audit.AuditReport;
import dev.assay.audit.AuditRun;
import dev.assay.audit.PinnedInputs;
import dev.assay.dataset.ColumnProfile;
import dev.assay.dataset.Dataset;
import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.ParquetIngest;
import dev.assay.demo.DemoSeeder;
import dev.assay.demo.LoanApplications;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.DuckDb;
import dev.assay.ledger.LedgerChain;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.metric.counts.AggregationPlan;
import dev.assay.metric.scan.Table;
import dev.assay.policy.Policy;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.PolicyParser;
import dev.assay.policy.StoredPolicy;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import dev.assay.registry.ModelVersion;
import dev.assay.report.ReportDocument;
import dev.assay.report.ReportService;
import jakarta.json.Json;
import org.flywaydb.core.Flyway;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The whole audit path without HTTP ({@code -Dbench.only=audit}): what {@code AuditService.execute} runs
 * once a request is accepted, stage by stage, with everything real but the container: the engine,
 * the report document, canonical JSON, JWS, DSSE, the PDF and its PAdES signature, and the database
 * work as plain JDBC on an embedded H2 file database like the server's default (Flyway's schema; the
 * statements Hibernate issues for each transaction: the run's creation with its ledger entry, its
 * start, the reads of its pinned inputs, and the result with the run's end and the ledger entry). The
 * 200-row and the 10M-row four-fifths audits, medians after warm-up, and the bare DuckDB GROUP BY the
 * audit needs on the same Parquet.
 */
final class AuditBench {

    private AuditBench() {
    }

    /** The stages of one audit, in ms. */
    private static final String[] STAGES = {"accept (create run + ledger)", "mark running", "resolve (reads, card, policy)",
            "engine (plan + scans + values)", "report document", "canonical JSON + JWS", "DSSE attestation",
            "complete (result, run, ledger)", "handoff + waiting", "PDF after the answer (render, PAdES, insert)"};

    /** The stage the answer waits for last; the PDF is rendered after it, not counted in the whole audit. */
    private static final int WAITING = STAGES.length - 2;

    static void run(long rows, Path dir, DuckDb duckDb) throws Exception {
        // The report service as the server wires it, its keystore in the bench's directory (keys/signing.p12).
        AssayConfig config = new AssayConfig();
        inject(config, "dataDir", dir.toString());
        ReportService reports = new ReportService();
        inject(reports, "config", config);
        reports.init();

        Path db = dir.resolve("audit-db");
        deleteTree(db);
        String url = "jdbc:h2:file:" + db.toAbsolutePath().resolve("assay") + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0";
        Flyway.configure(AuditBench.class.getClassLoader()).dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();

        Fixture small = fixture(dir, duckDb, 200);
        Fixture large = rows == 200 ? small : fixture(dir, duckDb, rows);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            small.store(c);
            if (large != small) {
                large.store(c);
            }
            double[] smallMs = measure(c, small, duckDb, reports, 30, Integer.getInteger("bench.audit.runs", 21));
            double[] largeMs = measure(c, large, duckDb, reports, 2, 5);
            double[] bare = bare(duckDb, large);
            System.out.println();
            System.out.println("Assay bench (the audit path without HTTP: four-fifths rule, sex and race; medians)");
            System.out.printf(Locale.ROOT, "%-34s %10s %10s%n", "stage (ms)", "200 rows", String.format(Locale.ROOT, "%,d", rows));
            for (int i = 0; i < STAGES.length; i++) {
                System.out.printf(Locale.ROOT, "  %-32s %10.1f %10.1f%n", STAGES[i], smallMs[i], largeMs[i]);
            }
            double smallFixed = smallMs[STAGES.length] - smallMs[3];
            System.out.printf(Locale.ROOT, "  %-32s %10.1f %10.1f%n", "whole audit, accepted to answered", smallMs[STAGES.length],
                    largeMs[STAGES.length]);
            System.out.printf(Locale.ROOT, "fixed cost of the 200-row audit   %.1f ms without the engine, %.1f ms with it (target <= 150 ms)%n",
                    smallFixed, smallMs[STAGES.length]);
            System.out.printf(Locale.ROOT, "bare DuckDB on %,d rows   %.1f ms: rows and favorable per sex x race, on a new connection"
                    + " (%.1f ms as the next query of one; opening a connection: %.1f ms)%n", rows, bare[4], bare[0], bare[2]);
            System.out.printf(Locale.ROOT, "  the audit's scan alone          %.1f ms; with the label's counts (as before): %.1f ms%n", bare[3],
                    bare[1]);
            System.out.printf(Locale.ROOT, "10M audit / bare scans            engine %.2fx, whole audit %.2fx (target <= 1.5x)%n",
                    largeMs[3] / bare[4], largeMs[STAGES.length] / bare[4]);
        }
    }

    /** A version, a dataset and the built-in four-fifths pack, as the server stores them. */
    private record Fixture(ModelVersion version, Dataset dataset, StoredPolicy policy, Path parquet, long rows) {

        void store(Connection c) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO model_version (id, model_name, version, card_json, card_sha256,"
                    + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, version.id());
                s.setString(2, version.modelName());
                s.setString(3, version.version());
                s.setString(4, CanonicalJson.string(version.card().document()));
                s.setString(5, version.cardSha256());
                s.setString(6, "bench");
                s.setTimestamp(7, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO dataset (id, model_version_id, role, sha256, format, size_bytes,"
                    + " row_count, columns_json, created_by, created_at) VALUES (?, ?, 'evaluation', ?, 'PARQUET', ?, ?, ?, 'bench', ?)")) {
                s.setString(1, dataset.id());
                s.setString(2, version.id());
                s.setString(3, dataset.sha256());
                s.setLong(4, dataset.sizeBytes());
                s.setLong(5, dataset.rowCount());
                var columns = Json.createArrayBuilder();
                dataset.columns().forEach(col -> columns.add(col.toJson()));
                s.setString(6, columns.build().toString());
                s.setTimestamp(7, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("MERGE INTO policy_version (sha256, policy_id, version, title, yaml, built_in,"
                    + " created_by, created_at) KEY (sha256) VALUES (?, ?, ?, ?, ?, TRUE, 'assay-system', ?)")) {
                s.setString(1, policy.sha256());
                s.setString(2, policy.policyId());
                s.setString(3, policy.version());
                s.setString(4, policy.title());
                s.setString(5, policy.yaml());
                s.setTimestamp(6, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
        }
    }

    private static Fixture fixture(Path dir, DuckDb duckDb, long rows) throws Exception {
        Path parquet = dir.resolve("loans-" + rows + ".parquet");
        if (!Files.exists(parquet)) {
            Path csv = dir.resolve("loans-" + rows + ".csv");
            boolean made = !Files.exists(csv);
            if (made) {
                try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    LoanApplications.write(w, rows, 0, LoanApplications.BIASED, 42);
                }
            }
            new ParquetIngest(duckDb).writeParquet(new ParquetIngest.Source(csv, DatasetFormat.CSV, ','), parquet);
            if (made) {
                Files.deleteIfExists(csv);
            }
        }
        ParquetIngest.Profile profile = new ParquetIngest(duckDb).profile(parquet);
        ModelCard card = ModelCardParser.parseYaml(DemoSeeder.card("1.0." + rows), DemoSeeder.MODEL, "1.0." + rows);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ModelVersion version = new ModelVersion(UUID.randomUUID().toString(), card.model(), card.version(),
                CanonicalJson.string(card.document()), CanonicalJson.sha256(card.document()), "bench", now);
        Dataset dataset = new Dataset(UUID.randomUUID().toString(), version.id(), Dataset.Role.EVALUATION,
                dev.assay.infrastructure.Hashing.sha256Hex(parquet.toString().getBytes(StandardCharsets.UTF_8)), DatasetFormat.PARQUET,
                Files.size(parquet), profile.rows(), profile.columns(), "bench", now);
        Policy policy = PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths"));
        return new Fixture(version, dataset, new StoredPolicy(policy, true, "assay-system", now), parquet, rows);
    }

    private interface Waiter {
        AuditRun.Status await(String id) throws Exception;
    }

    /** Per stage, then the whole: medians of {@code n} runs after {@code warmup}. */
    private static double[] measure(Connection c, Fixture f, DuckDb duckDb, ReportService reports, int warmup, int n) throws Exception {
        double[][] ms = new double[STAGES.length + 1][n];
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            for (int i = -warmup; i < n; i++) {
                double[] stages = new double[STAGES.length];
                long start = System.nanoTime();
                String id = create(c, f);
                stages[0] = ms(start);
                long submitted = System.nanoTime();
                var done = executor.submit(() -> {
                    try {
                        execute(c, f, id, duckDb, reports, stages);
                    } finally {
                        ENDINGS.ended();
                    }
                    return null;
                });
                // As AuditService.await: the status read again when an audit ends, or every 50 ms.
                AuditRun.Status status = await(c, id, done);
                long answered = System.nanoTime();
                done.get();
                if (status != AuditRun.Status.DONE) {
                    throw new IllegalStateException("audit ended " + status);
                }
                double work = Arrays.stream(stages, 1, WAITING).sum();
                stages[WAITING] = (answered - submitted) / 1e6 - work;
                if (i >= 0) {
                    for (int s = 0; s < STAGES.length; s++) {
                        ms[s][i] = stages[s];
                    }
                    ms[STAGES.length][i] = (answered - start) / 1e6;
                }
            }
        } finally {
            executor.shutdown();
        }
        double[] medians = new double[STAGES.length + 1];
        for (int s = 0; s <= STAGES.length; s++) {
            Arrays.sort(ms[s]);
            medians[s] = ms[s][n / 2];
        }
        return medians;
    }

    private static final AuditEndings ENDINGS = new AuditEndings();

    /** -Dbench.audit.poll=true: wait as AuditService did before AuditEndings, a status read every 50 ms. */
    private static final boolean POLL = Boolean.getBoolean("bench.audit.poll");

    private static AuditRun.Status await(Connection c, String id, java.util.concurrent.Future<?> work) throws Exception {
        long seen = ENDINGS.generation();
        AuditRun.Status status = status(c, id);
        while (status == AuditRun.Status.QUEUED || status == AuditRun.Status.RUNNING) {
            if (work.isDone()) {
                work.get();
            }
            if (POLL) {
                Thread.sleep(50);
            } else {
                ENDINGS.awaitAfter(seen, 50);
            }
            seen = ENDINGS.generation();
            status = status(c, id);
        }
        return status;
    }

    private static AuditRun.Status status(Connection c, String id) throws SQLException {
        synchronized (c) {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM audit_run WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return AuditRun.Status.valueOf(r.getString("status"));
                }
            }
        }
    }

    /** AuditJobs.create: the run and its ledger entry, one transaction. */
    private static String create(Connection c, Fixture f) throws SQLException {
        PinnedInputs inputs = new PinnedInputs(f.version().id(), f.version().cardSha256(), f.dataset().sha256(), null,
                List.of(f.policy().sha256()), List.of(), MetricParameters.DEFAULTS, null, null);
        String id = UUID.randomUUID().toString();
        synchronized (c) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_run (id, model_version_id, dataset_id, baseline_id,"
                    + " request_json, inputs_sha256, status, created_by, created_at) VALUES (?, ?, ?, NULL, ?, ?, 'QUEUED', 'bench', ?)")) {
                s.setString(1, id);
                s.setString(2, f.version().id());
                s.setString(3, f.dataset().id());
                s.setString(4, inputs.canonical());
                s.setString(5, inputs.sha256());
                s.setTimestamp(6, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
            ledger(c, "audit.requested", id, "bench", Json.createObjectBuilder().add("modelVersion", f.version().id())
                    .add("inputs", inputs.sha256()).build());
            c.commit();
            c.setAutoCommit(true);
        }
        return id;
    }

    /** AuditService.execute, stage by stage. */
    private static void execute(Connection c, Fixture f, String id, DuckDb duckDb, ReportService reports, double[] stages)
            throws Exception {
        long t = System.nanoTime();
        AuditRun run;
        synchronized (c) {
            c.setAutoCommit(false);
            run = readRun(c, id);
            try (PreparedStatement s = c.prepareStatement("UPDATE audit_run SET status = 'RUNNING', started_at = ? WHERE id = ?")) {
                s.setTimestamp(1, Timestamp.from(Instant.now()));
                s.setString(2, id);
                s.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
        }
        stages[1] = ms(t);

        t = System.nanoTime();
        PinnedInputs inputs = PinnedInputs.parse(run.requestJson());
        ModelVersion version;
        StoredPolicy stored;
        synchronized (c) {
            version = readVersion(c, run.modelVersionId());
            readRow(c, "SELECT * FROM dataset WHERE id = ?", run.datasetId());
            readRow(c, "SELECT * FROM policy_version WHERE sha256 = ?", inputs.policies().get(0));
            stored = f.policy();
        }
        // As PolicyCatalog.bySha(...).policy() and ModelVersion.card(): the stored pack and card, parsed.
        List<Policy> policies = List.of(stored.policy());
        ModelCard card = version.card();
        Map<String, String> types = new LinkedHashMap<>();
        f.dataset().columns().forEach(col -> types.put(col.name(), col.type()));
        stages[2] = ms(t);

        t = System.nanoTime();
        AuditEngine.Evaluation outcome = new AuditEngine(duckDb, inputs.parameters()).run(card, types, f.parquet(), null, Map.of(),
                policies, inputs.metrics());
        stages[3] = ms(t);

        t = System.nanoTime();
        Instant finishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        synchronized (c) {
            readRow(c, "SELECT * FROM waiver WHERE model_version_id = ?", version.id());
        }
        ReportDocument document = AuditReport.document(run, version, f.dataset(), policies, outcome, inputs,
                reports.keys().keyId(), finishedAt, List.of(), List.of());
        var json = document.toJson();
        stages[4] = ms(t);

        t = System.nanoTime();
        ReportService.SignedReport signed = reports.sign(json, finishedAt);
        stages[5] = ms(t);

        t = System.nanoTime();
        String attestation = reports.attest(AuditReport.statement(run, version, f.dataset(), policies, outcome, signed.sha256(),
                finishedAt));
        stages[6] = ms(t);

        t = System.nanoTime();
        complete(c, id, outcome, signed, attestation, finishedAt);
        stages[7] = ms(t);
        // As AuditService.execute: the waiter is answered once the result is committed, the PDF follows (ReportPdfs).
        ENDINGS.ended();

        t = System.nanoTime();
        byte[] pdf = reports.pdf(signed, document, finishedAt);
        synchronized (c) {
            readRow(c, "SELECT * FROM audit_report_pdf WHERE audit_id = ?", id);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_report_pdf (audit_id, pdf, created_at) VALUES (?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, java.util.Base64.getEncoder().encodeToString(pdf));
                s.setTimestamp(3, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
        }
        stages[STAGES.length - 1] = ms(t);
    }

    /** AuditJobs.complete: the result, the run's end and the ledger entry, one transaction. */
    private static void complete(Connection c, String id, AuditEngine.Evaluation outcome, ReportService.SignedReport signed,
                                 String attestation, Instant finishedAt) throws SQLException {
        synchronized (c) {
            c.setAutoCommit(false);
            readRun(c, id);
            readRow(c, "SELECT * FROM audit_result WHERE audit_id = ?", id);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_result (audit_id, decision, reasons, report_json,"
                    + " report_sha256, report_jws, key_id, attestation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, outcome.decision().verdict().name());
                s.setString(3, String.join("\n", outcome.decision().reasons()));
                s.setString(4, signed.json());
                s.setString(5, signed.sha256());
                s.setString(6, signed.jws());
                s.setString(7, signed.keyId());
                s.setString(8, attestation);
                s.setTimestamp(9, Timestamp.from(finishedAt));
                s.executeUpdate();
            }
            ledger(c, "audit.completed", id, "assay-system", Json.createObjectBuilder()
                    .add("decision", outcome.decision().verdict().name())
                    .add("reasons", Json.createArrayBuilder(outcome.decision().reasons()))
                    .add("reportSha256", signed.sha256()).add("keyId", signed.keyId()).build());
            try (PreparedStatement s = c.prepareStatement("UPDATE audit_run SET status = 'DONE', finished_at = ? WHERE id = ?")) {
                s.setTimestamp(1, Timestamp.from(finishedAt));
                s.setString(2, id);
                s.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
        }
    }

    /** Ledger.append: the head locked, the entry hashed and written, the head moved. */
    private static void ledger(Connection c, String kind, String subject, String actor, jakarta.json.JsonObject payload)
            throws SQLException {
        long seq;
        String prev;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, seq, hash FROM ledger_head WHERE id = 1 FOR UPDATE")) {
            r.next();
            seq = r.getLong(2) + 1;
            prev = r.getString(3);
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String body = CanonicalJson.string(payload);
        String hash = LedgerChain.hash(seq, kind, subject, actor, at, body, prev);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_entry (seq, kind, subject, actor, recorded_at, payload,"
                + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, seq);
            s.setString(2, kind);
            s.setString(3, subject);
            s.setString(4, actor);
            s.setTimestamp(5, Timestamp.from(at));
            s.setString(6, body);
            s.setString(7, prev);
            s.setString(8, hash);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE ledger_head SET seq = ?, hash = ? WHERE id = 1")) {
            s.setLong(1, seq);
            s.setString(2, hash);
            s.executeUpdate();
        }
    }

    private static AuditRun readRun(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM audit_run WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new AuditRun(r.getString("id"), r.getString("model_version_id"), r.getString("dataset_id"),
                        r.getString("baseline_id"), r.getString("request_json"), r.getString("inputs_sha256"), r.getString("created_by"),
                        r.getTimestamp("created_at").toInstant());
            }
        }
    }

    private static ModelVersion readVersion(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM model_version WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new ModelVersion(r.getString("id"), r.getString("model_name"), r.getString("version"), r.getString("card_json"),
                        r.getString("card_sha256"), r.getString("created_by"), r.getTimestamp("created_at").toInstant());
            }
        }
    }

    private static void readRow(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    r.getString(1);
                }
            }
        }
    }

    /**
     * The four-fifths audit's counts, bare: rows and favorable outcomes per sex and race, the least GROUP BY
     * that gives every selection rate and impact ratio; then the scan the audit runs (its AggregationPlan:
     * the confusion counts too, no scores, no regression sums); each on an open connection, median of 5
     * after one; and the time to open a connection.
     */
    private static double[] bare(DuckDb duckDb, Fixture f) throws Exception {
        ModelCard card = f.version().card();
        Map<String, String> types = new LinkedHashMap<>();
        f.dataset().columns().forEach(col -> types.put(col.name(), col.type()));
        var columns = card.columns();
        OutcomeColumns outcomes = new OutcomeColumns(columns.prediction(), card.favorableOutcome(), columns.label(), card.positiveLabel(),
                card.positivePrediction(), java.util.Optional.empty(), types, columns.weight());
        String file = "read_parquet(" + dev.assay.infrastructure.Sql.literal(f.parquet().toString()) + ")";
        String least = "SELECT sex, race, count(*), count(approved), sum((approved = 1)::INT) FROM " + file + " GROUP BY sex, race";
        String plan = new AggregationPlan(List.of(Scope.OVERALL, Scope.of("sex"), Scope.of("race")), outcomes, false)
                .sql(new Table(file));
        String selections = new AggregationPlan(List.of(Scope.OVERALL, Scope.of("sex"), Scope.of("race")), outcomes.withoutLabel(), false)
                .sql(new Table(file));
        if (Boolean.getBoolean("bench.audit.sql")) {
            System.out.println(least + "\n" + selections);
        }
        return new double[] {time(duckDb, least), time(duckDb, plan), median(opens(duckDb)), time(duckDb, selections),
                timeFresh(duckDb, least)};
    }

    private static double time(DuckDb duckDb, String sql) throws Exception {
        List<Double> query = new ArrayList<>();
        try (Connection c = duckDb.open()) {
            for (int i = 0; i < 6; i++) {
                long t = System.nanoTime();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                    while (r.next()) {
                        r.getObject(1);
                    }
                }
                query.add(ms(t));
            }
        }
        return median(query.subList(1, 6));
    }

    /**
     * As a query run on its own: each time on a new connection (its own new database), the opening not counted.
     * Also prints what closing that connection right after the scan costs (the database and its memory go with it).
     */
    private static double timeFresh(DuckDb duckDb, String sql) throws Exception {
        List<Double> query = new ArrayList<>();
        List<Double> close = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Connection c = duckDb.open();
            try {
                long t = System.nanoTime();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                    while (r.next()) {
                        r.getObject(1);
                    }
                }
                query.add(ms(t));
            } finally {
                long t = System.nanoTime();
                c.close();
                close.add(ms(t));
            }
        }
        System.out.printf(Locale.ROOT, "closing a connection after its scan: median %.1f ms%n", median(close));
        return median(query);
    }

    private static List<Double> opens(DuckDb duckDb) throws Exception {
        List<Double> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            try (Connection c = duckDb.open()) {
                open.add(ms(t));
            }
        }
        return open;
    }

    private static void inject(Object bean, String field, Object value) throws ReflectiveOperationException {
        var f = bean.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(bean, value);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
