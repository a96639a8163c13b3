package dev.assay.metric.counts;

import dev.assay.metric.Tables;
import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.metric.engine.MetricCatalogue;
import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Sql;
import jakarta.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-scan plan against counts computed row by row in plain Java. */
class AggregationPlanTest {

    /** A column name built to break naive SQL: quotes, a semicolon and a comment marker. */
    private static final String HOSTILE = "se\"x'; DROP TABLE t; --";

    @TempDir
    Path dir;

    private DuckDb duckDb;

    record Row(String sex, String race, Integer prediction, Integer label) {
    }

    @BeforeEach
    void setUp() {
        duckDb = DuckDb.withDefaults(dir);
    }

    private static List<Row> rows(long seed, int n) {
        Random r = new Random(seed);
        String[] races = {"A", "B", "C", "D"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String sex = r.nextInt(20) == 0 ? null : (r.nextBoolean() ? "F" : "M");
            String race = races[r.nextInt(races.length)];
            Integer prediction = r.nextInt(50) == 0 ? null : r.nextInt(2);
            Integer label = r.nextInt(40) == 0 ? null : r.nextInt(2);
            rows.add(new Row(sex, race, prediction, label));
        }
        return rows;
    }

    private Path parquet(List<Row> rows, String name) throws IOException, SQLException {
        Path csv = dir.resolve(name + ".csv");
        try (Writer w = Files.newBufferedWriter(csv)) {
            w.write("\"" + HOSTILE.replace("\"", "\"\"") + "\",race,pred,label\n");
            for (Row row : rows) {
                w.write((row.sex() == null ? "" : row.sex()) + "," + row.race() + ","
                        + (row.prediction() == null ? "" : row.prediction()) + ","
                        + (row.label() == null ? "" : row.label()) + "\n");
            }
        }
        Path out = dir.resolve(name + ".parquet");
        try (Connection c = duckDb.open(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv(" + Sql.literal(csv.toString()) + ", header = true, "
                    + "columns = {" + Sql.literal(HOSTILE) + ": 'VARCHAR', 'race': 'VARCHAR', 'pred': 'INTEGER', 'label': 'INTEGER'}))"
                    + " TO " + Sql.literal(out.toString()) + " (FORMAT parquet)");
        }
        return out;
    }

    private static OutcomeColumns outcomes() {
        return new OutcomeColumns("pred", Optional.of(Json.createValue(1)), Optional.of("label"), Optional.of(Json.createValue(1)), List.of(Json.createValue(1)), Optional.empty(),
                Map.of(HOSTILE, "VARCHAR", "race", "VARCHAR", "pred", "INTEGER", "label", "INTEGER"));
    }

    private static List<Scope> scopes() {
        return List.of(Scope.of(HOSTILE), Scope.of("race"), Scope.of(HOSTILE, "race"));
    }

    private Aggregates aggregate(Path parquet) throws SQLException {
        try (DuckDbEngine c = DuckDbEngine.open(duckDb)) {
            return new AggregationPlan(scopes(), outcomes()).execute(c, c.table(parquet));
        }
    }

    /** The same counts, row by row, the obvious way. */
    private static Map<GroupKey, GroupState> expected(List<Row> rows, boolean bySex, boolean byRace) {
        Map<GroupKey, GroupState> out = new HashMap<>();
        for (Row r : rows) {
            List<String> key = new ArrayList<>();
            if (bySex) {
                key.add(r.sex());
            }
            if (byRace) {
                key.add(r.race());
            }
            boolean predicted = r.prediction() != null;
            boolean favorable = predicted && r.prediction() == 1;
            boolean both = predicted && r.label() != null;
            long tp = both && r.label() == 1 && r.prediction() == 1 ? 1 : 0;
            long fp = both && r.label() == 0 && r.prediction() == 1 ? 1 : 0;
            long fn = both && r.label() == 1 && r.prediction() == 0 ? 1 : 0;
            long tn = both && r.label() == 0 && r.prediction() == 0 ? 1 : 0;
            // Favorable outcome and positive label are both 1 here: b = 2 on a false positive, 0 on a false negative.
            // The label's own counts take every labeled row, with a prediction or not.
            long labels = r.label() != null ? 1 : 0;
            long labelPositives = r.label() != null && r.label() == 1 ? 1 : 0;
            out.merge(new GroupKey(key), new GroupState(1, predicted ? 1 : 0, favorable ? 1 : 0, tp, fp, fn, tn, 0, 0.0, fp, fn,
                    labels, labelPositives), GroupState::merge);
        }
        return out;
    }

    @Test
    void countsEqualRowByRowCountsForEveryScope() throws Exception {
        List<Row> rows = rows(42, 5000);
        Aggregates a = aggregate(parquet(rows, "all"));
        assertEquals(expected(rows, true, false), a.groups(Scope.of(HOSTILE)));
        assertEquals(expected(rows, false, true), a.groups(Scope.of("race")));
        assertEquals(expected(rows, true, true), a.groups(Scope.of(HOSTILE, "race")));
        assertEquals(expected(rows, false, false).values().iterator().next(), a.overall());
        assertEquals(5000, a.overall().rows());
    }

    @Test
    void permutingRowsChangesNothing() throws Exception {
        List<Row> rows = rows(7, 3000);
        List<Row> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(1));
        assertEquals(aggregate(parquet(rows, "a")), aggregate(parquet(shuffled, "b")));
    }

