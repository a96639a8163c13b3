package dev.assay.metric.performance;

import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.GroupKey;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.stats.DeLong;
import dev.assay.stats.SignificanceTests;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The paired scans on DuckDB: DeLong's test on pROC's aSAH data, the two scores in two datasets joined by id
 * (the approved one's rows in another order, its ids as text), to pROC's published Z and p; and the pairing of
 * every kind of row, counted by hand.
 */
class PairedPlanTest {

    @TempDir
    Path dir;

    /** aSAH's rows with one score column of the three: id, outcome (Poor positive), the score as s. */
    private Path asah(String score, boolean reversed, String idType) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream("/vectors/asah.csv"),
                StandardCharsets.UTF_8))) {
            List<String> header = List.of(r.readLine().split(","));
            int column = header.indexOf(score);
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                lines.add(f[0] + "," + f[1] + ",0," + f[column]);
            }
        }
        if (reversed) {
            Collections.reverse(lines);
        }
        return dev.assay.metric.Tables.toParquet(dir, "id,outcome,p,s\n" + String.join("\n", lines) + "\n",
                "{'id': '" + idType + "', 'outcome': 'VARCHAR', 'p': 'INTEGER', 's': 'DOUBLE'}");
    }

    private static OutcomeColumns asahOutcomes(String idType) {
        return new OutcomeColumns("p", Optional.of(Json.createValue(1)), Optional.of("outcome"), Optional.of(Json.createValue("Poor")),
                List.of(Json.createValue(1)), Optional.of("s"), Map.of("id", idType, "outcome", "VARCHAR", "p", "INTEGER", "s", "DOUBLE"));
    }

    /**
     * pROC's tests assert roc.test(r.wfns, r.s100b): Z = 2.20898359144091, p = 0.0271757822291882 (and the two
     * other pairs); here wfns is this version's score and s100b the approved version's, in two files.
     */
    @Test
    void deLongOnAsahAsProc() throws Exception {
        String[][] pairs = {{"wfns", "s100b"}, {"wfns", "ndka"}, {"ndka", "s100b"}};
        double[][] pROC = {{2.20898359144091, 0.0271757822291882}, {2.79777591868904, 0.00514557970691098},
                {-1.39077002573558, 0.164295175223054}};
        try (DuckDbEngine engine = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            for (int i = 0; i < pairs.length; i++) {
                Path now = asah(pairs[i][0], false, "INTEGER");
                Path before = asah(pairs[i][1], true, "VARCHAR");
                PairedPlan plan = new PairedPlan(List.of(), asahOutcomes("INTEGER"), "id", asahOutcomes("VARCHAR"), "id");
                DeLong.Components c = plan.deLong(engine, engine.table(now), engine.table(before)).get(Scope.OVERALL)
                        .get(new GroupKey(List.of()));
                assertEquals(41, c.positives());
                assertEquals(72, c.negatives());
                SignificanceTests.Result r = DeLong.test(c).orElseThrow();
                assertEquals(pROC[i][0], r.statistic(), 1e-9 * Math.abs(pROC[i][0]), String.join(" vs ", pairs[i]));
                assertEquals(pROC[i][1], r.pValue(), 1e-9, String.join(" vs ", pairs[i]));
                PairedPlan.Pairing pairing = plan.pairing(engine, engine.table(now), engine.table(before));
                assertEquals(113, pairing.overall().pairs(), "every patient pairs: ids 1 and '1' are one id");
                assertEquals(new PairedPlan.ApprovedRows(113, 0, 0, 0), pairing.approved());
            }
        }
    }

    /**
     * Each kind of row once, by hand. This version: id 1 to 4 pair (1 and 2 right in both, 3 right only now, 4
     * right only before; 4 is labeled 0); 5 has no id; 6 twice; 7 is twice in the approved dataset; 8 is not
     * there; 9 has another label there, 10 another weight. The approved dataset also has 11 (not here) and a
     * row without id. Group F holds 1, 3, 5, 7, 9; M the others.
     */
    @Test
    void everyKindOfRowCountedByHand() throws Exception {
        List<PairedReference.Row> now = List.of(
                row("1", "F", 1, 1, 2), row("2", "M", 1, 1, 2), row("3", "F", 1, 1, 2), row("4", "M", 0, 1, 2),
                row(null, "F", 1, 1, 2), row("6", "M", 1, 1, 2), row("6", "M", 1, 1, 2), row("7", "F", 1, 1, 2),
                row("8", "M", 1, 1, 2), row("9", "F", 1, 1, 2), row("10", "M", 1, 1, 2));
        List<PairedReference.Row> before = List.of(
                row("1", "F", 1, 1, 2), row("2", "M", 1, 1, 2), row("3", "F", 1, 0, 2), row("4", "M", 0, 0, 2),
                row("6", "M", 1, 1, 2), row("7", "F", 1, 1, 2), row("7", "F", 1, 1, 2), row("9", "F", 0, 1, 2),
                row("10", "M", 1, 1, 3), row("11", "M", 1, 1, 2), row(null, "M", 1, 1, 2));
        try (DuckDbEngine engine = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            PairedPlan plan = new PairedPlan(List.of(PairedReference.G), PairedTables.outcomes("INTEGER", true), "id",
                    PairedTables.outcomes("VARCHAR", true), "id");
            PairedPlan.Pairing p = plan.pairing(engine, engine.table(PairedTables.write(dir, now, "INTEGER")),
                    engine.table(PairedTables.write(dir, before, "VARCHAR")));
            // Weight 2 each: pairs 1 and 2 right in both (4), 3 right only now (2), 4 (labeled 0) right only before (2).
            assertEquals(new PairedState(11, 1, 3, 1, 2, 4, new PairedState.Cells(4, 2, 0, 0), new PairedState.Cells(0, 0, 2, 0)),
                    p.overall());
            assertEquals(new PairedState(5, 1, 1, 0, 1, 2, new PairedState.Cells(2, 2, 0, 0), PairedState.Cells.EMPTY),
                    p.groups().get(PairedReference.G).get(new GroupKey(List.of("F"))));
            assertEquals(new PairedPlan.ApprovedRows(11, 1, 3, 1), p.approved());
            assertEquals(PairedReference.pairing(now, before), p.groups());
        }
    }

    private static PairedReference.Row row(String id, String g, int y, int p, long w) {
        return new PairedReference.Row(id, g, y, p, 0.5, w);
    }
}
