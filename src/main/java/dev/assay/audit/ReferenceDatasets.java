package dev.assay.audit;

import dev.assay.dataset.Dataset;
import dev.assay.dataset.DatasetScan;
import dev.assay.dataset.DatasetService;
import dev.assay.dataset.MissingValues;
import dev.assay.dataset.ParquetIngest;
import dev.assay.dataset.Reference;
import dev.assay.dataset.ReferencePin;
import dev.assay.dataset.ReferenceRoots;
import dev.assay.failure.Conflict;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.metric.engine.SparkEngine;
import dev.assay.metric.engine.SparkRemote;
import dev.assay.metric.scan.Row;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.SparkDialect;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Datasets audited where they live (issue 18 §2): a Parquet location or a catalog table the Spark cluster
 * reads, registered by reference instead of uploaded, and audited on the cluster with only aggregates coming
 * back.
 *
 * <p>Registration ({@link #register}) checks the name against the allowed roots and namespaces
 * ({@link ReferenceRoots}), has the cluster list the files and type the columns, pins the content
 * ({@link ReferencePin}: every file with its size, modification time and rows, and the SHA-256 of the Parquet
 * footers), refuses a reference any of whose files lies outside the roots, checks it as an upload is checked
 * and profiles it ({@link DatasetService#checkReference}), pins it again (what was checked is what is pinned),
 * and records it. An audit of a reference runs on an engine that re-pins every reference of the audit when it
 * opens and again before it closes ({@link #opener}): a reference whose content changed since it was pinned is
 * never reported on; the audit fails saying what changed ({@link ReferenceChanged}).
 */
@ApplicationScoped
public class ReferenceDatasets {

    @Inject
    AuditEngines engines;

    @Inject
    DatasetService datasets;

    @Inject
    AssayConfig config;

    /** What a client asks to register: exactly one of {@code location} and {@code table}, and the engine (null: Spark). */
    public record Request(String location, String table, String engine) {
    }

    /** The allowed roots and namespaces as configured ({@code ASSAY_REFERENCE_ROOTS}, {@code ASSAY_REFERENCE_TABLES}). */
    public ReferenceRoots roots() {
        return ReferenceRoots.of(config.env("ASSAY_REFERENCE_ROOTS"), config.env("ASSAY_REFERENCE_TABLES"));
    }

    /**
     * Registers a dataset by reference; nothing is stored unless every check passes.
     *
     * @throws InvalidInput a name outside the roots or malformed, no Spark configured, an engine other than
     *                      Spark, a location the cluster cannot read or that holds no file, a file outside the
     *                      roots, a card column missing or a role's values not as the card says
     * @throws Conflict     the content changed while it was being checked
     */
    public Dataset register(ModelVersion version, Dataset.Role role, Request request, Caller caller) {
        ReferenceRoots roots = roots();
        List<FieldError> errors = new ArrayList<>();
        if ((request.location() == null) == (request.table() == null)) {
            errors.add(FieldError.at("", "give exactly one of 'location' (a Parquet file, directory or glob) and 'table'"));
        }
        if (request.location() != null) {
            roots.locationProblem(request.location()).ifPresent(p -> errors.add(FieldError.at("/location", p)));
        }
        if (request.table() != null) {
            roots.tableProblem(request.table()).ifPresent(p -> errors.add(FieldError.at("/table", p)));
        }
        Optional<SparkRemote> remote = engines.spark();
        if (request.engine() != null && !request.engine().equals(Reference.SPARK)) {
            errors.add(FieldError.at("/engine", "datasets by reference are read and audited on Spark ('spark'); upload the file"
                    + " to audit it on DuckDB"));
        } else if (remote.isEmpty()) {
            errors.add(FieldError.at("/engine", "no Spark cluster is configured (ASSAY_SPARK_REMOTE): Assay cannot read a dataset by reference"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("The reference has " + errors.size() + " problem(s)", errors);
        }
        Reference.Kind kind = request.location() != null ? Reference.Kind.LOCATION : Reference.Kind.TABLE;
        String name = kind == Reference.Kind.LOCATION ? request.location() : request.table();
        String pointer = "/" + kind.key();
        try (SparkEngine spark = SparkEngine.connect(remote.get())) {
            Table raw = raw(kind, name);
            Map<String, String> types;
            ReferencePin pin;
            try {
                // Listed and checked against the roots before Assay reads any footer itself.
                List<SparkEngine.DataFile> files = files(spark, kind, name);
                if (files.isEmpty()) {
                    throw new InvalidInput("The reference holds no Parquet file", List.of(FieldError.at(pointer, "holds no Parquet file")));
                }
                if (files.size() > ReferencePin.MAX_FILES) {
                    throw new InvalidInput("The reference holds " + files.size() + " files; at most " + ReferencePin.MAX_FILES
                            + " pin one dataset", List.of(FieldError.at(pointer, "holds more than " + ReferencePin.MAX_FILES + " files")));
                }
                List<String> outside = files.stream().map(SparkEngine.DataFile::path).filter(p -> !roots.holds(p)).toList();
                if (!outside.isEmpty()) {
                    throw new InvalidInput("The reference reads " + outside.size() + " file(s) outside the roots Assay may read",
                            List.of(FieldError.at(pointer, "reads " + outside.get(0) + (outside.size() > 1 ? " and " + (outside.size() - 1)
                                    + " more file(s)" : "") + ", outside the roots Assay may read references from (ASSAY_REFERENCE_ROOTS)")));
                }
                pin = pin(name, files);
                types = spark.columns(raw);
            } catch (SQLException | IllegalStateException | UncheckedIOException e) {
                throw new InvalidInput("The reference cannot be read as Parquet: " + brief(e), List.of(FieldError.at(pointer,
                        "cannot be read as Parquet: " + brief(e))));
            }
            ParquetIngest.Profile profile = datasets.checkReference(version.card(), types, scan(spark, relation(raw, types)), raw.sql());
            List<String> changed = pin.changesSince(pin(name, files(spark, kind, name)));
            if (!changed.isEmpty() || profile.rows() != pin.rows()) {
                throw new Conflict("The reference changed while Assay checked it (" + (changed.isEmpty() ? profile.rows() + " rows read, "
                        + pin.rows() + " pinned" : String.join("; ", changed)) + "); register it again once it is written");
            }
            return datasets.addReference(version, role, new Reference(kind, name, Reference.SPARK, pin), profile, caller);
        } catch (SQLException e) {
            // The session could not be opened or a check's scan failed: the cluster's fault, not the request's.
            throw new IllegalStateException("the Spark cluster failed while registering a reference: " + e.getMessage(), e);
        }
    }

    /**
     * The engine an audit of datasets by reference runs on: a Spark Connect session of its own that, when it
     * opens and again before it closes (after the last scan), re-pins every one of {@code referenced} and
     * refuses ({@link ReferenceChanged}) when any changed since registration, so nothing is silently re-read.
     */
    public ScanEngine.Opener opener(List<Dataset> referenced) {
        SparkRemote remote = engines.spark().orElseThrow(() -> new IllegalStateException("dataset " + referenced.get(0).id()
                + " is a dataset by reference, audited on Spark, and no Spark cluster is configured (ASSAY_SPARK_REMOTE)"));
        return () -> {
            SparkEngine spark = SparkEngine.connect(remote);
            try {
                verify(spark, referenced);
            } catch (RuntimeException e) {
                spark.close();
                throw e;
            }
            return new PinnedEngine(spark, referenced);
        };
    }

    /** A dataset by reference as its audit reads it: with non-finite values missing, as an upload is stored. */
    public AuditEngine.Source source(Dataset dataset, Map<String, String> types) {
        Reference reference = dataset.reference().orElseThrow();
        Table relation = relation(raw(reference.kind(), reference.name()), types);
        return engine -> relation;
    }

    private void verify(SparkEngine spark, List<Dataset> referenced) {
        ReferenceRoots roots = roots();
        for (Dataset d : referenced) {
            Reference reference = d.reference().orElseThrow();
            List<String> changes;
            try {
                List<SparkEngine.DataFile> files = files(spark, reference.kind(), reference.name());
                List<String> outside = files.stream().map(SparkEngine.DataFile::path).filter(p -> !roots.holds(p)).toList();
                changes = !outside.isEmpty() ? outside.stream().map(p -> "file " + p + " lies outside the roots Assay may read").toList()
                        : reference.pin().changesSince(pin(reference.name(), files));
            } catch (SQLException | IllegalStateException | UncheckedIOException e) {
                changes = List.of("it cannot be read as pinned any more: " + brief(e));
            }
            if (!changes.isEmpty()) {
                throw new ReferenceChanged(d, reference, changes);
            }
        }
    }

    private static Table raw(Reference.Kind kind, String name) {
        return kind == Reference.Kind.TABLE ? SparkEngine.named(ReferenceRoots.tableParts(name))
                : SparkEngine.location(name);
    }

    private static Table relation(Table raw, Map<String, String> types) {
        return new Table(MissingValues.canonical(SparkDialect.INSTANCE, raw.sql(), types));
    }

    private static List<SparkEngine.DataFile> files(SparkEngine spark, Reference.Kind kind, String name) throws SQLException {
        return kind == Reference.Kind.TABLE ? spark.files(ReferenceRoots.tableParts(name)) : spark.files(name);
    }

    /** The pin of the listed files: their footers are read here (file: paths), once the files are known to lie inside the roots. */
    private static ReferencePin pin(String name, List<SparkEngine.DataFile> files) {
        return ReferencePin.of(name, files.stream().map(f -> new ReferencePin.File(f.path(), f.size(), f.modified(), f.rows())).toList());
    }

    /** The checks' and profile's SQL on the cluster: each value read as text. */
    private static DatasetScan scan(SparkEngine spark, Table relation) {
        return DatasetScan.of(SparkDialect.INSTANCE, relation.sql(), sql -> {
            List<List<String>> rows = new ArrayList<>();
            spark.scan(sql, r -> rows.add(texts(r)));
            return rows;
        });
    }

    private static List<String> texts(Row r) throws SQLException {
        List<String> row = new ArrayList<>(r.size());
        for (int i = 1; i <= r.size(); i++) {
            row.add(r.getString(i));
        }
        return row;
    }

    /** The first line of an engine's message (Spark's carry a stack of context after it). */
    private static String brief(Exception e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() <= 300 ? m : m.substring(0, 297) + "...";
    }

    /**
     * A Spark engine whose references are re-pinned before it closes: a scan that ran while a file was being
     * replaced fails the audit instead of reporting on a mixture.
     */
    private final class PinnedEngine implements ScanEngine {

        private final SparkEngine spark;
        private final List<Dataset> referenced;

        PinnedEngine(SparkEngine spark, List<Dataset> referenced) {
            this.spark = spark;
            this.referenced = referenced;
        }

        @Override
        public SqlDialect dialect() {
            return spark.dialect();
        }

        @Override
        public Table table(Path parquet) {
            return spark.table(parquet);
        }

        @Override
        public void scan(String sql, RowVisitor visitor) throws SQLException {
            spark.scan(sql, visitor);
        }

        @Override
        public void close() throws SQLException {
            try {
                verify(spark, referenced);
            } finally {
                spark.close();
            }
        }
    }
}
