package dev.assay.metric;

/** One metric over one scope with one set of parameters: what an audit's scans must serve. */
public record Need(MetricDefinition definition, Scope scope, MetricParameters parameters) {

    public String metric() {
        return definition.id();
    }

    /** The column a column-scoped need names; null for a group scope or the whole dataset. */
    public String column() {
        return scope.attributes().size() == 1 ? scope.attributes().get(0) : null;
    }
}