    @Test
    void mergedPartitionStatesEqualTheWhole() throws Exception {
        List<Row> rows = rows(9, 4000);
        Aggregates whole = aggregate(parquet(rows, "whole"));
        Aggregates first = aggregate(parquet(rows.subList(0, 1234), "p1"));
        Aggregates second = aggregate(parquet(rows.subList(1234, rows.size()), "p2"));
        Aggregates merged = first.merge(second);
        for (Scope s : scopes()) {
            assertEquals(whole.groups(s), merged.groups(s), s.id());
        }
        assertEquals(whole.overall(), merged.overall());
    }

    @Test
    void anEmptyIntersectionIsAGroupWithNoRows() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new Row("F", "A", 1, 1));
            rows.add(new Row("M", "B", 0, 1));
        }
        Aggregates a = aggregate(parquet(rows, "sparse"));
        var intersection = a.groups(Scope.of(HOSTILE, "race"));
        assertEquals(4, intersection.size(), intersection.toString());
        assertEquals(GroupState.EMPTY, intersection.get(new GroupKey(List.of("F", "B"))));
        assertEquals(GroupState.EMPTY, intersection.get(new GroupKey(List.of("M", "A"))));
        assertEquals(10, intersection.get(new GroupKey(List.of("F", "A"))).rows());
        var rate = MetricCatalogue.find("selection_rate").orElseThrow().computation()
                .compute(Scope.of(HOSTILE, "race"), a, MetricParameters.DEFAULTS);
        MetricValue empty = rate.stream().filter(v -> "F*B".equals(v.group())).findFirst().orElseThrow();
        assertEquals(null, empty.value());
        assertEquals(0, empty.n());
    }

    @Test
    void identifiersAreQuotedInTheSql() {
        String sql = new AggregationPlan(scopes(), outcomes()).sql(new dev.assay.metric.scan.Table("read_parquet('/tmp/x.parquet')"));
        assertEquals(true, sql.contains(Sql.identifier(HOSTILE)));
        assertEquals(false, sql.contains(" " + HOSTILE), "the raw name never appears unquoted");
        assertEquals("\"se\"\"x'; DROP TABLE t; --\"", Sql.identifier(HOSTILE));
    }

    /** The sample median, by either path (histogram or DuckDB's median), weighted or not, against its definition. */
    @org.junit.jupiter.api.Test
    void theMedianIsExactOnEveryPath() throws Exception {
        assertEquals(2.0, median("s\n1\n2\n2\n3\n", null), 0);
        assertEquals(2.5, median("s\n4\n1\n3\n2\n", null), 0);
        assertEquals(2.0, median("s\n1\n\n3\n", null), 0, "nulls are not scores");
        assertTrue(Double.isNaN(median("s\n\n\n", null)), "no score, no median");
        // Weighted: 1 x1, 2 x0, 3 x2 is the sample 1, 3, 3; 1 x2, 2 x2 is 1, 1, 2, 2.
        assertEquals(3.0, median("s,w\n1,1\n2,0\n3,2\n", "w"), 0);
        assertEquals(1.5, median("s,w\n1,2\n2,2\n", "w"), 0);
        // Continuous scores, beyond the histogram's limit of distinct values: DuckDB's median path.
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int n = (int) AggregationPlan.HISTOGRAM_MEDIAN_LIMIT + 50_001;
        double[] values = new double[n];
        StringBuilder csv = new StringBuilder("s\n");
        for (int k = 0; k < n; k++) {
            values[k] = random.nextDouble();
            csv.append(values[k]).append('\n');
        }
        java.util.Arrays.sort(values);
        assertEquals(values[n / 2], median(csv.toString(), null), 0, "an odd count: the middle value");
        StringBuilder even = new StringBuilder(csv).append("2.0\n");
        assertEquals((values[n / 2] + values[n / 2 + 1]) / 2, median(even.toString(), null), 1e-15);
    }

    private double median(String csv, String weight) throws Exception {
        Path file = Tables.toParquet(dir, csv, weight == null ? "{'s': 'DOUBLE'}" : "{'s': 'DOUBLE', 'w': 'BIGINT'}");
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            return AggregationPlan.median(c, c.table(file), "s", java.util.Optional.ofNullable(weight));
        }
    }
}
