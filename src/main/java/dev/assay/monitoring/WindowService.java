package dev.assay.monitoring;

import dev.assay.audit.AuditRequest;
import dev.assay.audit.AuditResult;
import dev.assay.audit.AuditRun;
import dev.assay.audit.AuditService;
import dev.assay.audit.PinnedInputs;
import dev.assay.dataset.ColumnProfile;
import dev.assay.dataset.Dataset;
import dev.assay.dataset.DatasetService;
import dev.assay.infrastructure.Analytics;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.BackgroundWork;
import dev.assay.infrastructure.FaultPoints;
import dev.assay.policy.Decision;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Windows of a deployment: closing one writes its slice (the window's predictions joined with the labels
 * there are), stores it as a dataset of the version (role {@code window}) and starts an ordinary audit of it
 * against the deployment's reference dataset with the deployment's packs. A window whose content changed
 * since its last audit (labels arrived late) is audited again; the same content never twice.
 */
@ApplicationScoped
public class WindowService {

    private static final Logger LOG = Logger.getLogger(WindowService.class.getName());

    @Inject
    MonitoringRepository repository;

    @Inject
    BackgroundWork background;

    @Inject
    DeploymentService deployments;

    @Inject
    DatasetService datasets;

    @Inject
    AuditService audits;

    @Inject
    Analytics analytics;

    @Inject
    AssayConfig config;

    @Inject
    WindowRecords records;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    java.time.Clock clock = dev.assay.infrastructure.Clocks.UTC_MICROS;

