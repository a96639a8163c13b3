package dev.assay.metric.performance;

import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.metric.scan.Table;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The paired scans against the row-by-row reference ({@link PairedReference}) on generated pairs of datasets:
 * rows evaluated by both versions, and rows that do not pair (only on one side, twice on a side, without an id,
 * with another label or weight on the other side, ids drawn from a range that makes some repeat by chance),
 * labels, predictions and scores with ties and nulls, groups of one label class or none, frequency weights.
 * Counts and DeLong's integer sums must be equal exactly.
 */
class PairedPlanPropertiesTest {

    private static Path dir;

    @BeforeContainer
    static void createDir() throws Exception {
        dir = Files.createTempDirectory("assay-paired");
    }

    @AfterContainer
    static void deleteDir() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Two sides and whether the cards name the weight column. */
    record Sides(List<PairedReference.Row> now, List<PairedReference.Row> before, boolean weighted) {
    }

    /** What happens to one evaluated row: in both datasets, or one of the ways of not pairing. */
    enum Fate { BOTH, BOTH_AGAIN, ONLY_NOW, ONLY_BEFORE, OTHER_LABEL, OTHER_WEIGHT, TWICE_NOW, TWICE_BEFORE, NO_ID_NOW, NO_ID_BEFORE }

    /** One row as both versions would see it: the id, group, label, weight, and each version's prediction and score. */
    record Subject(int id, String group, Integer y, long w, Integer pNow, Integer pBefore, Double sNow, Double sBefore, Fate fate) {
    }

    @Provide
    Arbitrary<Sides> sides() {
        return Arbitraries.of(true, false).flatMap(weighted -> subjects(weighted).map(list -> sides(list, weighted)));
    }

    private static Arbitrary<List<Subject>> subjects(boolean weighted) {
        Arbitrary<Integer> id = Arbitraries.integers().between(0, 60);
        Arbitrary<String> group = Arbitraries.of("F", "M", "X").injectNull(0.1);
        Arbitrary<Integer> label = Arbitraries.of(0, 1).injectNull(0.08);
        Arbitrary<Integer> prediction = Arbitraries.of(0, 1).injectNull(0.08);
        // Five score values: ties within and across classes; a few missing.
        Arbitrary<Double> score = Arbitraries.of(0.1, 0.25, 0.5, 0.75, 0.9).injectNull(0.08);
        Arbitrary<Long> weight = weighted ? Arbitraries.longs().between(1, 3) : Arbitraries.just(1L);
        Arbitrary<Fate> fate = Arbitraries.frequency(Tuple.of(12, Fate.BOTH), Tuple.of(1, Fate.BOTH_AGAIN),
                Tuple.of(1, Fate.ONLY_NOW), Tuple.of(1, Fate.ONLY_BEFORE), Tuple.of(1, Fate.OTHER_LABEL),
                Tuple.of(1, Fate.OTHER_WEIGHT), Tuple.of(1, Fate.TWICE_NOW), Tuple.of(1, Fate.TWICE_BEFORE),
                Tuple.of(1, Fate.NO_ID_NOW), Tuple.of(1, Fate.NO_ID_BEFORE));
        return Combinators.combine(id, group, label, weight, prediction, prediction, score, score)
                .flatAs((i, g, y, w, pn, pb, sn, sb) -> fate.map(f -> new Subject(i, g, y, w, pn, pb, sn, sb, f))).list().ofMaxSize(40);
    }

    /** The two datasets the subjects make; the approved one in reverse order. */
    private static Sides sides(List<Subject> subjects, boolean weighted) {
        List<PairedReference.Row> now = new java.util.ArrayList<>();
        List<PairedReference.Row> before = new java.util.ArrayList<>();
        for (Subject x : subjects) {
            String id = String.valueOf(x.id());
            PairedReference.Row n = new PairedReference.Row(x.fate() == Fate.NO_ID_NOW ? null : id, x.group(), x.y(), x.pNow(), x.sNow(), x.w());
            Integer otherLabel = x.y() == null ? Integer.valueOf(1) : x.y() == 1 ? Integer.valueOf(0) : null;
            long otherWeight = weighted ? x.w() % 3 + 1 : x.w();
            PairedReference.Row b = new PairedReference.Row(x.fate() == Fate.NO_ID_BEFORE ? null : id, x.group(),
                    x.fate() == Fate.OTHER_LABEL ? otherLabel : x.y(), x.pBefore(), x.sBefore(),
                    x.fate() == Fate.OTHER_WEIGHT ? otherWeight : x.w());
            if (x.fate() != Fate.ONLY_BEFORE) {
                now.add(n);
            }
            if (x.fate() != Fate.ONLY_NOW) {
                before.add(b);
            }
            if (x.fate() == Fate.TWICE_NOW || x.fate() == Fate.BOTH_AGAIN) {
                now.add(n);
            }
            if (x.fate() == Fate.TWICE_BEFORE) {
                before.add(b);
            }
        }
        java.util.Collections.reverse(before);
        return new Sides(now, before, weighted);
    }

    @Property(tries = 60)
    void matchTheRowByRowReference(@ForAll("sides") Sides s) throws Exception {
        try (DuckDbEngine engine = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            PairedPlan plan = new PairedPlan(List.of(PairedReference.G), PairedTables.outcomes("INTEGER", s.weighted()), "id",
                    PairedTables.outcomes("VARCHAR", s.weighted()), "id");
            Table now = engine.table(PairedTables.write(dir, s.now(), "INTEGER"));
            Table before = engine.table(PairedTables.write(dir, s.before(), "VARCHAR"));
            PairedPlan.Pairing pairing = plan.pairing(engine, now, before);
            assertEquals(PairedReference.approved(s.now(), s.before()), pairing.approved(), s.toString());
            if (!s.now().isEmpty()) {
                assertEquals(PairedReference.pairing(s.now(), s.before()), pairing.groups(), s.toString());
            }
            assertEquals(PairedReference.deLong(s.now(), s.before()), plan.deLong(engine, now, before), s.toString());
        }
    }
}
