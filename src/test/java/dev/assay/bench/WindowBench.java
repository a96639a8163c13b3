package dev.assay.bench;

import dev.assay.audit.AuditEngine;
import dev.assay.dataset.ColumnProfile;
import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.ParquetIngest;
import dev.assay.demo.DemoSeeder;
import dev.assay.demo.LoanApplications;
import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.MetricParameters;
import dev.assay.monitoring.PredictionLog;
import dev.assay.monitoring.WindowContent;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.PolicyParser;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;

import java.io.Writer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Closing one production window without the server ({@code -Dbench.only=window}, {@code -Dbench.rows} rows in the
 * window, 1,000,000 by default in LoadBench): the demo deployment's card and reference (4,000 rows), one day of
 * generated predictions staged as a batch is, the demo's 14 label batches, then the steps of
 * {@code WindowService.audit} one by one (the slice, the window dataset, the engine with the
 * post-market-monitoring pack against the reference), medians of 5 runs after 1. The report, its signatures and
 * the ledger (about 0.1 s, {@code -Dbench.only=audit}) are not in it: LoadBench measures the whole through HTTP.
 */
final class WindowBench {

    private WindowBench() {
    }

    static void run(long rows, Path dir, DuckDb duckDb) throws Exception {
        Path work = dir.resolve("window-" + rows);
        Files.createDirectories(work);
        ModelCard card = ModelCardParser.parseYaml(DemoSeeder.card("1.1.0"), DemoSeeder.MODEL, "1.1.0");
        ParquetIngest ingest = new ParquetIngest(duckDb);
        PredictionLog log = new PredictionLog(duckDb);

        // The reference: the demo's 1.1.0 evaluation dataset.
        Path reference = work.resolve("reference.parquet");
        if (!Files.exists(reference)) {
            Path csv = work.resolve("reference.csv");
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                LoanApplications.write(w, 4000, 0, LoanApplications.FAIR, 1101L);
            }
            ingest.writeParquet(ingest.keepText(new ParquetIngest.Source(csv, DatasetFormat.CSV, ',')), reference);
            Files.delete(csv);
        }
        Map<String, String> referenceTypes = types(ingest.profile(reference));

