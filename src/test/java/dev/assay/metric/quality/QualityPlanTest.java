package dev.assay.metric.quality;

import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.metric.privacy.AnonymityPlan;
import dev.assay.metric.privacy.EquivalenceClasses;
import dev.assay.infrastructure.DuckDb;
import dev.assay.it.SharedData;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Tables;
import dev.assay.metric.privacy.LDiversity;
import dev.assay.metric.privacy.ReidentificationRisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QualityPlanTest {

    @TempDir
    Path dir;

    /** A column distinct on every row spares the DISTINCT over whole rows; the count is the one that scan gives. */
    @Test
    void duplicateRowsWithAndWithoutAKeyColumn() throws Exception {
        Map<String, String> types = Map.of("id", "INTEGER", "b", "VARCHAR");
        QualityPlan plan = new QualityPlan(List.of("id", "b"), types);
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            Path keyed = Tables.toParquet(dir, "id,b\n1,x\n2,x\n3,y\n", "{'id': 'INTEGER', 'b': 'VARCHAR'}");
            Map<String, ColumnState> columns = plan.columns(c, c.table(keyed));
            assertEquals(0.0, QualityMetrics.dataset("duplicate_rows", plan.dataset(c, c.table(keyed), columns)).value(), 0);
            assertEquals(0.0, QualityMetrics.dataset("duplicate_rows", plan.dataset(c, c.table(keyed))).value(), 0, "the full scan agrees");
            // The id repeats (and one is missing): no column is a key, the whole rows are compared.
            Path repeated = Tables.toParquet(dir, "id,b\n1,x\n1,x\n,y\n,y\n2,y\n", "{'id': 'INTEGER', 'b': 'VARCHAR'}");
            assertEquals(2.0, QualityMetrics.dataset("duplicate_rows",
                    plan.dataset(c, c.table(repeated), plan.columns(c, c.table(repeated)))).value(), 0);
        }
    }

    @Test
    void qualityAndRiskByHand() throws Exception {
        // Rows: (1, x), (2, y), (2, y), (null, z).
        Path parquet = Tables.toParquet(dir, "a,b\n1,x\n2,y\n2,y\n,z\n", "{'a': 'INTEGER', 'b': 'VARCHAR'}");
        QualityPlan plan = new QualityPlan(List.of("a", "b"), Map.of("a", "INTEGER", "b", "VARCHAR"));
        AnonymityPlan risk = new AnonymityPlan(List.of("a", "b"), Map.of("a", "INTEGER", "b", "VARCHAR"), 5);
        Map<String, ColumnState> columns;
        DatasetState dataset;
        EquivalenceClasses classes;
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            columns = plan.columns(c, c.table(parquet));
            dataset = plan.dataset(c, c.table(parquet));
            classes = risk.classes(c, c.table(parquet));
        }
        assertEquals(0.75, QualityMetrics.column("completeness", "a", columns.get("a"), 0.95).value(), 1e-12);
        assertEquals(2.0, QualityMetrics.column("distinct_count", "a", columns.get("a"), 0.95).value(), 0);
        // Deequ 1.1+ (awslabs/deequ#180): over the non-null values. a = 1, 2, 2, null: 1 of 3 values occurs once.
        assertEquals(1.0 / 3, QualityMetrics.column("uniqueness", "a", columns.get("a"), 0.95).value(), 1e-12);
        assertEquals(3, QualityMetrics.column("uniqueness", "a", columns.get("a"), 0.95).n());
        // b = x, y, y, z, no null: x and z of 4.
        assertEquals(0.5, QualityMetrics.column("uniqueness", "b", columns.get("b"), 0.95).value(), 1e-12);
        assertEquals(1.0, QualityMetrics.column("minimum", "a", columns.get("a"), 0.95).value(), 0);
        assertEquals(2.0, QualityMetrics.column("maximum", "a", columns.get("a"), 0.95).value(), 0);
        assertNull(QualityMetrics.column("minimum", "b", columns.get("b"), 0.95).value(), "not numeric");
        assertEquals(4.0, QualityMetrics.dataset("row_count", dataset).value(), 0);
        assertEquals(1.0, QualityMetrics.dataset("duplicate_rows", dataset).value(), 0);
        // Classes: (1,x) 1 row, (2,y) 2 rows, (null,z) 1 row.
        assertEquals(1.0, ReidentificationRisk.of("k_anonymity", classes).value(), 0);
        assertEquals(4.0, ReidentificationRisk.of("rows_below_k", classes).value(), 0);
        assertEquals(1.0, ReidentificationRisk.of("prosecutor_risk_max", classes).value(), 0);
        assertEquals(0.75, ReidentificationRisk.of("prosecutor_risk_avg", classes).value(), 1e-12);
        assertEquals(0.5, ReidentificationRisk.of("sample_uniqueness", classes).value(), 1e-12);
    }

    @Test
    void adultCensusKAnonymityAgainstAnIndependentCount() throws Exception {
        Path file = SharedData.require("adult/adult.csv");
        List<String> qi = List.of("sex", "age", "race", "marital-status");
        // Independent: the classes counted in Java from the file (';'-separated, no quoting in it).
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(";"));
        Map<String, Integer> classes = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(";", -1);
            StringBuilder key = new StringBuilder();
            for (String q : qi) {
                key.append(f[header.indexOf(q)]).append('\u0001');
            }
            classes.merge(key.toString(), 1, Integer::sum);
        }
        int rows = lines.size() - 1;
        int k = classes.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int below = classes.values().stream().filter(c -> c < 5).mapToInt(Integer::intValue).sum();
        long unique = classes.values().stream().filter(c -> c == 1).count();

        DuckDb duckDb = DuckDb.withDefaults(dir);
        Tables.Ingested stored = Tables.ingest(duckDb, file, ';', dir.resolve("adult.parquet"));
        Path parquet = stored.parquet();
        Map<String, String> types = stored.types();
        EquivalenceClasses d;
        try (DuckDbEngine c = DuckDbEngine.open(duckDb)) {
            d = new AnonymityPlan(qi, types, 5).classes(c, c.table(parquet));
        }
        assertEquals(30_162, rows);
        assertEquals(rows, d.rows());
        assertEquals(k, (long) ReidentificationRisk.of("k_anonymity", d).value().doubleValue());
        assertEquals(below, (long) ReidentificationRisk.of("rows_below_k", d).value().doubleValue());
        assertEquals((double) classes.size() / rows, ReidentificationRisk.of("prosecutor_risk_avg", d).value(), 1e-12);
        assertEquals((double) unique / rows, ReidentificationRisk.of("sample_uniqueness", d).value(), 1e-12);
        assertEquals(1.0 / k, ReidentificationRisk.of("prosecutor_risk_max", d).value(), 1e-12);

        // l-diversity of the salary class within the same classes, counted in Java from the file.
        Map<String, Map<String, Integer>> salaries = new HashMap<>();
        int salary = header.indexOf("salary-class");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(";", -1);
            StringBuilder key = new StringBuilder();
            for (String q : qi) {
                key.append(f[header.indexOf(q)]).append('\u0001');
            }
            salaries.computeIfAbsent(key.toString(), x -> new HashMap<>()).merge(f[salary], 1, Integer::sum);
        }
        int fewest = salaries.values().stream().mapToInt(Map::size).min().orElseThrow();
        double smallestEntropy = salaries.values().stream().mapToDouble(QualityPlanTest::entropy).min().orElseThrow();
        EquivalenceClasses diverse;
        try (DuckDbEngine c = DuckDbEngine.open(duckDb)) {
            diverse = new AnonymityPlan(qi, types, 5).classes(c, c.table(parquet), List.of("salary-class"));
        }
        assertEquals(fewest, LDiversity.of("l_diversity", "salary-class", diverse).value(), 0);
        assertEquals(Math.exp(smallestEntropy), LDiversity.of("entropy_l_diversity", "salary-class", diverse).value(), 1e-9);
        assertEquals(salaries.size(), LDiversity.of("l_diversity", "salary-class", diverse).n());
    }

    private static double entropy(Map<String, Integer> counts) {
        double total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return -counts.values().stream().mapToDouble(c -> c / total * Math.log(c / total)).sum();
    }

    /** The edge cases: an all-null column, a constant column, a single row, and a dataset without rows. */
    @Test
    void emptyAllNullConstantAndSingleRow() throws Exception {
        Map<String, String> types = Map.of("n", "INTEGER", "c", "VARCHAR", "x", "DOUBLE");
        String columns = "{'n': 'INTEGER', 'c': 'VARCHAR', 'x': 'DOUBLE'}";
        QualityPlan plan = new QualityPlan(List.of("n", "c", "x"), types);
        AnonymityPlan risk = new AnonymityPlan(List.of("c"), types, 5);
        // Three rows: n always null, c constant, x 1.5 / 2.5 / 2.5.
        Path three = Tables.toParquet(dir, "n,c,x\n,k,1.5\n,k,2.5\n,k,2.5\n", columns);
        Path one = Tables.toParquet(dir, "n,c,x\n7,k,3\n", columns);
        Path none = Tables.toParquet(dir, "n,c,x\n", columns);
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            Map<String, ColumnState> t = plan.columns(c, c.table(three));
            assertEquals(0.0, QualityMetrics.column("completeness", "n", t.get("n"), 0.95).value(), 0, "all null: complete in 0 of 3");
            assertEquals(0.0, QualityMetrics.column("distinct_count", "n", t.get("n"), 0.95).value(), 0);
            assertNull(QualityMetrics.column("uniqueness", "n", t.get("n"), 0.95).value(), "no value: undefined, not 0");
            assertEquals("the column holds no value (all null)", QualityMetrics.column("uniqueness", "n", t.get("n"), 0.95).undefined());
            assertNull(QualityMetrics.column("minimum", "n", t.get("n"), 0.95).value(), "no values: undefined, not 0");
            assertEquals(1.0, QualityMetrics.column("completeness", "c", t.get("c"), 0.95).value(), 0);
            assertEquals(1.0, QualityMetrics.column("distinct_count", "c", t.get("c"), 0.95).value(), 0, "constant");
            assertEquals(0.0, QualityMetrics.column("uniqueness", "c", t.get("c"), 0.95).value(), 0, "no value occurs once");
            assertEquals(1.0 / 3, QualityMetrics.column("uniqueness", "x", t.get("x"), 0.95).value(), 1e-12);
            assertEquals(1.5, QualityMetrics.column("minimum", "x", t.get("x"), 0.95).value(), 0);
            DatasetState d = plan.dataset(c, c.table(three));
            assertEquals(1.0, QualityMetrics.dataset("duplicate_rows", d).value(), 0, "(null, k, 2.5) twice");
            assertEquals(3.0, ReidentificationRisk.of("k_anonymity", risk.classes(c, c.table(three))).value(), 0, "one class: everyone shares c = k");

            Map<String, ColumnState> o = plan.columns(c, c.table(one));
            assertEquals(1.0, QualityMetrics.column("completeness", "n", o.get("n"), 0.95).value(), 0);
            assertEquals(1.0, QualityMetrics.column("uniqueness", "n", o.get("n"), 0.95).value(), 0);
            assertEquals(7.0, QualityMetrics.column("maximum", "n", o.get("n"), 0.95).value(), 0);
            assertEquals(1.0, ReidentificationRisk.of("prosecutor_risk_max", risk.classes(c, c.table(one))).value(), 0, "a single row is unique");

            Map<String, ColumnState> e = plan.columns(c, c.table(none));
            assertNull(QualityMetrics.column("completeness", "n", e.get("n"), 0.95).value(), "no rows: undefined, never 0");
            assertEquals("the dataset has no rows", QualityMetrics.column("uniqueness", "c", e.get("c"), 0.95).undefined());
            assertEquals(0.0, QualityMetrics.dataset("row_count", plan.dataset(c, c.table(none))).value(), 0);
            assertNull(ReidentificationRisk.of("k_anonymity", risk.classes(c, c.table(none))).value());
        }
    }

    @Test
    void lDiversityByHand() throws Exception {
        // Classes of a: 1 -> {x, x, y}; 2 -> {x, y, y, null}; 3 -> {z, w}.
        Path parquet = Tables.toParquet(dir, "a,s\n1,x\n1,x\n1,y\n2,x\n2,y\n2,y\n2,\n3,z\n3,w\n", "{'a': 'INTEGER', 's': 'VARCHAR'}");
        EquivalenceClasses d;
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            d = new AnonymityPlan(List.of("a"), Map.of("a", "INTEGER", "s", "VARCHAR"), 5).classes(c, c.table(parquet), List.of("s"));
        }
        assertEquals(2.0, LDiversity.of("l_diversity", "s", d).value(), 0);
        double third = -(1.0 / 3 * Math.log(1.0 / 3) + 2.0 / 3 * Math.log(2.0 / 3));
        assertEquals(Math.exp(third), LDiversity.of("entropy_l_diversity", "s", d).value(), 1e-12, "min(H(1/3, 2/3), ln 2)");
        assertEquals(3, LDiversity.of("l_diversity", "s", d).n());
        // Columns named like the plan's own aliases change nothing.
        Path named = Tables.toParquet(dir, "c,p\n1,x\n1,x\n1,y\n2,x\n2,y\n2,y\n2,\n3,z\n3,w\n", "{'c': 'INTEGER', 'p': 'VARCHAR'}");
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            EquivalenceClasses aliased = new AnonymityPlan(List.of("c"), Map.of("c", "INTEGER", "p", "VARCHAR"), 5)
                    .classes(c, c.table(named), List.of("p"));
            assertEquals(Math.exp(third), LDiversity.of("entropy_l_diversity", "p", aliased).value(), 1e-12);
            assertEquals(2.0, ReidentificationRisk.of("k_anonymity", aliased).value(), 0);
        }
        // One value per class: l = 1, the value is disclosed by the class; no quasi-identifiers: undefined.
        Path same = Tables.toParquet(dir, "a,s\n1,x\n1,x\n2,y\n", "{'a': 'INTEGER', 's': 'VARCHAR'}");
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            assertEquals(1.0, LDiversity.of("entropy_l_diversity", "s", new AnonymityPlan(List.of("a"), Map.of("a", "INTEGER",
                    "s", "VARCHAR"), 5).classes(c, c.table(same), List.of("s"))).value(), 1e-12);
            assertNull(LDiversity.of("l_diversity", "s", new AnonymityPlan(List.of(), Map.of("a", "INTEGER",
                    "s", "VARCHAR"), 5).classes(c, c.table(same), List.of("s"))).value());
        }
    }

    /** A key with nulls is still a key (Deequ 1.1+): 1, 2, 3 and two nulls give uniqueness 1 over 3 values. */
    @Test
    void uniquenessIgnoresNullsAsDeequ() throws Exception {
        Path parquet = Tables.toParquet(dir, "id\n1\n\n2\n\n3\n", "{'id': 'INTEGER'}");
        QualityPlan plan = new QualityPlan(List.of("id"), Map.of("id", "INTEGER"));
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            ColumnState id = plan.columns(c, c.table(parquet)).get("id");
            MetricValue u = QualityMetrics.column("uniqueness", "id", id, 0.95);
            assertEquals(1.0, u.value(), 0);
            assertEquals(3, u.n());
            assertEquals(0.6, QualityMetrics.column("completeness", "id", id, 0.95).value(), 1e-12, "the nulls show here");
        }
    }
}
