package dev.assay.metric.privacy;

import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The re-identification scan: the equivalence classes of the quasi-identifiers, aggregated in SQL so
 * only their summary comes back (count, smallest, rows under k, singletons), and the diversity of each
 * sensitive column within them.
 */
public final class AnonymityPlan {

    /** k of k-anonymity: classes smaller than this are counted as at risk (a common floor; GDPR Recital 26 practice). */
    public static final int K = 5;

    private final List<String> quasiIdentifiers;
    private final Map<String, String> types;
    private final int k;

    /** @param types the dataset's column types: a sensitive column the dataset lacks is left out */
    public AnonymityPlan(List<String> quasiIdentifiers, Map<String, String> types, int k) {
        this.quasiIdentifiers = List.copyOf(quasiIdentifiers);
        this.types = Map.copyOf(types);
        this.k = k;
    }

    /** The classes alone (no sensitive column). */
    public EquivalenceClasses classes(ScanEngine engine, Table table) throws SQLException {
        return classes(engine, table, List.of());
    }

    /** The classes and the diversity of each of {@code sensitive} within them. */
    public EquivalenceClasses classes(ScanEngine engine, Table table, List<String> sensitive) throws SQLException {
        if (quasiIdentifiers.isEmpty()) {
            long rows = engine.one("SELECT count(*)" + table.from(), r -> r.getLong(1));
            return new EquivalenceClasses(rows, 0, 0, 0, 0, k, Map.of());
        }
        SqlDialect sql = engine.dialect();
        String qi = String.join(", ", quasiIdentifiers.stream().map(sql::identifier).toList());
        // The classes' sizes alone leave the inner query, so no column of the user's can shadow the alias.
        EquivalenceClasses d = engine.one("SELECT count(*), min(c), "
                + "coalesce(sum(c) FILTER (WHERE c < " + k + "), 0), count(*) FILTER (WHERE c = 1), coalesce(sum(c), 0) FROM (SELECT count(*) AS c"
                + table.from() + " GROUP BY " + qi + ")", r -> new EquivalenceClasses(r.getLong(5), r.getLong(1), r.getLong(2),
                r.getLong(3), r.getLong(4), k, Map.of()));
        if (sensitive.isEmpty()) {
            return d;
        }
        Map<String, EquivalenceClasses.Diversity> diversity = new LinkedHashMap<>();
        // The user's columns are renamed q0, q1, ... and v first, so that no column name can shadow an alias.
        StringBuilder renamed = new StringBuilder();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < quasiIdentifiers.size(); i++) {
            renamed.append(sql.identifier(quasiIdentifiers.get(i))).append(" AS q").append(i).append(", ");
            keys.add("q" + i);
        }
        String q = String.join(", ", keys);
        for (String column : sensitive) {
            if (!types.containsKey(column)) {
                continue;
            }
            String s = sql.identifier(column);
            // Within each class: the distinct values and their entropy -sum p ln p, p = count / class total.
            String scan = "WITH base AS (SELECT " + renamed + s + " AS v" + table.from() + " WHERE " + s + " IS NOT NULL), "
                    + "cells AS (SELECT " + q + ", v, count(*) AS c FROM base GROUP BY " + q + ", v), "
                    + "shares AS (SELECT " + q + ", CAST(c AS DOUBLE) / sum(c) OVER (PARTITION BY " + q + ") AS p FROM cells) "
                    + "SELECT count(*), min(d), min(h) FROM (SELECT count(*) AS d, -sum(p * ln(p)) AS h FROM shares GROUP BY " + q + ")";
            diversity.put(column, engine.one(scan, r -> new EquivalenceClasses.Diversity(r.getLong(1), r.getLong(2), r.getDouble(3))));
        }
        return new EquivalenceClasses(d.rows(), d.classes(), d.smallestClass(), d.rowsBelowK(), d.uniqueRows(), k, diversity);
    }
}
