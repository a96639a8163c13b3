package dev.assay.metric.quality;

import dev.assay.metric.counts.GroupState;
import dev.assay.metric.MetricValue;
import dev.assay.metric.counts.ConfusionRates;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LabelBalanceTest {

    @Test
    void rarerClassOverCommonerClass() {
        // 4 positive labels (tp 3, fn 1) against 8 negative (fp 2, tn 6).
        GroupState g = new GroupState(12, 12, 5, 3, 2, 1, 6);
        MetricValue balance = LabelBalance.of("sex", "F", g);
        assertEquals(0.5, balance.value(), 1e-12);
        assertEquals(12, balance.n());
        assertEquals(4.0 / 12, ConfusionRates.LABEL_PREVALENCE.value("sex", "F", g, 0.95).value(), 1e-12);
        // Same prevalence is the base rate under its other name.
        assertEquals(ConfusionRates.BASE_RATE.value("sex", "F", g, 0.95).value(),
                ConfusionRates.LABEL_PREVALENCE.value("sex", "F", g, 0.95).value(), 0);
    }

    @Test
    void oneClassOnlyAndNoLabels() {
        assertEquals(0.0, LabelBalance.of(null, null, new GroupState(3, 3, 3, 3, 0, 0, 0)).value(), 0);
        assertEquals(1.0, LabelBalance.of(null, null, new GroupState(4, 4, 2, 1, 1, 1, 1)).value(), 0);
        MetricValue none = LabelBalance.of(null, null, new GroupState(2, 0, 0, 0, 0, 0, 0));
        assertNull(none.value());
        assertEquals("no rows with a label", none.undefined());
    }
}
