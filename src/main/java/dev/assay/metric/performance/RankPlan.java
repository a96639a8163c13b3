package dev.assay.metric.performance;

import dev.assay.metric.GroupKey;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.infrastructure.ValueMatch;

import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The exact ROC AUC's scan: the score histogram of every cell (one row per attribute combination and
 * distinct score, with its positive and negative counts), rolled up to each scope with GROUPING SETS,
 * then ranked with a window function, so that one row per group comes back with its Mann-Whitney U.
 * The histogram is mergeable; the AUC itself is not, which is why it is computed here, in SQL, and not
 * from per-cell states.
 */
public final class RankPlan {

    private final GroupingScopes grouping;
    private final List<String> attributes;
    private final OutcomeColumns outcomes;

    public RankPlan(List<Scope> scopes, OutcomeColumns outcomes) {
        this.grouping = new GroupingScopes(scopes);
        this.attributes = grouping.attributes;
        this.outcomes = outcomes;
    }

    /** The scan in {@code d}, the dialect of the engine that will run it. */
    String sql(SqlDialect d, Table table) {
        String score = "CAST(" + d.identifier(outcomes.score().orElseThrow()) + " AS DOUBLE)";
        StringBuilder cellColumns = new StringBuilder();
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < attributes.size(); i++) {
            cellColumns.append(ValueMatch.groupSql(d, attributes.get(i), outcomes.columnTypes().get(attributes.get(i)))).append(" AS a").append(i).append(", ");
        }
        grouping.keys().forEach(k -> keys.append(k).append(", "));
        List<String> partition = grouping.partition();
        String positives = count(d, " FILTER (WHERE " + outcomes.actualPositiveSql(d) + ")");
        String negatives = count(d, " FILTER (WHERE NOT (" + outcomes.actualPositiveSql(d) + "))");
        String cells = "SELECT " + cellColumns + score + " AS s, " + positives + " AS p, " + negatives + " AS n" + table.from() + " WHERE " + score + " IS NOT NULL AND "
                + d.identifier(outcomes.label().orElseThrow()) + " IS NOT NULL GROUP BY ALL";
        List<String> sets = grouping.sets(List.of("s"));
        String histogram = "SELECT " + keys + "s, sum(p) AS p, sum(n) AS n FROM (" + cells + ") GROUP BY GROUPING SETS ("
                + String.join(", ", sets) + ")";
        String window = "sum(n) OVER (" + (partition.isEmpty() ? "" : "PARTITION BY " + String.join(", ", partition) + " ")
                + "ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)";
        StringBuilder outerKeys = new StringBuilder();
        partition.forEach(k -> outerKeys.append(k).append(", "));
        return "SELECT " + outerKeys + "sum(p) AS pos, sum(n) AS neg, sum(p * (coalesce(below, 0) + n / 2.0)) AS u FROM ("
                + "SELECT *, " + window + " AS below FROM (" + histogram + ")) GROUP BY ALL";
    }

    /** Rows matching {@code filter}, each counted by its frequency weight if the card names one (0, never NULL, when none match). */
    private String count(SqlDialect d, String filter) {
        return outcomes.weight().isPresent() ? "coalesce(sum(" + outcomes.weightSql(d) + ")" + filter + ", 0)" : "count(*)" + filter;
    }

    /** Runs the scan: per scope (and the whole dataset), the rank state of every group that has ranked rows. */
    public Map<Scope, Map<GroupKey, RankState>> ranks(ScanEngine engine, Table table) throws SQLException {
        Map<Scope, Map<GroupKey, RankState>> out = grouping.empty();
        engine.scan(sql(engine.dialect(), table), r -> {
            grouping.put(out, r, new RankState(r.getLong("pos"), r.getLong("neg"), r.getDouble("u")));
            return true;
        });
        return out;
    }
}