    /** One closer per deployment on this server; across servers, the scheduler's lease and the content keys. */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Each deployment's alarms as last read, with the windows' audits they were read from ({@link #alarms}). */
    private final Map<String, Map.Entry<List<String>, List<SeriesAlarms.Alarm>>> alarmsRead = new ConcurrentHashMap<>();
    private MonitoringStore store;

    /** Who closes windows on schedule or after late labels, for the record. */
    public static final Caller MONITOR = new Caller("assay-monitor", Set.of());

    @PostConstruct
    void init() {
        store = new MonitoringStore(config.dataDir());
    }

    /** A window as the API lists it: its latest audit, and the earlier ones (oldest first). */
    public record Window(Instant start, Instant end, long rows, long labeledRows, double labelCoverage, String decision,
                         String audit, String status, List<String> earlierAudits) {
    }

    /**
     * Closes and audits every window of the deployment that ended at or before {@code until} and has not
     * been audited with its present content. Returns the window audits started.
     */
    public List<WindowAudit> close(String deploymentId, Instant until, Caller caller) {
        return close(deploymentId, start -> Windows.endedBy(start, deployments.get(deploymentId).monitoring().window(), until),
                caller);
    }

    /** Re-audits, in the background, the windows already audited whose content changed (labels that came late). */
    public void reauditLater(String deploymentId) {
        executor.submit(() -> {
            try {
                Set<Instant> audited = new java.util.HashSet<>();
                repository.windows(deploymentId).forEach(w -> audited.add(w.start()));
                close(deploymentId, audited::contains, MONITOR);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Re-auditing the windows of deployment " + deploymentId + " failed", e);
            }
        });
    }

    private List<WindowAudit> close(String deploymentId, java.util.function.Predicate<Instant> which, Caller caller) {
        synchronized (locks.computeIfAbsent(deploymentId, k -> new Object())) {
            Deployment d = deployments.get(deploymentId);
            ModelVersion version = deployments.version(d);
            MonitoringSettings settings = d.monitoring();
            Map<Instant, List<BatchPartition>> byWindow = new TreeMap<>();
            repository.partitions(d.id()).forEach(p -> byWindow.computeIfAbsent(p.windowStart(), k -> new ArrayList<>()).add(p));
            Map<Instant, WindowAudit> latest = new LinkedHashMap<>();
            repository.windows(d.id()).forEach(w -> latest.put(w.start(), w));
            List<MonitoringBatch> labelBatches = repository.batches(d.id(), MonitoringBatch.Kind.LABELS);
            List<Path> labels = labelBatches.stream().map(b -> store.labels(d.id(), b.key())).toList();
            Map<String, Instant> posted = new LinkedHashMap<>();
            repository.batches(d.id(), MonitoringBatch.Kind.PREDICTIONS).forEach(b -> posted.put(b.key(), b.createdAt()));
            Instant lastLabels = labelBatches.stream().map(MonitoringBatch::createdAt).max(Comparator.naturalOrder()).orElse(null);
            List<WindowAudit> started = new ArrayList<>();
            for (Map.Entry<Instant, List<BatchPartition>> w : byWindow.entrySet()) {
                WindowAudit previous = latest.get(w.getKey());
                if (previous != null && !changedSince(previous, w.getValue(), posted, lastLabels)) {
                    continue;
                }
                if (which.test(w.getKey())) {
                    audit(d, version, settings, w.getKey(), w.getValue(), labels, latest.get(w.getKey()), caller)
                            .ifPresent(started::add);
                }
            }
            return started;
        }
    }

    /**
     * Whether a batch may have come since the window's last audit, so its slice is worth writing again to
     * compare content keys: without that test every run would rewrite the slice of every window ever
     * audited. A batch's time is taken before it commits, so batches up to {@link #SETTLING} older than the
     * audit count as possibly new.
     */
    static boolean changedSince(WindowAudit previous, List<BatchPartition> partitions, Map<String, Instant> posted,
                                Instant lastLabels) {
        Instant since = previous.createdAt().minus(SETTLING);
        return lastLabels != null && lastLabels.isAfter(since)
                || partitions.stream().anyMatch(p -> posted.getOrDefault(p.batchKey(), Instant.MAX).isAfter(since));
    }

    /** Longer than a batch takes from its time being taken to its commit. */
    static final Duration SETTLING = Duration.ofMinutes(10);

    private Optional<WindowAudit> audit(Deployment d, ModelVersion version, MonitoringSettings settings, Instant start,
                                        List<BatchPartition> partitions, List<Path> labels, WindowAudit previous,
                                        Caller caller) {
        ModelCard card = version.card();
        Instant end = Windows.endOf(start, settings.window());
        Path out = datasets.scratch(".window.parquet");
        try {
            // By batch key: the slice's row order, and so its bytes, follow the order of its files.
            List<String> keys = partitions.stream().map(BatchPartition::batchKey).sorted().toList();
            List<Path> files = keys.stream().map(k -> store.predictions(d.id(), start.toEpochMilli(), k)).toList();
            String label = card.columns().label().orElse(null);
            List<Path> labelFiles = label == null ? List.of() : labels;
            String labelType = labelType(d, label);
            // The slice's join, sort and write on a background thread, as an upload's file work is (DatasetService).
            WindowContent.Slice slice = background.call(() -> new WindowContent(analytics.duckDb()).write(files, keys, labelFiles,
                    card.columns().id().orElseThrow(), label, labelType, card.columns().timestamp().orElseThrow(), out));
            if (previous != null && (previous.contentKey().equals(slice.key())
                    || datasets.get(previous.datasetId()).sha256().equals(slice.sha256()))) {
                // The same bytes as the dataset last audited (the second test: keys written before the key was the
                // file's hash), so the same content.
                return Optional.empty();
            }
            FaultPoints.at("window.sliced");
            // The slice itself becomes the window dataset's stored file: no second read, copy or Parquet write.
            Dataset dataset = datasets.addWindow(version, out, slice.sha256(), caller);
            PinnedInputs.Window window = new PinnedInputs.Window(d.id(), start, end, slice.rows(), slice.labeled(),
                    settings.minimumLabelCoverage());
            AuditRun run = audits.startWindow(version, new AuditRequest(settings.policies(), dataset.id(), d.referenceId(),
                    List.of()), window, caller);
            FaultPoints.at("window.audit-started");
            WindowAudit audit = new WindowAudit(UUID.randomUUID().toString(), d.id(), start, end, slice.rows(), slice.labeled(),
                    slice.key(), dataset.id(), run.id(), caller.actor(), clock.instant());
            records.add(audit, caller.actor());
            FaultPoints.at("window.recorded");
            return Optional.of(audit);
        } catch (SQLException e) {
            throw new IllegalStateException("writing the slice of window " + start + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("writing the slice of window " + start + " failed", e);
        } finally {
            BatchService.deleteQuietly(out);
        }
    }

    /** The reference dataset's type of the label column, so a window's labels compare with the reference's. */
    private String labelType(Deployment d, String label) {
        if (label == null) {
            return null;
        }
        return datasets.get(d.referenceId()).columns().stream().filter(c -> c.name().equals(label))
                .map(ColumnProfile::type).findFirst().orElse(null);
    }

    /**
     * The audited windows that start in [{@code from}, {@code to}) (either null: unbounded), oldest first,
     * each with its latest audit.
     */
    public List<Window> windows(String deploymentId, Instant from, Instant to) {
        deployments.get(deploymentId);
        Map<Instant, List<WindowAudit>> byStart = new TreeMap<>();
        repository.windows(deploymentId).forEach(w -> byStart.computeIfAbsent(w.start(), k -> new ArrayList<>()).add(w));
        List<Window> out = new ArrayList<>();
        for (Map.Entry<Instant, List<WindowAudit>> e : byStart.entrySet()) {
            if (from != null && e.getKey().isBefore(from) || to != null && !e.getKey().isBefore(to)) {
                continue;
            }
            List<WindowAudit> all = e.getValue();
            WindowAudit last = all.get(all.size() - 1);
            AuditRun run = audits.get(last.auditId());
            String decision = audits.verdict(last.auditId()).map(Enum::name).orElse("NONE");
            out.add(new Window(last.start(), last.end(), last.rows(), last.labeledRows(), last.labelCoverage(), decision,
                    last.auditId(), run.status().name(), all.subList(0, all.size() - 1).stream().map(WindowAudit::auditId).toList()));
        }
        return out;
    }

    /** The deployment's latest windows, newest first, at most {@code limit}. */
    public List<Window> latest(String deploymentId, int limit) {
        List<Window> all = new ArrayList<>(windows(deploymentId, null, null));
        all.sort(Comparator.comparing(Window::start).reversed());
        return all.subList(0, Math.min(limit, all.size()));
    }

    /** What the latest windows say ({@link Health}), their series' alarms included. */
    public Health health(String deploymentId) {
        return health(deploymentId, alarms(deploymentId, null));
    }

    /** What the latest windows say ({@link Health}), with the alarms of {@link #alarms} already read. */
    public Health health(String deploymentId, List<SeriesAlarms.Alarm> alarms) {
        return health(deployments.get(deploymentId), latest(deploymentId, Health.RECENT * 2).stream()
                .map(w -> new Health.Window(w.decision().equals("NONE") ? null : Decision.Verdict.valueOf(w.decision()),
                        w.labelCoverage())).toList(), !alarms.isEmpty());
    }

    /** A deployment's health from its latest windows (newest first) as {@link Health} judges them, with the configured persistence. */
    public Health health(Deployment d, List<Health.Window> latest, boolean inAlarm) {
        return Health.of(latest, d.monitoring().minimumLabelCoverage(), failingAfter(), inAlarm);
    }

    /**
     * The monitored values in alarm ({@link SeriesAlarms}): their CUSUM over the windows' latest finished audits alarmed
     * at one of the latest {@link Health#RECENT} windows. With {@code without}, as they were before that audit was
     * written: its window counts with its earlier audit, or not at all for a first one.
     */
    public List<SeriesAlarms.Alarm> alarms(String deploymentId, String without) {
        List<Window> all = windows(deploymentId, null, null);
        // The gate with ?environment= and every deployment answer ask for health: the reports are read and parsed again
        // only when a window's audits or their status moved (a result never changes once written).
        List<String> key = all.stream().map(w -> w.start() + "|" + w.audit() + "|" + w.status() + "|" + w.earlierAudits()).toList();
        if (without == null) {
            Map.Entry<List<String>, List<SeriesAlarms.Alarm>> kept = alarmsRead.get(deploymentId);
            if (kept != null && kept.getKey().equals(key)) {
                return kept.getValue();
            }
        }
        List<SeriesAlarms.Report> reports = new ArrayList<>();
        for (Window w : all) {
            List<String> candidates = new ArrayList<>(w.earlierAudits());
            candidates.add(w.audit());
            if (w.audit().equals(without)) {
                candidates.remove(candidates.size() - 1);
            }
            // The latest finished audit of the window (a re-audit still running leaves the earlier one standing).
            for (int i = candidates.size() - 1; i >= 0; i--) {
                Optional<AuditResult> result = audits.result(candidates.get(i));
                if (result.isPresent()) {
                    reports.add(new SeriesAlarms.Report(candidates.get(i),
                            Json.createReader(new StringReader(result.get().reportJson())).readObject()));
                    break;
                }
            }
        }
        List<SeriesAlarms.Alarm> alarms = SeriesAlarms.of(reports, Health.RECENT);
        if (without == null) {
            alarmsRead.put(deploymentId, Map.entry(key, alarms));
        }
        return alarms;
    }

    /** {@code ASSAY_MONITORING_FAILING_AFTER}: decided windows in a row that warn or fail before a deployment is failing. */
    int failingAfter() {
        return config.env("ASSAY_MONITORING_FAILING_AFTER").map(v -> {
            try {
                return Math.max(1, Math.min(Health.RECENT * 2, Integer.parseInt(v.trim())));
            } catch (NumberFormatException e) {
                return Health.DEFAULT_FAILING_AFTER;
            }
        }).orElse(Health.DEFAULT_FAILING_AFTER);
    }

    /** A point of a series: the window and the metric's value in its latest finished audit. */
    public record Point(Instant start, Instant end, String audit, Series.Point value) {
    }

    /** One metric's values across the audited windows, oldest first; windows whose audit has not finished are left out. */
    public List<Point> series(String deploymentId, String metric, String scope, String group) {
        List<Point> points = new ArrayList<>();
        for (Window w : windows(deploymentId, null, null)) {
            Optional<AuditResult> result = audits.result(w.audit());
            if (result.isEmpty()) {
                continue;
            }
            JsonObject report = Json.createReader(new StringReader(result.get().reportJson())).readObject();
            Series.of(report, metric, scope, group).ifPresent(p -> points.add(new Point(w.start(), w.end(), w.audit(), p)));
        }
        return points;
    }

    static Duration length(Deployment d) {
        return d.monitoring().window();
    }
}
