package dev.assay.metric.counts;

import java.util.Optional;

/** A per-group rate defined as a count over a count of the group's state; disparities compare them. */
public interface GroupRate {

    String id();

    long numerator(GroupState s);

    long denominator(GroupState s);

    default Optional<Double> of(GroupState s) {
        long d = denominator(s);
        return d == 0 ? Optional.empty() : Optional.of((double) numerator(s) / d);
    }

    /**
     * Selection rate: favorable predictions over predictions. The one definition: the selection rate metric,
     * the impact ratio, the reference comparisons, the disparities and the highest-rate reference all read it.
     */
    GroupRate SELECTION = new GroupRate() {
        @Override
        public String id() {
            return "selection_rate";
        }

        @Override
        public long numerator(GroupState s) {
            return s.favorable();
        }

        @Override
        public long denominator(GroupState s) {
            return s.predicted();
        }
    };
}
