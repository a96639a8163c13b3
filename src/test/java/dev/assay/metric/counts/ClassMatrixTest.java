package dev.assay.metric.counts;

import dev.assay.metric.OutcomeClasses;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The class matrix's sums by hand: one-vs-rest, the favorable classes' binary counts, and merging partitions. */
class ClassMatrixTest {

    private static final List<String> ABC = List.of("A", "B", "C");
    private static final int OUT = 3;
    private static final int MISSING = 4;

    /**
     * Rows (label, prediction): (A,A) x5, (A,B) x2, (B,B) x3, (B,A) x1, (C,C) x4, (C,outside) x1, (outside,A) x2,
     * (A,missing) x3, (missing,B) x6. With both known: 18 rows.
     */
    private static ClassMatrix table() {
        return ClassMatrix.empty(ABC).plus(0, 0, 5).plus(0, 1, 2).plus(1, 1, 3).plus(1, 0, 1).plus(2, 2, 4).plus(2, OUT, 1)
                .plus(OUT, 0, 2).plus(0, MISSING, 3).plus(MISSING, 1, 6);
    }

    @Test
    void oneVsRestCountsByHand() {
        ClassMatrix m = table();
        assertEquals(27, m.rows());
        assertEquals(18, m.labeled());
        assertEquals(24, m.predicted());
        assertEquals(21, m.labels());
        assertEquals(12, m.correct());
        // A: TP 5; FP (B,A) 1 + (outside,A) 2 = 3; FN (A,B) 2; TN 18 - 10 = 8.
        GroupState a = m.oneVsRest(0);
        assertEquals(List.of(5L, 3L, 2L, 8L), List.of(a.tp(), a.fp(), a.fn(), a.tn()));
        // Predicted A: 5 + 1 + 2 = 8 of 24 predictions; labeled A: 5 + 2 + 3 = 10 of 21 labels.
        assertEquals(8, a.favorable());
        assertEquals(24, a.predicted());
        assertEquals(10, a.labelPositives());
        assertEquals(21, a.labels());
        // C: TP 4, FP 0, FN 1 (predicted outside), TN 13.
        GroupState c = m.oneVsRest(2);
        assertEquals(List.of(4L, 0L, 1L, 13L), List.of(c.tp(), c.fp(), c.fn(), c.tn()));
    }

    @Test
    void theFavorableClassesAreTheBinaryCounts() {
        OutcomeClasses classes = new OutcomeClasses(List.of(Json.createValue("A"), Json.createValue("B"), Json.createValue("C")),
                List.of(Json.createValue("A"), Json.createValue("B")));
        GroupState s = table().favorable(classes);
        // Favorable predictions: A 8 + B (2 + 3 + 6) = 19 of 24. Labels A or B: 10 + 4 = 14 of 21.
        assertEquals(19, s.favorable());
        assertEquals(24, s.predicted());
        assertEquals(14, s.labelPositives());
        assertEquals(21, s.labels());
        // Both known: TP (A,A) 5 + (A,B) 2 + (B,B) 3 + (B,A) 1 = 11; FP (outside,A) 2; FN 0; TN (C,C) 4 + (C,outside) 1 = 5.
        assertEquals(List.of(11L, 2L, 0L, 5L), List.of(s.tp(), s.fp(), s.fn(), s.tn()));
        assertEquals(2, s.unearnedFavorable());
        assertEquals(0, s.deniedFavorable());
    }

    @Test
    void partitionsMergeIntoTheWhole() {
        ClassMatrix left = ClassMatrix.empty(ABC).plus(0, 0, 5).plus(0, 1, 2).plus(1, 1, 3).plus(1, 0, 1);
        ClassMatrix right = ClassMatrix.empty(ABC).plus(2, 2, 4).plus(2, OUT, 1).plus(OUT, 0, 2).plus(0, MISSING, 3).plus(MISSING, 1, 6);
        assertEquals(table(), left.merge(right));
        assertEquals(table(), right.merge(left));
        assertThrows(IllegalArgumentException.class, () -> left.merge(ClassMatrix.empty(List.of("A", "B"))));
    }
}
