package dev.assay.metric;

import dev.assay.metric.scan.Table;
import jakarta.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one audit measures, as the metric families read it: the evaluation dataset (and the baseline,
 * for drift) as tables of the engine that runs the scans, their column types, and the model card once
 * reshaped for metrics (its outcome columns, its declared roles, the document as submitted).
 *
 * @param baseline      the baseline dataset, for drift; empty without one
 * @param baselineTypes its column types (empty without one)
 * @param outcomes      the outcome columns; its score is present only when some metric of the audit reads it
 * @param id            the card's id column, if it names one
 * @param named         every column the card names, each once, with its role(s)
 * @param regression    whether the model is a regression (a valid prediction is then any finite number)
 * @param card          the model card document as submitted, for the documentation metrics
 * @param approved      the last approved version (its dataset read with its card), for the changes from it
 * @param defaults      the audit's parameters (phone regions, drift tests per column, ...)
 */
public record AuditData(Table evaluation, Map<String, String> columnTypes, Optional<Table> baseline,
                        Map<String, String> baselineTypes, OutcomeColumns outcomes, DeclaredRoles roles, Optional<String> id,
                        List<NamedColumn> named, boolean regression, JsonObject card, ApprovedEvaluation approved,
                        MetricParameters defaults) {

    /** The states every metric may read besides the scans': the card's roles, the approved values, the card. */
    public static final States.Key<DeclaredRoles> ROLES = new States.Key<>("declared roles");
    public static final States.Key<ApprovedEvaluation> APPROVED = new States.Key<>("approved version");
    public static final States.Key<JsonObject> CARD = new States.Key<>("model card");

    public AuditData {
        columnTypes = Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        baselineTypes = Collections.unmodifiableMap(new LinkedHashMap<>(baselineTypes));
        named = List.copyOf(named);
    }

    /**
     * A column the card names, by role ("id", "label", "prediction", "score", "weight", "protected",
     * "quasi-identifier", "sensitive", "feature"); a role that computes with numbers needs a numeric column.
     */
    public record NamedColumn(String name, String role, boolean needsNumbers) {
    }

    /** The same audit with other outcome columns (the score left out when no metric reads it). */
    public AuditData withOutcomes(OutcomeColumns o) {
        return new AuditData(evaluation, columnTypes, baseline, baselineTypes, o, roles, id, named, regression, card, approved,
                defaults);
    }

    /** The states every audit starts from, before any scan. */
    public States states() {
        States s = States.NONE.with(ROLES, roles).with(APPROVED, approved);
        return card == null ? s : s.with(CARD, card);
    }
}
