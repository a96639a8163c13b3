package dev.assay.metric.fairness;

import dev.assay.infrastructure.ValueMatch;
import dev.assay.metric.GroupKey;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.metric.TopK;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The ranking metrics' scan: the score histogram of every cell (one row per combination of the scopes'
 * attributes and distinct score, with its rows), streamed in descending score order, the positions assembled
 * in Java. One pass serves every cut the audit asks for: the rows above each block of tied scores give its
 * positions, each cut takes the rows of the blocks within it and the tied rows of the block it falls inside
 * (fractionally, {@link Cut}), and each row's exposure is its block's mean position bias. Per cell the state is
 * a handful of sums ({@link RankedGroup}), rolled up to every scope in Java as the counts are: the heap holds a
 * block of tied scores and the cells, never the rows, and the SQL is one GROUP BY and one ORDER BY, spelled alike
 * on every engine (only the identifiers and the attributes' text go through the {@link SqlDialect}).
 *
 * <p>Why not rank in SQL, as the exact AUC does ({@code RankPlan}): a row's exposure is the mean of
 * 1 / log2(1 + j) over the positions its tie occupies, a sum over positions that no aggregate of the histogram
 * gives exactly; a per-row window function would give it, at the price of sorting every row rather than the
 * distinct scores. The price here: the result has a row per distinct score and cell, streamed (a continuous
 * score of n rows streams n rows; scores rounded to two decimals, at most a hundred per cell).
 *
 * <p>Rows without a score (null; non-finite values are null since ingest) are not ranked: counted per cell
 * as {@link RankedGroup#unranked}. Rows count by their frequency weight when the card names one.
 */
public final class RankingPlan {

    private static final double LN2 = Math.log(2);

    private final List<Scope> scopes;
    private final List<String> attributes;
    private final OutcomeColumns outcomes;
    private final List<TopK> cuts;

    /**
     * @param scopes   the scopes asked for (the whole dataset is always computed)
     * @param outcomes the card's outcome columns; must name a score
     * @param cuts     the cuts asked for ({@link TopK#NONE}: the whole ranking)
     */
    public RankingPlan(List<Scope> scopes, OutcomeColumns outcomes, List<TopK> cuts) {
        LinkedHashSet<Scope> unique = new LinkedHashSet<>();
        unique.add(Scope.OVERALL);
        unique.addAll(scopes);
        this.scopes = List.copyOf(unique);
        LinkedHashSet<String> attrs = new LinkedHashSet<>();
        this.scopes.forEach(s -> attrs.addAll(s.attributes()));
        this.attributes = List.copyOf(attrs);
        this.outcomes = outcomes;
        this.cuts = List.copyOf(new LinkedHashSet<>(cuts));
    }

    /** The scan in {@code d}, the dialect of the engine that will run it. */
    String sql(SqlDialect d, Table table) {
        List<String> inner = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            inner.add(ValueMatch.groupSql(d, attributes.get(i), outcomes.columnTypes().get(attributes.get(i))) + " AS a" + i);
            keys.add("a" + i);
        }
        inner.add("CAST(" + d.identifier(outcomes.score().orElseThrow()) + " AS DOUBLE) AS s");
        if (outcomes.weight().isPresent()) {
            inner.add(outcomes.weightSql(d) + " AS w");
        }
        keys.add("s");
        String histogram = "SELECT " + String.join(", ", keys) + ", " + outcomes.rows() + " AS c FROM (SELECT " + String.join(", ", inner)
                + table.from() + ") GROUP BY " + String.join(", ", keys);
        return "SELECT " + String.join(", ", keys) + ", c, sum(CASE WHEN s IS NULL THEN 0 ELSE c END) OVER () AS total FROM ("
                + histogram + ") ORDER BY s DESC NULLS LAST";
    }

    /** Runs the scan: where each cut fell and every scope's groups at each cut. */
    public Ranking ranking(ScanEngine engine, Table table) throws SQLException {
        Assembly a = new Assembly();
        engine.scan(sql(engine.dialect(), table), r -> {
            List<String> cell = new ArrayList<>(attributes.size());
            for (int i = 0; i < attributes.size(); i++) {
                cell.add(r.getString("a" + i));
            }
            a.add(cell, r.isNull("s"), r.getDouble("s"), r.getLong("c"), r.getLong("total"));
            return true;
        });
        a.flush();
        return a.ranking();
    }

    /** Position bias summed over ranks {@code from} to {@code to} inclusive: Σ 1 / log2(1 + j) (0 when to < from). */
    static double biasSum(long from, long to) {
        double sum = 0;
        for (long j = from; j <= to; j++) {
            sum += LN2 / Math.log1p(j);
        }
        return sum;
    }

    /** The streamed histogram, one block of tied scores at a time, into per-cell sums. */
    private final class Assembly {

        private final Map<List<String>, Cell> cells = new LinkedHashMap<>();
        private final List<List<String>> blockCells = new ArrayList<>();
        private final List<Long> blockCounts = new ArrayList<>();
        private boolean blockNull;
        private double blockScore;
        private long position;
        private long total = -1;
        private final long[] k = new long[cuts.size()];
        private final long[] above = new long[cuts.size()];
        private final long[] tied = new long[cuts.size()];

        void add(List<String> cell, boolean isNull, double score, long count, long ranked) {
            if (total < 0) {
                total = ranked;
                for (int i = 0; i < cuts.size(); i++) {
                    k[i] = cuts.get(i).resolve(total);
                }
            }
            // One block per distinct score: -0.0 and 0.0, which engines may group apart, are one tie (==).
            if (!blockCells.isEmpty() && (isNull != blockNull || (!isNull && score != blockScore))) {
                flush();
            }
            blockNull = isNull;
            blockScore = score;
            blockCells.add(cell);
            blockCounts.add(count);
        }

        void flush() {
            if (blockCells.isEmpty()) {
                return;
            }
            long t = blockCounts.stream().mapToLong(Long::longValue).sum();
            long lo = position;
            long hi = position + t;
            double[] biasMean = new double[cuts.size()];
            boolean[] inTop = new boolean[cuts.size()];
            boolean[] atCut = new boolean[cuts.size()];
            if (!blockNull && t > 0) {
                for (int i = 0; i < cuts.size(); i++) {
                    inTop[i] = hi <= k[i];
                    atCut[i] = lo < k[i] && k[i] < hi;
                    if (atCut[i]) {
                        above[i] = lo;
                        tied[i] = t;
                    }
                    // Tied rows share the mean bias of the positions they occupy; beyond the cut a position counts 0.
                    biasMean[i] = biasSum(lo + 1, Math.min(hi, k[i])) / t;
                }
                position = hi;
            }
            for (int b = 0; b < blockCells.size(); b++) {
                Cell c = cells.computeIfAbsent(blockCells.get(b), x -> new Cell(cuts.size()));
                long n = blockCounts.get(b);
                if (blockNull) {
                    c.unranked += n;
                    continue;
                }
                c.ranked += n;
                for (int i = 0; i < cuts.size(); i++) {
                    c.inTop[i] += inTop[i] ? n : 0;
                    c.atCut[i] += atCut[i] ? n : 0;
                    c.exposure[i] += n * biasMean[i];
                }
            }
            blockCells.clear();
            blockCounts.clear();
        }

        Ranking ranking() {
            long ranked = Math.max(total, 0);
            Map<TopK, Cut> cutsOut = new LinkedHashMap<>();
            Map<TopK, Map<Scope, Map<GroupKey, RankedGroup>>> groups = new LinkedHashMap<>();
            // Cells in a fixed order, so that the sums of doubles do not depend on the order an engine returned tied rows in.
            Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
            List<Map.Entry<List<String>, Cell>> ordered = cells.entrySet().stream().sorted((x, y) -> {
                for (int i = 0; i < attributes.size(); i++) {
                    int c = nullsFirst.compare(x.getKey().get(i), y.getKey().get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }).toList();
            for (int i = 0; i < cuts.size(); i++) {
                TopK cut = cuts.get(i);
                cutsOut.put(cut, new Cut(cut, ranked, total < 0 ? cut.resolve(0) : k[i], above[i], tied[i]));
                Map<Scope, Map<GroupKey, RankedGroup>> byScope = new LinkedHashMap<>();
                for (Scope scope : scopes) {
                    Map<GroupKey, RankedGroup> groupsOfScope = new LinkedHashMap<>();
                    for (Map.Entry<List<String>, Cell> e : ordered) {
                        List<String> key = new ArrayList<>(scope.attributes().size());
                        scope.attributes().forEach(attr -> key.add(e.getKey().get(attributes.indexOf(attr))));
                        Cell c = e.getValue();
                        groupsOfScope.merge(new GroupKey(key), new RankedGroup(c.ranked, c.unranked, c.inTop[i], c.atCut[i], c.exposure[i]),
                                RankedGroup::merge);
                    }
                    if (scope.isOverall()) {
                        groupsOfScope.putIfAbsent(new GroupKey(List.of()), RankedGroup.EMPTY);
                    }
                    byScope.put(scope, groupsOfScope);
                }
                groups.put(cut, byScope);
            }
            return new Ranking(cutsOut, groups);
        }
    }

    /** One cell's sums, per cut. */
    private static final class Cell {
        long ranked;
        long unranked;
        final long[] inTop;
        final long[] atCut;
        final double[] exposure;

        Cell(int cuts) {
            inTop = new long[cuts];
            atCut = new long[cuts];
            exposure = new double[cuts];
        }
    }
}
