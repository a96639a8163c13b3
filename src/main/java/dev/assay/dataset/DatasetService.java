package dev.assay.dataset;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.failure.Malformed;
import dev.assay.failure.NotFound;
import dev.assay.failure.TooLarge;
import dev.assay.infrastructure.Analytics;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.BackgroundWork;
import dev.assay.infrastructure.Clocks;
import dev.assay.infrastructure.FaultPoints;
import dev.assay.infrastructure.Scratch;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import jakarta.annotation.PostConstruct;
import dev.assay.ledger.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Ingests uploads: spool (hash, size, CSV structure) -> describe -> check the card's columns ->
 * Parquet into the store -> profile -> record. Any failure removes what this upload wrote, so bad
 * input leaves nothing stored.
 */
@ApplicationScoped
public class DatasetService {

    private static final Logger LOG = Logger.getLogger(DatasetService.class.getName());

    @Inject
    AssayConfig config;

    @Inject
    Analytics analytics;

    @Inject
    DatasetRepository datasets;

    @Inject
    Ledger ledger;

    @Inject
    BackgroundWork background;

    @Inject
    DatasetRecords records;

    Clock clock = Clocks.UTC_MICROS;
    private DatasetStore store;

    @PostConstruct
    void init() {
        store = new DatasetStore(config.dataDir(), config.scratch());
        try {
            store.init();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DatasetStore store() {
        return store;
    }

    /**
     * The Parquet file of a stored dataset: what an audit scans, without reaching into the store.
     *
     * @throws IllegalStateException for a dataset by reference, which is not in the store (it is read where it lives)
     */
    public Path file(Dataset dataset) {
        if (dataset.reference().isPresent()) {
            throw new IllegalStateException("dataset " + dataset.id() + " is a dataset by reference: it is read where it lives,"
                    + " on its engine, not from Assay's dataset store");
        }
        return store.parquetFor(dataset.sha256());
    }

    /** What the client sent: the bytes, their format, and a declared CSV delimiter if any. */
    public record Upload(InputStream body, DatasetFormat format, Character delimiter) {
    }

    /**
     * Stores an upload as a dataset of {@code version}, or refuses it with nothing stored. The file work (spool
     * with its hash, checks, Parquet into the store once per content, profile, the card's column roles) runs on a
     * background thread ({@link BackgroundWork}) while this one waits, so that an upload yields the cores to short
     * requests such as the gate. No transaction is held meanwhile: the row and its ledger entry commit in
     * {@link DatasetRecords#record}, and a Parquet file this upload placed into the store is noted
     * ({@link dev.assay.infrastructure.Scratch#placing}) until that commit is over, so that a crash in between leaves
     * nothing the next start does not remove.
     *
     * @throws InvalidInput a file that cannot be read as its format, or that lacks what the card says of its columns
     * @throws TooLarge     past the configured maximum upload size
     * @throws Malformed    an upload that stopped before its end
     */
    public Dataset ingest(ModelVersion version, Dataset.Role role, Upload upload, Caller caller) {
        Path spooled = store.scratch(".upload");
        Path parquet = store.scratch(".parquet");
        String publishedSha = null;
        Scratch.Placing placing = null;
        try {
            Checked checked = background.call(() -> check(version, upload, spooled, parquet));
            placing = checked.placing();
            Spool.Spooled file = checked.file();
            publishedSha = checked.published() ? file.sha256() : null;
            ParquetIngest.Profile profile = checked.profile();
            Dataset dataset = record(version, role, file.sha256(), upload.format(), file.size(), profile, caller);
            publishedSha = null;
            return dataset;
        } catch (IngestException e) {
            throw new InvalidInput("The file cannot be read: " + e.getMessage(),
                    List.of(e.line() == null ? FieldError.at("", e.getMessage())
                            : FieldError.atLine(e.line(), e.column(), e.getMessage())));
        } catch (Spool.TooLarge e) {
            throw new TooLarge(e.getMessage());
        } catch (IOException e) {
            // The container's message names its own codes and classes; the client hears what happened.
            throw new Malformed("The upload could not be read to its end: the connection ended, or the body was"
                    + " shorter than its Content-Length");
        } catch (SQLException e) {
            throw new IllegalStateException("profiling a stored dataset failed", e);
        } catch (RuntimeException e) {
            // A Failure of the background work (a 422 of the checks) goes to the caller as it is.
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("ingesting an upload failed", e);
        } finally {
            deleteQuietly(spooled);
            deleteQuietly(parquet);
            if (publishedSha != null) {
                // The record was not written: the Parquet file this upload added must not stay.
                removeQuietly(publishedSha);
            }
            if (placing != null) {
                placing.close();
            }
        }
    }

    /** What the file work of an ingest found: the spooled upload, its stored Parquet's profile, and whether this upload added that Parquet. */
    private record Checked(Spool.Spooled file, ParquetIngest.Profile profile, boolean published,
                           Scratch.Placing placing) {
    }

    /**
     * The file work of {@link #ingest}, on a background thread: read and spool, write the Parquet unless the
     * store has this content already, profile it, check the card's column roles against it. A Parquet file this
     * call added is removed again when a check refuses the upload.
     */
    private Checked check(ModelVersion version, Upload upload, Path spooled, Path parquet)
            throws IOException, IngestException, SQLException {
        Read read = read(upload, spooled, version.card().columns().named());
        Spool.Spooled file = read.file();
        ParquetIngest ingest = read.ingest();
        requireCardColumns(version.card(), read.names(), "file");
        FaultPoints.at("dataset.spooled");
        boolean published = false;
        Scratch.Placing placing = null;
        if (!store.contains(file.sha256())) {
            ingest.writeParquet(read.source(), parquet);
            FaultPoints.at("dataset.parquet-written");
            placing = store.scratchArea().placing(List.of(store.parquetFor(file.sha256())));
            published = store.publish(parquet, file.sha256());
            FaultPoints.at("dataset.published");
        } else {
            // Stored by an earlier upload: kept from another start's sweep while this one records its row.
            store.touch(file.sha256());
        }
        try {
            Path stored = store.parquetFor(file.sha256());
            ParquetIngest.Profile profile = ingest.profile(stored);
            requireRoles(version.card(), stored, profile, upload.format());
            return new Checked(file, profile, published, placing);
        } catch (RuntimeException | SQLException e) {
            if (published) {
                removeQuietly(file.sha256());
            }
            if (placing != null) {
                placing.close();
            }
            throw e;
        }
    }

    private void removeQuietly(String sha256) {
        try {
            store.remove(sha256);
        } catch (IOException ignored) {
            // Left for a later upload of the same bytes; it is content-addressed.
        }
    }

    /**
     * Stores a window's slice as a dataset of role {@code window}: the Parquet file Assay wrote itself
     * ({@code monitoring/WindowContent}) is moved into the store as it is, under the SHA-256 of its bytes, which the
     * writer computed once; nothing is spooled, copied or written again. Its values are canonical already: they come
     * from stored prediction and label batches, read as uploads are ({@link #stage}). Then profiled and checked against
     * the card as {@link #ingest} does, and recorded with the same ledger entry. The caller's file is gone afterwards
     * (moved, or deleted when the store already held the same bytes).
     *
     * @param parquet in the store's scratch area ({@link #scratch}), so the move is a rename
     * @param sha256  the SHA-256 of {@code parquet}'s bytes
     * @throws InvalidInput when the slice does not hold what the card says of its columns
     */
    public Dataset addWindow(ModelVersion version, Path parquet, String sha256, Caller caller) {
        String publishedSha = null;
        Scratch.Placing placing = null;
        try {
            long size = Files.size(parquet);
            // Noted until the row has committed, as an upload's file is (see ingest).
            placing = store.scratchArea().placing(List.of(store.parquetFor(sha256)));
            if (store.publish(parquet, sha256)) {
                publishedSha = sha256;
            } else {
                store.touch(sha256);
            }
            Path stored = store.parquetFor(sha256);
            // Profiled and checked on a background thread, as an upload's file work is (see ingest).
            ParquetIngest.Profile profile = background.call(() -> {
                ParquetIngest.Profile p = new ParquetIngest(analytics.duckDb()).profile(stored);
                List<String> names = p.columns().stream().map(ColumnProfile::name).toList();
                if (names.size() > ParquetIngest.MAX_COLUMNS) {
                    // Each batch was held to the bound; batches with different columns may pass it together.
                    throw new InvalidInput("The window has " + names.size() + " columns; at most " + ParquetIngest.MAX_COLUMNS
                            + " are allowed", List.of(FieldError.at("/columns", "more than " + ParquetIngest.MAX_COLUMNS + " columns")));
                }
                requireCardColumns(version.card(), names, "file");
                requireRoles(version.card(), stored, p, DatasetFormat.PARQUET);
                return p;
            });
            Dataset dataset = record(version, Dataset.Role.WINDOW, sha256, DatasetFormat.PARQUET, size, profile, caller);
            publishedSha = null;
            return dataset;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("profiling a stored dataset failed", e);
        } catch (RuntimeException e) {
            // A Failure of the background work (a 422 of the checks) goes to the caller as it is.
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("storing a window's slice failed", e);
        } finally {
            deleteQuietly(parquet);
            if (publishedSha != null) {
                removeQuietly(publishedSha);
            }
            if (placing != null) {
                placing.close();
            }
        }
    }

    /**
     * Removes the store's Parquet files no dataset row names (on start, before uploads): those older than
     * {@link AssayConfig#SETTLED}, and those of {@code unfinished}, this server's placements a stop interrupted.
     */
    public void removeOrphans(Map<Path, Instant> unfinished) {
        try {
            List<Path> removed = store.removeOrphans(datasets.allSha256(), Instant.now().minus(AssayConfig.SETTLED),
                    unfinished);
            if (!removed.isEmpty()) {
                LOG.info("Removed " + removed.size() + " dataset file(s) whose upload never recorded its row");
            }
        } catch (IOException e) {
            LOG.warning("cannot sweep the dataset store: " + e.getMessage());
        }
    }

    /** What {@link RoleChecks} and {@link FrequencyWeights} find in a stored file, or nothing; else a 422 naming each. */
    private void requireRoles(ModelCard card, Path stored, ParquetIngest.Profile profile, DatasetFormat format) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Integer> positions = new LinkedHashMap<>();
        profile.columns().forEach(col -> {
            positions.put(col.name(), types.size());
            types.put(col.name(), col.type());
        });
        List<FieldError> problems = new ArrayList<>();
        try (Connection c = analytics.duckDb().open()) {
            DatasetScan scan = DatasetScan.duckDb(c, stored);
            problems.addAll(RoleChecks.problems(scan, card, types, positions, format));
            if (card.columns().weight().isPresent()) {
                String weight = card.columns().weight().get();
                FrequencyWeights.firstProblem(scan, weight, types.get(weight), format).ifPresent(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput("The file does not hold what the model card says of its columns: "
                    + String.join("; ", problems.stream().map(FieldError::message).toList()), problems);
        }
    }

    /** The dataset's row and its {@code dataset.ingested} ledger entry, committed together ({@link DatasetRecords}). */
    private Dataset record(ModelVersion version, Dataset.Role role, String sha256, DatasetFormat format, long size,
                           ParquetIngest.Profile profile, Caller caller) {
        Dataset dataset = new Dataset(UUID.randomUUID().toString(), version.id(), role, sha256, format, size, profile.rows(),
                profile.columns(), caller.actor(), clock.instant());
        records.record(dataset, "dataset.ingested", caller.actor(), Json.createObjectBuilder()
                .add("modelVersion", version.id()).add("role", role.id()).add("sha256", sha256)
                .add("rows", profile.rows()).build());
        return dataset;
    }

    /** An upload read as a dataset upload is, but not stored: canonical Parquet in the scratch area, for the caller to take. */
    public record Staged(Path parquet, String sha256, long size) {
    }

    /**
     * Reads an upload the way {@link #ingest} does (spool with its hash and size, CSV structure check, DuckDB
     * to canonical Parquet) without storing or recording anything: production batches (monitoring) check and
     * place the file themselves. The caller deletes {@link Staged#parquet()}.
     *
     * @throws InvalidInput a file that is empty or cannot be read as its format (with its line when known)
     * @throws TooLarge     past the configured maximum upload size
     * @throws Malformed    an upload that stopped before its end
     */
    public Staged stage(Upload upload) {
        Path spooled = store.scratch(".upload");
        Path parquet = store.scratch(".parquet");
        boolean kept = false;
        try {
            // On a background thread, as an ingest's file work is (see ingest).
            Staged staged = background.call(() -> {
                Read read = read(upload, spooled, List.of());
                read.ingest().writeParquet(read.source(), parquet);
                return new Staged(parquet, read.file().sha256(), read.file().size());
            });
            kept = true;
            return staged;
        } catch (IngestException e) {
            throw new InvalidInput("The file cannot be read: " + e.getMessage(),
                    List.of(e.line() == null ? FieldError.at("", e.getMessage())
                            : FieldError.atLine(e.line(), e.column(), e.getMessage())));
        } catch (Spool.TooLarge e) {
            throw new TooLarge(e.getMessage());
        } catch (IOException e) {
            throw new Malformed("The upload could not be read to its end: " + e.getMessage());
        } catch (RuntimeException e) {
            // A Failure of the background work (a 422 of the checks) goes to the caller as it is.
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("staging an upload failed", e);
        } finally {
            deleteQuietly(spooled);
            if (!kept) {
                deleteQuietly(parquet);
            }
        }
    }

    /** An upload spooled and checked as every upload is, and the source DuckDB reads it from. */
    private record Read(Spool.Spooled file, ParquetIngest ingest, ParquetIngest.Source source, List<String> names) {
    }

    /**
     * The one way an upload is read, for datasets and production batches alike: spooled with its hash and size
     * and the CSV structure checked as it streams; refused when empty or malformed; the decimal separator
     * sniffed; text that DuckDB would guess boolean kept as text; mixed line endings read; at most
     * {@link ParquetIngest#MAX_COLUMNS} columns. {@code cardColumns}: the names the caller needs, so that
     * DuckDB is asked for the columns only when the CSV header does not hold them verbatim (it renames
     * duplicate headers: score, score_1).
     */
    private Read read(Upload upload, Path spooled, java.util.Collection<String> cardColumns) throws IOException, IngestException {
        CsvStructureCheck csv = upload.format() == DatasetFormat.CSV
                ? new CsvStructureCheck(CsvStructureCheck.DEFAULT_MAX_FIELD_BYTES, upload.delimiter()) : null;
        Spool.Spooled file = spool(upload.body(), spooled, csv);
        if (file.size() == 0) {
            throw new InvalidInput("The uploaded file is empty", List.of(FieldError.atLine(1, null, "no bytes received")));
        }
        if (csv != null) {
            csv.finish().ifPresent(v -> {
                throw new InvalidInput("The file is not well-formed CSV: " + v.message() + " (line " + v.line() + ")",
                        List.of(FieldError.atLine(v.line(), v.field(), v.message())));
            });
        }
        ParquetIngest ingest = new ParquetIngest(analytics.duckDb());
        ParquetIngest.Source source = ingest.keepText(ingest.sniffDecimalSeparator(new ParquetIngest.Source(spooled,
                upload.format(), csv == null ? ',' : csv.delimiter()).withMixedLineEndings(csv != null && csv.mixedLineEndings())));
        List<String> names = csv != null && csv.header().containsAll(cardColumns)
                ? csv.header()
                : ingest.describe(source).stream().map(ColumnProfile::name).toList();
        if (names.size() > ParquetIngest.MAX_COLUMNS) {
            // CSV headers are bounded as they stream past (CsvStructureCheck); JSON Lines and Parquet here.
            throw new InvalidInput("The file has " + names.size() + " columns; at most " + ParquetIngest.MAX_COLUMNS
                    + " are allowed", List.of(FieldError.atLine(1, null, "more than " + ParquetIngest.MAX_COLUMNS + " columns")));
        }
        return new Read(file, ingest, source, names);
    }

    /** A fresh path in the store's scratch area (swept at start-up). */
    public Path scratch(String suffix) {
        return store.scratch(suffix);
    }

    /** This server's scratch area, where what it places into a store is noted until its row commits. */
    public Scratch scratchArea() {
        return store.scratchArea();
    }

    private Spool.Spooled spool(InputStream body, Path target, CsvStructureCheck csv) throws IOException {
        return Spool.write(body, target, config.maxUploadBytes(), csv);
    }

    /** Every column the card names is one of {@code columns}, or a 422 naming each missing one; {@code what}: "file", "reference". */
    private static void requireCardColumns(ModelCard card, List<String> columns, String what) {
        Set<String> present = Set.copyOf(columns);
        List<String> missing = card.columns().named().stream().filter(n -> !present.contains(n)).toList();
        if (!missing.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            missing.forEach(m -> errors.add(FieldError.at("/columns", "column '" + m + "' named by the model card is not in the " + what)));
            throw new InvalidInput("The " + what + " lacks column(s) the model card names: " + String.join(", ", missing)
                    + ". Columns in the " + what + ": " + String.join(", ", columns),
                    errors);
        }
    }

    /**
     * Checks a dataset by reference as an upload is checked, where it lives: at most
     * {@link ParquetIngest#MAX_COLUMNS} columns, every column the card names present, the role columns' values
     * (numbers where the role needs them, the card's values matching rows: {@link RoleChecks}) and frequency
     * weights ({@link FrequencyWeights}); then profiles it ({@link ReferenceProfile}). Only aggregates and at most
     * a few values for a refusal come back. Records nothing: {@link #addReference} does, once this passed.
     *
     * @param types every column of the reference with its type (DuckDB's names), in order
     * @param data  the reference as audits read it; {@code raw} the relation before non-finite values are made missing
     * @throws InvalidInput naming each column or card field that does not hold
     */
    public ParquetIngest.Profile checkReference(ModelCard card, Map<String, String> types, DatasetScan data, String raw)
            throws SQLException {
        if (types.size() > ParquetIngest.MAX_COLUMNS) {
            throw new InvalidInput("The reference has " + types.size() + " columns; at most " + ParquetIngest.MAX_COLUMNS
                    + " are allowed", List.of(FieldError.at("/columns", "more than " + ParquetIngest.MAX_COLUMNS + " columns")));
        }
        requireCardColumns(card, List.copyOf(types.keySet()), "reference");
        List<FieldError> problems = new ArrayList<>(RoleChecks.problems(data, card, types, Map.of(), null));
        if (card.columns().weight().isPresent()) {
            String weight = card.columns().weight().get();
            FrequencyWeights.firstProblem(data, weight, types.get(weight), null).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput("The reference does not hold what the model card says of its columns: "
                    + String.join("; ", problems.stream().map(FieldError::message).toList()), problems);
        }
        return ReferenceProfile.of(data, raw, types);
    }

    /** Records a dataset by reference that {@link #checkReference} passed, with its ledger entry, in one transaction. */
    @Transactional
    public Dataset addReference(ModelVersion version, Dataset.Role role, Reference reference, ParquetIngest.Profile profile,
                                Caller caller) {
        Dataset dataset = Dataset.byReference(UUID.randomUUID().toString(), version.id(), role, reference, profile.rows(),
                profile.columns(), caller.actor(), clock.instant());
        datasets.add(dataset);
        ledger.append("dataset.referenced", dataset.id(), caller.actor(), Json.createObjectBuilder()
                .add("modelVersion", version.id()).add("role", role.id()).add("sha256", dataset.sha256())
                .add("rows", profile.rows()).add("reference", reference.summary()).build());
        return dataset;
    }

    public Dataset get(String id) {
        return datasets.find(id).orElseThrow(() -> new NotFound("No dataset " + id));
    }

    public List<Dataset> ofVersion(String modelVersionId) {
        return datasets.ofVersion(modelVersionId);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // scratch files are also swept at start-up
        }
    }
}
