package dev.assay.metric;


/**
 * How the reference group of a comparison is chosen: the group with the highest selection rate
 * (default; among groups with at least the minimum size), the largest group, a named group, or the
 * whole scope ("overall"). The counts choose it ({@link dev.assay.metric.counts.Groups#reference}).
 */
public record Reference(Kind kind, String group) {

    public enum Kind {
        HIGHEST_RATE, MAJORITY, NAMED, OVERALL
    }

    public static final Reference HIGHEST_RATE = new Reference(Kind.HIGHEST_RATE, null);
    public static final Reference MAJORITY = new Reference(Kind.MAJORITY, null);
    public static final Reference OVERALL = new Reference(Kind.OVERALL, null);

    public static Reference named(String group) {
        return new Reference(Kind.NAMED, group);
    }
}
