package dev.assay.metric.documentation;

import dev.assay.metric.AuditData;
import dev.assay.metric.Family;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.MetricDefinition.Kind;
import dev.assay.metric.MetricDefinition.Source;
import dev.assay.metric.Need;
import dev.assay.metric.States;
import dev.assay.metric.scan.ScanEngine;

import java.util.List;

/** The documentation family's registration point: the model card's completeness; it reads the card, no data. */
public final class DocumentationFamily implements Family {

    private final List<MetricDefinition> metrics = List.of(new MetricDefinition(DocumentationCompleteness.ID, Kind.DATASET,
            Source.COUNTS, (scope, s, p) -> List.of(DocumentationCompleteness.of(s.get(AuditData.CARD, null)))));

    @Override
    public List<MetricDefinition> metrics() {
        return metrics;
    }

    @Override
    public States scan(ScanEngine engine, AuditData data, List<Need> needs, States before) {
        return before;
    }
}
