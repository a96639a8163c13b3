package dev.assay.metric;

import java.util.Map;

/**
 * How a column's non-null values spread: how many distinct values, and how many of them occur
 * exactly once (Deequ's uniqueness counts these). Shared vocabulary: drift's grouped scan counts them
 * on its way and leaves them under {@link #EVALUATION}, so the quality scan does not count them again.
 */
public record ValueFrequencies(long distinct, long singletons) {

    /** The evaluation dataset's frequencies by column, as an earlier scan counted them (exactly). */
    public static final States.Key<Map<String, ValueFrequencies>> EVALUATION = new States.Key<>("evaluation frequencies");
}
