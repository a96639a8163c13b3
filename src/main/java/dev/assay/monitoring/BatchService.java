package dev.assay.monitoring;

import dev.assay.dataset.DatasetService;
import dev.assay.failure.Failure;
import dev.assay.failure.Malformed;
import dev.assay.infrastructure.Analytics;
import dev.assay.infrastructure.BackgroundWork;
import dev.assay.infrastructure.FaultPoints;
import dev.assay.infrastructure.Scratch;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.Clocks;
import dev.assay.registry.ModelCard;
import dev.assay.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Production batches of a deployment: predictions and delayed labels, each posted with a batch id, stored
 * once (a retry, or the same batch sent twice at once, stores it once) and whole or not at all.
 */
@ApplicationScoped
public class BatchService {

    private static final Logger LOG = Logger.getLogger(BatchService.class.getName());

    /** How far past the server's clock a prediction's timestamp may be (ISO-8601 duration; default PT5M: clock skew). */
    public static final String FUTURE_TOLERANCE = "ASSAY_MONITORING_FUTURE_TOLERANCE";
    static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofMinutes(5);
    static final int MAX_BATCH_ID = 200;

    @Inject
    MonitoringRepository repository;

    @Inject
    BackgroundWork background;

    @Inject
    DeploymentService deployments;

    @Inject
    DatasetService datasets;

    @Inject
    Analytics analytics;

    @Inject
    AssayConfig config;

    @Inject
    BatchCommits commits;

    @Inject
    WindowService windows;

    Clock clock = Clocks.UTC_MICROS;
    private MonitoringStore store;

    @PostConstruct
    void init() {
        store = new MonitoringStore(config.dataDir());
    }

    public MonitoringStore store() {
        return store;
    }

    /**
     * A stored batch, or the one stored before under the same id ({@code duplicate}).
     *
     * @param matched for labels: how many had their prediction when they arrived; null for predictions
     */
    public record Stored(String batch, long rows, Long matched, boolean duplicate) {

        public Long unmatched() {
            return matched == null ? null : rows - matched;
        }
    }

    public Duration futureTolerance() {
        return Durations.of(config, FUTURE_TOLERANCE, DEFAULT_FUTURE_TOLERANCE);
    }

    /**
     * Stores a batch of predictions: every row has the card's id and timestamp and the columns the card
     * names (a label column is not kept: labels come in label batches).
     *
     * @throws dev.assay.failure.InvalidInput a bad batch (bad rows by line and column); nothing stored
     * @throws Malformed                      no batch id, or a card without id or timestamp column
     */
    public Stored predictions(String deploymentId, String batchId, DatasetService.Upload upload, Caller caller) {
        Deployment d = deployments.get(deploymentId);
        checkBatchId(batchId);
        ModelCard card = deployments.version(d).card();
        String id = card.columns().id().orElseThrow(() -> new Malformed(
                "The model card names no id column (columns.id): production predictions cannot be told apart"));
        String timestamp = card.columns().timestamp().orElseThrow(() -> new Malformed(
                "The model card names no timestamp column (columns.timestamp): production predictions need their time"));
        String key = BatchKey.of(d.id(), MonitoringBatch.Kind.PREDICTIONS, batchId);
        Optional<MonitoringBatch> before = repository.batch(key);
        if (before.isPresent()) {
            return new Stored(batchId, before.get().rows(), null, true);
        }
        Set<String> required = new LinkedHashSet<>(card.columns().named());
        card.columns().label().ifPresent(required::remove);
        required.add(timestamp);
        long windowMillis = d.monitoring().window().toMillis();
        Path staging = datasets.scratch(".batch");
        DatasetService.Staged staged = null;
        try {
            Files.createDirectories(staging);
            staged = datasets.stage(upload);
            // The batch's DuckDB work on a background thread, as its staging is (DatasetService.stage).
            Path stagedFile = staged.parquet();
            Instant latest = clock.instant().plus(futureTolerance());
            PredictionLog.Staged checked = background.call(() -> new PredictionLog(analytics.duckDb()).stagePredictions(
                    stagedFile, upload.format(), required, id, timestamp, card.columns().label().orElse(null), windowMillis,
                    latest, staging));
            FaultPoints.at("batch.staged");
            Instant now = clock.instant();
            List<BatchPartition> partitions = new ArrayList<>();
            Map<Path, Path> moves = new LinkedHashMap<>();
            var windowsPayload = Json.createArrayBuilder();
            for (Map.Entry<Long, Long> w : checked.counts().entrySet()) {
                partitions.add(new BatchPartition(key, d.id(), Instant.ofEpochMilli(w.getKey()), w.getValue()));
                moves.put(checked.files().get(w.getKey()), store.predictions(d.id(), w.getKey(), key));
                windowsPayload.add(Json.createObjectBuilder().add("start", Instant.ofEpochMilli(w.getKey()).toString())
                        .add("rows", w.getValue()));
            }
            MonitoringBatch batch = new MonitoringBatch(d.id(), MonitoringBatch.Kind.PREDICTIONS, batchId, checked.rows(),
                    null, staged.sha256(), caller.actor(), now);
            return commit(batch, partitions, moves, "predictions.stored", caller, Json.createObjectBuilder()
                    .add("deployment", d.id()).add("batch", batchId).add("rows", checked.rows())
                    .add("sha256", staged.sha256()).add("windows", windowsPayload).build());
        } catch (SQLException e) {
            throw new IllegalStateException("checking a prediction batch failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (staged != null) {
                deleteQuietly(staged.parquet());
            }
            deleteTree(staging);
        }
    }

