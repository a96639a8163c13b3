package dev.assay.metric.documentation;

import dev.assay.metric.MetricValue;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code documentation_completeness}: the share of the EU AI Act Annex IV documentation fields the
 * model card fills (a non-blank text, a non-empty list or object). The card field for each point of
 * Annex IV is fixed below; the note names each missing field with its point. {@code model},
 * {@code version} and {@code owner} (Annex IV 1(a)) are required of every card and so always present.
 */
public final class DocumentationCompleteness {

    public static final String ID = "documentation_completeness";

    /** Card field, and the Annex IV point of Regulation (EU) 2024/1689 it documents. */
    public static final Map<String, String> FIELDS = fields();

    private static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("owner", "Annex IV 1(a) provider");
        f.put("version", "Annex IV 1(a) version");
        f.put("intendedUse", "Annex IV 1(a) intended purpose");
        f.put("trainingData", "Annex IV 2(d) data requirements and datasheets");
        f.put("humanOversight", "Annex IV 2(e) human oversight measures (Art. 14)");
        f.put("evaluationData", "Annex IV 2(g) validation and testing data");
        f.put("performanceMetrics", "Annex IV 2(g), 3 metrics of accuracy and robustness (Art. 15(3))");
        f.put("limitations", "Annex IV 3 capabilities and limitations, foreseeable unintended outcomes");
        f.put("riskManagement", "Annex IV 5 risk management system (Art. 9)");
        f.put("postMarketMonitoring", "Annex IV 9 post-market monitoring plan (Art. 72)");
        return Collections.unmodifiableMap(f);
    }

    private DocumentationCompleteness() {
    }

    public static MetricValue of(JsonObject card) {
        if (card == null) {
            return MetricValue.undefined(ID, null, null, 0, "no model card", null);
        }
        List<String> missing = new ArrayList<>();
        FIELDS.forEach((field, point) -> {
            if (!filled(card.get(field))) {
                missing.add(field + " (" + point + ")");
            }
        });
        int total = FIELDS.size();
        MetricValue value = MetricValue.defined(ID, null, null, (double) (total - missing.size()) / total, null, total, null);
        return missing.isEmpty() ? value : value.withNote("missing: " + String.join("; ", missing));
    }

    private static boolean filled(JsonValue v) {
        if (v == null) {
            return false;
        }
        return switch (v.getValueType()) {
            case STRING -> !((JsonString) v).getString().isBlank();
            case ARRAY -> !((JsonArray) v).isEmpty();
            case OBJECT -> !((JsonObject) v).isEmpty();
            case NUMBER, TRUE, FALSE -> true;
            case NULL -> false;
        };
    }
}
