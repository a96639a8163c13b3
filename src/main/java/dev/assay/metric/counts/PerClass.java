package dev.assay.metric.counts;

import dev.assay.metric.GroupKey;
import dev.assay.metric.GroupMetric;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a per-group rate of a binary classifier reads a multiclass model (a card with {@code classes}): its value
 * without a class is the binary one through the favorable classes (undefined, with the reason, when the card names
 * none), followed by one value per class and group, class c against the rest ({@link ClassMatrix#oneVsRest}),
 * carrying {@code class}. On any other model the definition is unchanged.
 */
public final class PerClass {

    /** Why the value without a class is undefined on a multiclass card without favorable classes. */
    public static final String NO_FAVORABLE_CLASSES = "the model card names no favorableClasses, which this value (without a "
            + "class) reads as the favorable outcome and the positive class; the values per class carry a class";

    private PerClass() {
    }

    /** One class's value for one group, from that class's one-vs-rest counts. */
    @FunctionalInterface
    public interface ClassValue {
        MetricValue of(String scope, GroupKey group, GroupState oneVsRest, MetricParameters parameters);
    }

    /** {@code d}, with a multiclass model's per-class values after its own (see the class comment). */
    public static MetricDefinition rate(MetricDefinition d, ClassValue perClass) {
        GroupMetric binary = d.computation();
        return new MetricDefinition(d.id(), d.kind(), d.source(), (scope, s, p) -> {
            Aggregates a = Aggregates.of(s);
            if (!a.hasClasses()) {
                return binary.compute(scope, s, p);
            }
            Map<GroupKey, ClassMatrix> matrices = a.classes(scope);
            List<Map.Entry<GroupKey, ClassMatrix>> groups = matrices.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(GroupKey.ORDER)).toList();
            List<MetricValue> out = new ArrayList<>();
            if (p.favorableKnown()) {
                out.addAll(binary.compute(scope, s, p));
            } else {
                groups.forEach(e -> out.add(MetricValue.undefined(d.id(), scope.id(), e.getKey().id(), 0, NO_FAVORABLE_CLASSES, null)));
            }
            if (groups.isEmpty()) {
                return out;
            }
            List<String> names = groups.get(0).getValue().names();
            for (int c = 0; c < names.size(); c++) {
                for (Map.Entry<GroupKey, ClassMatrix> e : groups) {
                    out.add(perClass.of(scope.id(), e.getKey(), e.getValue().oneVsRest(c), p).forClass(names.get(c)));
                }
            }
            return out;
        }, d.companions(), d.inputs());
    }

    /** {@code d} on a binary model; undefined for {@code why} on a multiclass one. */
    public static MetricDefinition notForClasses(MetricDefinition d, String why) {
        GroupMetric binary = d.computation();
        return new MetricDefinition(d.id(), d.kind(), d.source(), (scope, s, p) -> Aggregates.of(s).hasClasses()
                ? List.of(MetricValue.undefined(d.id(), scope.id(), null, 0, why, null))
                : binary.compute(scope, s, p), d.companions(), d.inputs());
    }

    /** {@code d} on a binary model; {@code multiclass} on a multiclass one. */
    public static MetricDefinition orClasses(MetricDefinition d, GroupMetric multiclass) {
        GroupMetric binary = d.computation();
        return new MetricDefinition(d.id(), d.kind(), d.source(), (scope, s, p) -> Aggregates.of(s).hasClasses()
                ? multiclass.compute(scope, s, p) : binary.compute(scope, s, p), d.companions(), d.inputs());
    }

    /** The groups of a scope's matrices in report order. */
    public static List<Map.Entry<GroupKey, ClassMatrix>> sorted(Map<GroupKey, ClassMatrix> matrices) {
        return matrices.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER)).toList();
    }
}
