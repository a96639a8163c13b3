package dev.assay.metric.quality;

import dev.assay.infrastructure.ColumnTypes;
import dev.assay.metric.MetricValue;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code schema_conformance}: the share of the columns the model card names that the dataset has with
 * a usable type: present, holding at least one value, and numeric where the role computes with
 * numbers (the score; label and prediction of a regression). The note names each column that does not
 * conform, and why.
 */
public final class SchemaConformance {

    public static final String ID = "schema_conformance";

    private SchemaConformance() {
    }

    public static MetricValue of(ValidityState state) {
        List<String> problems = new ArrayList<>();
        for (ValidityState.NamedColumn c : state.named()) {
            String where = c.role() + " column '" + c.name() + "'";
            if (c.type() == null) {
                problems.add(where + " is missing");
            } else if (c.nonNull() == 0) {
                problems.add(where + " has no values");
            } else if (c.needsNumbers() && !ColumnTypes.isNumeric(c.type())) {
                problems.add(where + " is " + c.type() + ", not numeric");
            }
        }
        int named = state.named().size();
        if (named == 0) {
            return MetricValue.undefined(ID, null, null, 0, "the model card names no columns", null);
        }
        MetricValue value = MetricValue.defined(ID, null, null, (double) (named - problems.size()) / named, null, named, null);
        return problems.isEmpty() ? value : value.withNote(String.join("; ", problems));
    }
}
