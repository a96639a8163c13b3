package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.metric.counts.ScoreState;
import dev.assay.stats.Proportions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NYC Local Law 144's measures for tools that output a score (6 RCNY 5-300, 5-301):
 * {@code scoring_rate}, the share of a category whose score is above the median score of the whole
 * sample (strictly above by default; at or above as an option), with a Wilson interval; and
 * {@code scoring_impact_ratio}, a category's scoring rate over the highest category's scoring rate
 * (among categories with at least the minimum group size).
 */
public final class ScoringRate {

    public static final String SCORING_RATE = "scoring_rate";
    public static final String SCORING_IMPACT_RATIO = "scoring_impact_ratio";

    private ScoringRate() {
    }

    private static long above(ScoreState s, boolean strict) {
        return strict ? s.aboveMedian() : s.atOrAboveMedian();
    }

    public static List<MetricValue> rates(String scope, Map<GroupKey, ScoreState> groups, boolean strict, double confidence) {
        List<MetricValue> values = new ArrayList<>();
        groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER)).forEach(e -> {
            ScoreState s = e.getValue();
            values.add(s.scored() == 0
                    ? MetricValue.undefined(SCORING_RATE, scope, e.getKey().id(), 0, "no rows with a score", null)
                    : MetricValue.defined(SCORING_RATE, scope, e.getKey().id(), (double) above(s, strict) / s.scored(),
                            Proportions.wilson(above(s, strict), s.scored(), confidence).orElseThrow(), s.scored(), null)
                    .withNote(strict ? "scores above the sample median" : "scores at or above the sample median"));
        });
        return values;
    }

    public static List<MetricValue> impactRatios(String scope, Map<GroupKey, ScoreState> groups, boolean strict,
                                                 long minimumGroupSize, double confidence) {
        String reference = null;
        double best = -1;
        ScoreState bestState = null;
        for (var e : groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER)).toList()) {
            ScoreState s = e.getValue();
            if (e.getKey().hasUnknown() || s.scored() < Math.max(1, minimumGroupSize)) {
                continue;
            }
            double rate = (double) above(s, strict) / s.scored();
            if (rate > best) {
                best = rate;
                reference = e.getKey().id();
                bestState = s;
            }
        }
        List<MetricValue> values = new ArrayList<>();
        for (var e : groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER)).toList()) {
            if (e.getKey().hasUnknown()) {
                continue;
            }
            ScoreState s = e.getValue();
            String group = e.getKey().id();
            if (s.scored() == 0) {
                values.add(MetricValue.undefined(SCORING_IMPACT_RATIO, scope, group, 0, "no rows with a score", reference));
            } else if (bestState == null || best == 0) {
                values.add(MetricValue.undefined(SCORING_IMPACT_RATIO, scope, group, s.scored(), bestState == null
                        ? "no category has at least " + minimumGroupSize + " scored rows to serve as reference"
                        : "no category scores above the median", reference));
            } else {
                values.add(MetricValue.defined(SCORING_IMPACT_RATIO, scope, group,
                        ((double) above(s, strict) / s.scored()) / best,
                        Proportions.katzRatio(above(s, strict), s.scored(), above(bestState, strict), bestState.scored(),
                                confidence).orElse(null), s.scored(), reference));
            }
        }
        return values;
    }
}
