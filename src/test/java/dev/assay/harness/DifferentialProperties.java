package dev.assay.harness;

import dev.assay.metric.MetricCatalogue;
import dev.assay.metric.MetricValue;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The differential harness: generated tables through the real ingest and engine on DuckDB, against
 * plain row-by-row reference implementations (Ref* in this package), family by family.
 */
class DifferentialProperties {

    private static Path dir;

    @BeforeContainer
    static void createDir() throws Exception {
        dir = Files.createTempDirectory("assay-harness");
    }

    @AfterContainer
    static void deleteDir() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Ids of the catalogue with no reference here (see README of the harness in the report). */
    static final Set<String> NOT_REFERENCED = Set.of("documentation_completeness", "prohibited_feature");

    /** Outcome ids (counts) the reference covers. */
    static final Predicate<String> OUTCOME_IDS = id -> {
        MetricCatalogue.Definition d = MetricCatalogue.find(id).orElseThrow();
        return d.source() == MetricCatalogue.Source.COUNTS && d.kind() != MetricCatalogue.Kind.COLUMN
                && !NOT_REFERENCED.contains(id) && !id.endsWith("_change_from_approved");
    };

    @Provide
    Arbitrary<Table> tables() {
        return Generators.tables(true);
    }

    @Provide
    Arbitrary<Table> finiteTables() {
        return Generators.tables(false);
    }

    static List<String> ids(Predicate<String> which) {
        return MetricCatalogue.ids().stream().filter(which).sorted().toList();
    }

    private static void check(Table t, Predicate<String> which, Expected expected, Map<String, MetricValue> actual, boolean presence) {
        List<String> mismatches = expected.compare(actual, which, presence);
        assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " mismatches, first " + mismatches.subList(0,
                Math.min(8, mismatches.size())) + "\non " + t);
    }

    private static Map<String, MetricValue> audit(Table t, List<String> metrics) throws Exception {
        return Engine.audit(Engine.csv(dir, t.csv()), t.weighted(), metrics, null);
    }

    /** Counts, every confusion rate, comparisons with the reference group, disparities, inequality indices. */
    @Property(tries = 150)
    void outcomesMatchTheReference(@ForAll("tables") Table t) throws Exception {
        Expected e = new Expected();
        RefOutcomes.expect(Obs.of(t), e);
        check(t, OUTCOME_IDS, e, audit(t, ids(OUTCOME_IDS)), true);
    }
}
