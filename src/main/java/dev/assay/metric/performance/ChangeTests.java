package dev.assay.metric.performance;

import dev.assay.metric.Comparison;
import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Scope;
import dev.assay.metric.States;
import dev.assay.metric.counts.Aggregates;
import dev.assay.metric.counts.ConfusionRates;
import dev.assay.metric.counts.GroupState;
import dev.assay.stats.DeLong;
import dev.assay.stats.HanleyMcNeil;
import dev.assay.stats.McNemar;
import dev.assay.stats.SignificanceTests;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The significance test of one group's change from the approved version, and how it was chosen.
 *
 * <p>Paired, when both versions were evaluated on the same rows ({@link ChangePlan.Design}) and the rule does
 * not ask for the unpaired test: a rate whose rows are fixed by the label alone (accuracy: every labeled
 * pair; recall and the false negative rate: the positive pairs; the false positive rate: the negative pairs)
 * by McNemar's mid-p test on the pairs either version alone classifies right ({@link McNemar}); the ROC AUC
 * by DeLong's test on the pairs with both scores ({@link DeLong}). A group with fewer pairs than the minimum
 * group size has no test ("too few pairs"), never a silent pass.
 *
 * <p>Unpaired otherwise, each version's evaluation an independent sample: the two rates by the test Assay
 * compares groups with (Fisher's exact test for small samples, the pooled two-proportion z-test otherwise:
 * {@link SignificanceTests#compareProportions}); the two AUCs by Hanley and McNeil's z-test. Precision and the
 * other bases have no test: their rows depend on the predictions, so a pair is not a pair of the same
 * question (precision), or no paired test of Assay covers them yet.
 */
final class ChangeTests {

    /** A group's comparison, and its test when it has one. */
    record Tested(Comparison comparison, SignificanceTests.Result result) {
    }

    /** The rates with a paired test: which label class's pairs they rest on, and whether they count right or wrong ones. */
    private enum PairedRate {
        ACCURACY("accuracy", null, true),
        RECALL("recall", true, true),
        FALSE_NEGATIVE_RATE("false_negative_rate", true, false),
        FALSE_POSITIVE_RATE("false_positive_rate", false, false);

        final String id;
        final Boolean positives;
        final boolean right;

        PairedRate(String id, Boolean positives, boolean right) {
            this.id = id;
            this.positives = positives;
            this.right = right;
        }

        static Optional<PairedRate> of(String id) {
            return java.util.Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
        }

        PairedState.Cells cells(PairedState s) {
            return positives == null ? s.positives().plus(s.negatives()) : positives ? s.positives() : s.negatives();
        }

        String pairs() {
            return positives == null ? "labeled pairs" : positives ? "pairs labeled positive" : "pairs labeled negative";
        }
    }

    /** The bases a change of which has a test, paired and unpaired. */
    static final List<String> TESTED = List.of("accuracy", "recall", "false_positive_rate", "false_negative_rate", RocAuc.ID);

    private ChangeTests() {
    }

    /**
     * @param now    the base metric's value now, for this group (defined)
     * @param before its value in the approved version (defined)
     */
    static Tested of(String base, Scope scope, MetricValue now, MetricValue before, States s, MetricParameters p) {
        ChangePlan.Design design = s.get(ChangePlan.DESIGN, null);
        boolean paired = design != null && design.paired() && p.pairedChanges();
        String why = design == null ? "the rows were not compared" : !p.pairedChanges()
                ? "the rule asks for the unpaired test" + (design.paired() ? " (" + design.why() + ")" : "") : design.why();
        Comparison.Pairing pairing = design == null || design.pairing() == null ? null : pairing(design.pairing(), scope, now.group());
        String name = paired ? Comparison.PAIRED : Comparison.UNPAIRED;
        if (!TESTED.contains(base)) {
            return new Tested(new Comparison(name, why, now.value(), now.n(), before.value(), before.n(), null, null, pairing,
                    "Assay has no significance test for a change of " + base + "; it tests changes of " + String.join(", ", TESTED)), null);
        }
        Optional<PairedRate> rate = PairedRate.of(base);
        if (paired) {
            return rate.isPresent() ? mcNemar(rate.get(), scope, now.group(), why, pairing, s, p)
                    : deLong(scope, now.group(), why, pairing, s, p);
        }
        Comparison unpaired = new Comparison(name, why, now.value(), now.n(), before.value(), before.n(), null, null, pairing, null);
        States approved = s.get(ChangePlan.BEFORE, States.NONE);
        return rate.isPresent() ? proportions(base, scope, now.group(), unpaired, s, approved)
                : independentAucs(scope, now.group(), unpaired, s, approved);
    }

    private static Tested mcNemar(PairedRate rate, Scope scope, String group, String why, Comparison.Pairing pairing, States s,
                                  MetricParameters p) {
        PairedState state = byGroup(s.get(ChangePlan.DESIGN, null).pairing().groups().get(scope), group, PairedState.EMPTY);
        PairedState.Cells cells = rate.cells(state);
        long total = cells.total();
        Double now = total == 0 ? null : (double) (rate.right ? cells.both() + cells.onlyNow() : cells.onlyBefore() + cells.neither()) / total;
        Double before = total == 0 ? null : (double) (rate.right ? cells.both() + cells.onlyBefore() : cells.onlyNow() + cells.neither()) / total;
        Comparison c = new Comparison(Comparison.PAIRED, why, now, total, before, total, cells.onlyNow(), cells.onlyBefore(), pairing, null);
        if (total < p.minimumGroupSize()) {
            return new Tested(c.untested(tooFew(total, rate.pairs() + " with both predictions", p)), null);
        }
        return new Tested(c, McNemar.test(cells.onlyNow(), cells.onlyBefore()));
    }

    private static Tested deLong(Scope scope, String group, String why, Comparison.Pairing pairing, States s, MetricParameters p) {
        DeLong.Components d = byGroup(s.get(ChangePlan.DELONG, Map.of()).get(scope), group, DeLong.Components.EMPTY);
        long total = d.positives() + d.negatives();
        Comparison c = new Comparison(Comparison.PAIRED, why, boxed(d.auc1()), total, boxed(d.auc2()), total, null, null, pairing, null);
        if (!s.has(ChangePlan.DELONG)) {
            return new Tested(c.untested("a version's model card names no score column, label or positive label: no AUCs to pair"), null);
        }
        if (d.positives() < 2 || d.negatives() < 2) {
            return new Tested(c.untested(String.format(Locale.ROOT, "DeLong's test needs at least two positive and two negative pairs "
                    + "with both scores; there are %d and %d", d.positives(), d.negatives())), null);
        }
        if (total < p.minimumGroupSize()) {
            return new Tested(c.untested(tooFew(total, "labeled pairs with both scores", p)), null);
        }
        return DeLong.test(d).map(t -> new Tested(c, t)).orElseGet(() -> new Tested(c.untested(
                "the two AUCs differ by the same amount on every pair: the difference has no variance to test"), null));
    }

    private static Tested proportions(String base, Scope scope, String group, Comparison c, States s, States approved) {
        ConfusionRates rate = ConfusionRates.byId(base).orElseThrow();
        GroupState now = byGroup(Aggregates.of(s).groups(scope), group, null);
        GroupState before = byGroup(Aggregates.of(approved).groups(scope), group, null);
        if (now == null || before == null) {
            return new Tested(c.untested("a version has no rows in this group"), null);
        }
        return SignificanceTests.compareProportions(rate.numerator(now), rate.denominator(now), rate.numerator(before),
                        rate.denominator(before)).map(t -> new Tested(c, t))
                .orElseGet(() -> new Tested(c.untested("both versions' rates are 0, or both 1: no variance to test"), null));
    }

    private static Tested independentAucs(Scope scope, String group, Comparison c, States s, States approved) {
        RankState now = byGroup(s.get(PerformanceFamily.RANKS, Map.of()).get(scope), group, RankState.EMPTY);
        RankState before = byGroup(approved.get(PerformanceFamily.RANKS, Map.of()).get(scope), group, RankState.EMPTY);
        return HanleyMcNeil.independent(c.now(), now.positives(), now.negatives(), c.before(), before.positives(), before.negatives())
                .map(t -> new Tested(c, t))
                .orElseGet(() -> new Tested(c.untested("both AUCs are 0 or 1: their standard errors are 0"), null));
    }

    private static Double boxed(java.util.OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    private static String tooFew(long pairs, String what, MetricParameters p) {
        return "too few pairs: " + pairs + " " + what + ", fewer than the minimum group size of " + p.minimumGroupSize();
    }

    /** The pairing of one group: this version's rows of it, the approved dataset's rows whole. */
    private static Comparison.Pairing pairing(PairedPlan.Pairing pairing, Scope scope, String group) {
        PairedState g = byGroup(pairing.groups().get(scope), group, PairedState.EMPTY);
        PairedPlan.ApprovedRows a = pairing.approved();
        return new Comparison.Pairing(g.rows(), g.withoutId(), g.duplicated(), g.unmatched(), g.conflicting(), g.pairs(),
                a.rows(), a.withoutId(), a.duplicated(), a.unmatched());
    }

    /** A group's state by the group's name as values report it (null for the whole dataset). */
    private static <S> S byGroup(Map<GroupKey, S> groups, String group, S absent) {
        if (groups == null) {
            return absent;
        }
        return groups.entrySet().stream().filter(e -> Objects.equals(e.getKey().id(), group)).map(Map.Entry::getValue)
                .findFirst().orElse(absent);
    }
}
