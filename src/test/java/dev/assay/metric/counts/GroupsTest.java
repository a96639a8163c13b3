package dev.assay.metric.counts;

import dev.assay.metric.GroupKey;
import dev.assay.metric.Reference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference group of a comparison, including over a scope that has no groups. */
class GroupsTest {

    private static final GroupState F = new GroupState(100, 100, 30, 0, 0, 0, 0);
    private static final GroupState M = new GroupState(120, 120, 60, 0, 0, 0, 0);

    @Test
    void theWholeDatasetIsNoGroupToCompareWith() {
        Map<GroupKey, GroupState> whole = Map.of(new GroupKey(List.of()), F);
        for (Reference r : List.of(Reference.MAJORITY, Reference.HIGHEST_RATE, Reference.named("F"))) {
            assertTrue(Groups.reference(r, whole, 30).isEmpty(), r + " over a scope without groups");
        }
        assertEquals("(overall)", Groups.reference(Reference.OVERALL, whole, 30).orElseThrow().getKey());
    }

    @Test
    void majorityAndHighestRateAmongKnownGroups() {
        Map<GroupKey, GroupState> groups = Map.of(new GroupKey(List.of("F")), F, new GroupKey(List.of("M")), M,
                new GroupKey(java.util.Arrays.asList((String) null)), new GroupState(500, 500, 400, 0, 0, 0, 0));
        assertEquals("M", Groups.reference(Reference.MAJORITY, groups, 30).orElseThrow().getKey(), "the unknown category never serves");
        assertEquals("M", Groups.reference(Reference.HIGHEST_RATE, groups, 30).orElseThrow().getKey(), "0.5 over 0.3");
        assertEquals(F, Groups.reference(Reference.named("F"), groups, 30).orElseThrow().getValue());
    }
}