    /**
     * Stores a batch of labels (the card's id and label columns). Labels whose prediction has not arrived are
     * kept all the same: every window audit joins the labels there are by then.
     */
    public Stored labels(String deploymentId, String batchId, DatasetService.Upload upload, Caller caller) {
        Deployment d = deployments.get(deploymentId);
        checkBatchId(batchId);
        ModelCard card = deployments.version(d).card();
        String id = card.columns().id().orElseThrow(() -> new Malformed(
                "The model card names no id column (columns.id): labels cannot find their predictions"));
        String label = card.columns().label().orElseThrow(() -> new Malformed(
                "The model card names no label column (columns.label)"));
        String key = BatchKey.of(d.id(), MonitoringBatch.Kind.LABELS, batchId);
        Optional<MonitoringBatch> before = repository.batch(key);
        if (before.isPresent()) {
            return new Stored(batchId, before.get().rows(), before.get().matched(), true);
        }
        Path staging = datasets.scratch(".labels");
        DatasetService.Staged staged = null;
        try {
            Files.createDirectories(staging);
            staged = datasets.stage(upload);
            Path stagedFile = staged.parquet();
            Path file = staging.resolve("labels.parquet");
            List<Path> predictions = predictionFiles(d.id());
            // On a background thread, as the staging is (DatasetService.stage): rows, then those whose prediction is here.
            long[] counted = background.call(() -> {
                PredictionLog log = new PredictionLog(analytics.duckDb());
                long labelRows = log.stageLabels(stagedFile, upload.format(), id, label, file);
                return new long[] {labelRows, log.matched(file, id, predictions)};
            });
            long rows = counted[0];
            long matched = counted[1];
            MonitoringBatch batch = new MonitoringBatch(d.id(), MonitoringBatch.Kind.LABELS, batchId, rows, matched,
                    staged.sha256(), caller.actor(), clock.instant());
            Stored stored = commit(batch, List.of(), Map.of(file, store.labels(d.id(), key)), "labels.stored", caller,
                    Json.createObjectBuilder().add("deployment", d.id()).add("batch", batchId).add("rows", rows)
                            .add("matched", matched).add("sha256", staged.sha256()).build());
            if (!stored.duplicate()) {
                // Windows audited before these labels came get a new audit now, not at the next scheduled close.
                windows.reauditLater(d.id());
            }
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException("checking a label batch failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (staged != null) {
                deleteQuietly(staged.parquet());
            }
            deleteTree(staging);
        }
    }

    /**
     * Commits, or finds that the same batch was committed meanwhile: a concurrent post of the same batch
     * id waits on the first's row and then fails on its primary key; the first one's batch is the answer.
     */
    private Stored commit(MonitoringBatch batch, List<BatchPartition> partitions, Map<Path, Path> moves, String kind,
                          Caller caller, jakarta.json.JsonObject payload) {
        // Noted until the commit is over, or its files are removed: a stop between placing the files and the end of
        // this method leaves the note, and the next start removes the files unless their batch committed.
        Scratch.Placing placing = datasets.scratchArea().placing(List.copyOf(moves.values()));
        try {
            commits.commit(batch, partitions, moves, kind, caller.actor(), payload);
            FaultPoints.at("batch.committed");
            return new Stored(batch.batchId(), batch.rows(), batch.matched(), false);
        } catch (RuntimeException e) {
            if (!(e instanceof Failure)) {
                // The other post may still be committing (a database that refuses at once instead of waiting).
                for (int i = 0; i < 100; i++) {
                    Optional<MonitoringBatch> other = repository.batch(batch.key());
                    if (other.isPresent()) {
                        return new Stored(batch.batchId(), other.get().rows(), other.get().matched(), true);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            // No other post committed it: this one failed. Files it may have placed have no row; remove them.
            moves.values().forEach(BatchService::deleteQuietly);
            throw e;
        } finally {
            placing.close();
        }
    }

    private static void checkBatchId(String batchId) {
        if (batchId == null || batchId.isBlank() || batchId.length() > MAX_BATCH_ID) {
            throw new Malformed("Query parameter 'batch' is required: the batch's id, 1-" + MAX_BATCH_ID
                    + " characters, the same on every retry");
        }
    }

    /** The committed prediction files of a deployment, every window. */
    public List<Path> predictionFiles(String deploymentId) {
        return repository.partitions(deploymentId).stream()
                .map(p -> store.predictions(deploymentId, p.windowStart().toEpochMilli(), p.batchKey())).toList();
    }

    /** The committed label files of a deployment, oldest first (a later label of an id wins). */
    public List<Path> labelFiles(String deploymentId) {
        return repository.batches(deploymentId, MonitoringBatch.Kind.LABELS).stream()
                .map(b -> store.labels(deploymentId, b.key())).toList();
    }

    /**
     * Removes batch files that no committed batch names (a post interrupted before its row committed): this server's
     * own {@code unfinished} placements at once, others once another server cannot be writing them (AssayConfig.SETTLED).
     */
    public void removeOrphans(Map<Path, Instant> unfinished) {
        try {
            List<Path> removed = store.removeOrphans(repository.batchKeys(), java.time.Instant.now().minus(AssayConfig.SETTLED),
                    unfinished);
            if (!removed.isEmpty()) {
                LOG.info("Removed " + removed.size() + " file(s) of production batches that never committed");
            }
        } catch (IOException e) {
            LOG.warning("cannot sweep production batch files: " + e.getMessage());
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // scratch files are swept at start-up; batch files without a row too
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(BatchService::deleteQuietly);
        } catch (IOException ignored) {
            // swept at start-up
        }
    }
}
