package dev.assay.metric.privacy;

import dev.assay.metric.DeclaredRoles;
import dev.assay.metric.MetricValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GDPR Art. 9 special categories and prohibited features, from column names and the card's roles:
 * <ul>
 * <li>{@code special_category_data}: 1 when a column's name says it holds a special category (the
 * dictionary below) or the card declares it {@code sensitive}, 0 otherwise; the category, and whether the
 * card declares the column (protected or sensitive), in the note;</li>
 * <li>{@code undeclared_special_category}: 1 for such a column the card does not declare (GDPR Art. 9: only when declared);</li>
 * <li>{@code prohibited_feature}: the number of protected attributes among the model's {@code features},
 * named in the note.</li>
 * </ul>
 * The dictionary matches whole words of a column name (split on '_', '-', ' ' and case changes).
 */
public final class SpecialCategories {

    public static final String SPECIAL_CATEGORY = "special_category_data";
    public static final String UNDECLARED = "undeclared_special_category";
    public static final String PROHIBITED_FEATURE = "prohibited_feature";

    /** Column-name words per GDPR Art. 9(1) category. */
    public static final Map<String, List<String>> DICTIONARY = dictionary();

    private SpecialCategories() {
    }

    private static Map<String, List<String>> dictionary() {
        Map<String, List<String>> d = new LinkedHashMap<>();
        d.put("racial or ethnic origin", List.of("race", "racial", "ethnicity", "ethnic", "ancestry"));
        d.put("political opinions", List.of("political", "politics", "party"));
        d.put("religious or philosophical beliefs", List.of("religion", "religious", "faith", "belief", "beliefs"));
        d.put("trade union membership", List.of("union", "unionized"));
        d.put("genetic data", List.of("genetic", "genome", "dna"));
        d.put("biometric data", List.of("biometric", "fingerprint", "faceprint", "iris"));
        d.put("health", List.of("health", "diagnosis", "disease", "disability", "medical", "illness", "hiv", "pregnancy"));
        d.put("sex life or sexual orientation", List.of("orientation", "sexuality"));
        return d;
    }

    static Optional<String> category(String column) {
        List<String> words = new ArrayList<>();
        for (String part : column.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).split("[_\\- .]+")) {
            words.add(part);
        }
        return DICTIONARY.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(words::contains))
                .map(Map.Entry::getKey).findFirst();
    }

    public static MetricValue column(String id, String column, DeclaredRoles roles) {
        boolean declaredSensitive = roles.sensitive().contains(column);
        boolean declared = declaredSensitive || roles.protectedAttributes().contains(column);
        Optional<String> category = category(column);
        boolean special = category.isPresent() || declaredSensitive;
        String what = category.orElse(declaredSensitive ? "declared sensitive" : "none");
        return switch (id) {
            case SPECIAL_CATEGORY -> MetricValue.defined(id, column, null, special ? 1 : 0, null, 0, null)
                    .withNote(what + (special ? (declared ? "; declared in the model card" : "; NOT declared in the model card") : ""));
            case UNDECLARED -> MetricValue.defined(id, column, null, special && !declared ? 1 : 0, null, 0, null)
                    .withNote(special ? what : "no special category");
            default -> throw new IllegalArgumentException(id);
        };
    }

    public static MetricValue prohibited(DeclaredRoles roles) {
        List<String> used = roles.features().stream().filter(roles.protectedAttributes()::contains).toList();
        return MetricValue.defined(PROHIBITED_FEATURE, null, null, used.size(), null, roles.features().size(), null)
                .withNote(used.isEmpty() ? "no protected attribute among the model's features"
                        : "protected attribute(s) used as features: " + String.join(", ", used));
    }
}