        // One day of predictions, staged as BatchService stages a batch (the label column dropped).
        LocalDate day = LocalDate.parse("2025-01-01");
        Path staged = work.resolve("staged");
        Path predictions = staged.resolve(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli() + ".parquet");
        if (!Files.exists(predictions)) {
            Files.createDirectories(staged);
            Path csv = work.resolve("day.csv");
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                LoanApplications.writeProductionDay(w, day, 1000, (int) rows, 3001L);
            }
            Path batch = work.resolve("day.parquet");
            ingest.writeParquet(ingest.keepText(new ParquetIngest.Source(csv, DatasetFormat.CSV, ',')), batch);
            Files.delete(csv);
            Set<String> required = new LinkedHashSet<>(card.columns().named());
            required.remove("repaid");
            required.add("decided_at");
            log.stagePredictions(batch, DatasetFormat.CSV, required, "applicant_id", "decided_at", "repaid", 86_400_000L,
                    Instant.now(), staged);
            Files.delete(batch);
        }
        // The demo's label batches: 14 days of outcomes, none of them for this window's ids (as in LoadBench).
        List<Path> labels = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            Path out = work.resolve("labels-" + i + ".parquet");
            if (!Files.exists(out)) {
                Path csv = work.resolve("labels.csv");
                try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    LoanApplications.writeOutcomesOfDay(w, i, 400, 0.8, 2101L);
                }
                Path batch = work.resolve("labels.parquet");
                ingest.writeParquet(new ParquetIngest.Source(csv, DatasetFormat.CSV, ','), batch);
                log.stageLabels(batch, DatasetFormat.CSV, "applicant_id", "repaid", out);
                Files.delete(csv);
                Files.delete(batch);
            }
            labels.add(out);
        }
        var policy = PolicyParser.parse(PolicyCatalog.readBuiltIn("post-market-monitoring"));
        Method roleChecks = Class.forName("dev.assay.dataset.RoleChecks").getDeclaredMethod("problems",
                Class.forName("dev.assay.dataset.DatasetScan"), ModelCard.class, Map.class, Map.class, DatasetFormat.class);
        roleChecks.setAccessible(true);
        Method scanOf = Class.forName("dev.assay.dataset.DatasetScan").getDeclaredMethod("duckDb", Connection.class, Path.class);
        scanOf.setAccessible(true);

        String[] stages = {"slice (join, sort, COPY with counts)", "SHA-256 of the slice", "into the store (a rename)"};
        int runs = 5;
        String[] all = new String[stages.length + 3];
        System.arraycopy(stages, 0, all, 0, stages.length);
        all[stages.length] = "profile";
        all[stages.length + 1] = "role checks";
        all[stages.length + 2] = "engine (pmm vs reference)";
        stages = all;
        double[][] ms = new double[stages.length + 1][runs];
        double[][] cpu = new double[stages.length + 1][runs];
        java.util.Set<String> hashes = new java.util.TreeSet<>();
        for (int run = -1; run < runs; run++) {
            double[] t = new double[stages.length];
            double[] c = new double[stages.length];
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            Path slice = work.resolve("slice.parquet");
            Path stored = work.resolve("stored.parquet");
            for (Path p : List.of(slice, stored)) {
                Files.deleteIfExists(p);
            }
            long s = System.nanoTime();
            long cs = cpuNanos();
            WindowContent.Slice written = new WindowContent(duckDb).write(List.of(predictions), List.of("bench"), labels,
                    "applicant_id", "repaid", referenceTypes.get("repaid"), "decided_at", slice);
            t[0] = ms(s);
            c[0] = cpuMs(cs);
            hashes.add(written.sha256());
            // The hash is inside write: timed again on its own and taken out of the slice's time.
            s = System.nanoTime();
            cs = cpuNanos();
            dev.assay.infrastructure.Hashing.sha256Hex(slice);
            t[1] = ms(s);
            c[1] = cpuMs(cs);
            t[0] -= t[1];
            c[0] -= c[1];
            s = System.nanoTime();
            cs = cpuNanos();
            Files.move(slice, stored, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            t[2] = ms(s);
            c[2] = cpuMs(cs);
            int at = 3;
            s = System.nanoTime();
            cs = cpuNanos();
            ParquetIngest.Profile profile = ingest.profile(stored);
            t[at] = ms(s);
            c[at] = cpuMs(cs);
            s = System.nanoTime();
            cs = cpuNanos();
            Map<String, String> types = types(profile);
            Map<String, Integer> positions = new LinkedHashMap<>();
            types.keySet().forEach(n -> positions.put(n, positions.size()));
            try (Connection connection = duckDb.open()) {
                List<?> problems = (List<?>) roleChecks.invoke(null, scanOf.invoke(null, connection, stored), card, types, positions,
                        DatasetFormat.PARQUET);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("role checks: " + problems);
                }
            }
            t[at + 1] = ms(s);
            c[at + 1] = cpuMs(cs);
            s = System.nanoTime();
            cs = cpuNanos();
            var window = new dev.assay.audit.PinnedInputs.Window("bench", Instant.EPOCH, Instant.EPOCH, written.rows(),
                    written.labeled(), 0.5);
            AuditEngine.Evaluation outcome = new AuditEngine(duckDb, MetricParameters.DEFAULTS)
                    .withholdingLabels(window.labelsWithheld())
                    .run(card, types, stored, reference, referenceTypes, List.of(policy), List.of());
            t[at + 2] = ms(s);
            c[at + 2] = cpuMs(cs);
            double whole = ms(start);
            double wholeCpu = cpuMs(cpuStart);
            if (run == 0) {
                System.out.printf(Locale.ROOT, "window: %,d rows, %,d labeled, slice %,d bytes, sha256 %s, decision %s%n",
                        written.rows(), written.labeled(), Files.size(stored), written.sha256().substring(0, 16),
                        outcome.decision().verdict());
            }
            if (run >= 0) {
                for (int i = 0; i < stages.length; i++) {
                    ms[i][run] = t[i];
                    cpu[i][run] = c[i];
                }
                ms[stages.length][run] = whole;
                cpu[stages.length][run] = wholeCpu;
            }
        }
        if (hashes.size() != 1) {
            throw new IllegalStateException("the same window gave different bytes: " + hashes);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Assay bench (closing a %,d-row window with post-market-monitoring, no HTTP; medians of %d; wall ms, and CPU ms of the whole process: DuckDB's threads and the JVM's)%n",
                rows, runs);
        for (int i = 0; i < stages.length; i++) {
            System.out.printf(Locale.ROOT, "  %-38s %8.1f %8.1f%n", stages[i], median(ms[i]), median(cpu[i]));
        }
        System.out.printf(Locale.ROOT, "  %-38s %8.1f %8.1f%n", "whole", median(ms[stages.length]), median(cpu[stages.length]));
        System.out.printf(Locale.ROOT, "load average %.2f on %d processors%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static Map<String, String> types(ParquetIngest.Profile profile) {
        Map<String, String> types = new LinkedHashMap<>();
        for (ColumnProfile c : profile.columns()) {
            types.put(c.name(), c.type());
        }
        return types;
    }

    /** CPU time of the whole process (every thread, DuckDB's native ones included): what a busy machine does not inflate. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double cpuMs(long startNanos) {
        return (cpuNanos() - startNanos) / 1e6;
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
