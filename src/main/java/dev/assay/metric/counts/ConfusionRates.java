package dev.assay.metric.counts;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.stats.Proportions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Every rate of the confusion matrix, as numerator / denominator of counts. A zero denominator makes
 * the rate undefined, with the reason, never 0.
 */
public enum ConfusionRates implements GroupRate {
    /** Over every labeled row, predicted or not (AIF360's base_rate is a property of the labels alone). */
    BASE_RATE("base_rate", GroupState::labelPositives, GroupState::labels, "no rows with a label"),
    /** The base rate under its data-quality name (issue checklists speak of label prevalence). */
    LABEL_PREVALENCE("label_prevalence", GroupState::labelPositives, GroupState::labels, "no rows with a label"),
    TRUE_POSITIVE_RATE("true_positive_rate", GroupState::tp, GroupState::actualPositives, "no rows labeled positive"),
    FALSE_POSITIVE_RATE("false_positive_rate", GroupState::fp, GroupState::actualNegatives, "no rows labeled negative"),
    FALSE_NEGATIVE_RATE("false_negative_rate", GroupState::fn, GroupState::actualPositives, "no rows labeled positive"),
    TRUE_NEGATIVE_RATE("true_negative_rate", GroupState::tn, GroupState::actualNegatives, "no rows labeled negative"),
    POSITIVE_PREDICTIVE_VALUE("positive_predictive_value", GroupState::tp, GroupState::predictedPositives,
            "no rows predicted positive"),
    NEGATIVE_PREDICTIVE_VALUE("negative_predictive_value", GroupState::tn, GroupState::predictedNegatives,
            "no rows predicted negative"),
    FALSE_DISCOVERY_RATE("false_discovery_rate", GroupState::fp, GroupState::predictedPositives,
            "no rows predicted positive"),
    FALSE_OMISSION_RATE("false_omission_rate", GroupState::fn, GroupState::predictedNegatives,
            "no rows predicted negative"),
    ACCURACY("accuracy", s -> s.tp() + s.tn(), GroupState::labeled, "no rows with both a label and a prediction"),
    /** scikit-learn's names for the same rates, for performance rules. */
    PRECISION("precision", GroupState::tp, GroupState::predictedPositives, "no rows predicted positive"),
    RECALL("recall", GroupState::tp, GroupState::actualPositives, "no rows labeled positive");

    private final String id;
    private final ToLongFunction<GroupState> numerator;
    private final ToLongFunction<GroupState> denominator;
    private final String whyUndefined;

    ConfusionRates(String id, ToLongFunction<GroupState> numerator, ToLongFunction<GroupState> denominator,
                   String whyUndefined) {
        this.id = id;
        this.numerator = numerator;
        this.denominator = denominator;
        this.whyUndefined = whyUndefined;
    }

    @Override
    public String id() {
        return id;
    }

    public static Optional<ConfusionRates> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    @Override
    public long numerator(GroupState s) {
        return numerator.applyAsLong(s);
    }

    @Override
    public long denominator(GroupState s) {
        return denominator.applyAsLong(s);
    }

    public MetricValue value(String scope, String group, GroupState s, double confidence) {
        long d = denominator.applyAsLong(s);
        if (d == 0) {
            return MetricValue.undefined(id, scope, group, 0, whyUndefined, null);
        }
        long x = numerator.applyAsLong(s);
        return MetricValue.defined(id, scope, group, (double) x / d,
                Proportions.wilson(x, d, confidence).orElseThrow(), d, null);
    }

    public List<MetricValue> all(String scope, Map<GroupKey, GroupState> groups, double confidence) {
        List<MetricValue> values = new ArrayList<>();
        groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER))
                .forEach(e -> values.add(value(scope, e.getKey().id(), e.getValue(), confidence)));
        return values;
    }
}
