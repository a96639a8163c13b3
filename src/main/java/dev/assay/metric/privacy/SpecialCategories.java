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
 * GDPR Art. 9 special categories and prohibited features, from column names, column values and the
 * card's roles:
 * <ul>
 * <li>{@code special_category_data}: 1 when a column's name says it holds a special category (the name
 * dictionary below), when at least half of its sampled values are terms of one category (the value
 * dictionary below), or when the card declares it {@code sensitive}; 0 otherwise; the category, how it
 * was recognized, and whether the card declares the column (protected or sensitive), in the note;</li>
 * <li>{@code undeclared_special_category}: 1 for such a column the card does not declare (GDPR Art. 9: only when declared);</li>
 * <li>{@code prohibited_feature}: the number of protected attributes, and of columns the rule names as
 * their {@code proxies}, among the model's {@code features}, named in the note.</li>
 * </ul>
 * The name dictionary matches whole words of a column name (split on '_', '-', ' ' and case changes);
 * the value dictionary matches whole values (case, '_' and '-' ignored). A value dictionary errs both
 * ways: "White" may be a colour, and free text naming a condition is missed; a flagged column is
 * declared in the card or waived with a reason.
 */
public final class SpecialCategories {

    public static final String SPECIAL_CATEGORY = "special_category_data";
    public static final String UNDECLARED = "undeclared_special_category";
    public static final String PROHIBITED_FEATURE = "prohibited_feature";

    /** Column-name words per GDPR Art. 9(1) category. */
    public static final Map<String, List<String>> DICTIONARY = dictionary();

    /** Whole values per GDPR Art. 9(1) category, normalized (lower case, '_' and '-' as spaces). */
    public static final Map<String, List<String>> VALUES = SpecialCategoryValues.VALUES;

    /** Share of a column's sampled values that must be terms of one category to flag it. */
    public static final double VALUE_SHARE = 0.5;

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

    /** The category a whole value names, if it is a term of the value dictionary ({@link SpecialCategoryValues}). */
    public static Optional<String> valueCategory(String value) {
        return SpecialCategoryValues.category(value);
    }

    /** The category most of a column's sampled values name, if at least {@link #VALUE_SHARE} of them name it. */
    static Optional<String> fromValues(PiiSampler.PiiState sample) {
        if (sample == null || sample.sampled() == 0) {
            return Optional.empty();
        }
        return sample.categories().entrySet().stream().filter(e -> e.getValue() >= VALUE_SHARE * sample.sampled())
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    static Optional<String> category(String column) {
        List<String> words = new ArrayList<>();
        for (String part : column.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).split("[_\\- .]+")) {
            words.add(part);
        }
        return DICTIONARY.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(words::contains))
                .map(Map.Entry::getKey).findFirst();
    }

    /** @param sample the column's sampled values as the personal-data scan counted them; null when not scanned */
    public static MetricValue column(String id, String column, DeclaredRoles roles, PiiSampler.PiiState sample) {
        boolean declaredSensitive = roles.sensitive().contains(column);
        boolean declared = declaredSensitive || roles.protectedAttributes().contains(column);
        Optional<String> byName = category(column);
        Optional<String> byValues = byName.isPresent() ? Optional.empty() : fromValues(sample);
        Optional<String> category = byName.or(() -> byValues);
        boolean special = category.isPresent() || declaredSensitive;
        String what = category.map(c -> c + (byValues.isPresent() ? String.format(Locale.ROOT,
                        " (from its values: %d of %d sampled)", sample.categories().get(c), sample.sampled()) : " (from its name)"))
                .orElse(declaredSensitive ? "declared sensitive" : "none");
        return switch (id) {
            case SPECIAL_CATEGORY -> MetricValue.defined(id, column, null, special ? 1 : 0, null, 0, null)
                    .withNote(what + (special ? (declared ? "; declared in the model card" : "; NOT declared in the model card") : ""));
            case UNDECLARED -> MetricValue.defined(id, column, null, special && !declared ? 1 : 0, null, 0, null)
                    .withNote(special ? what : "no special category");
            default -> throw new IllegalArgumentException(id);
        };
    }

    /** @param proxies columns the rule names as stand-ins for protected attributes */
    public static MetricValue prohibited(DeclaredRoles roles, List<String> proxies) {
        List<String> used = roles.features().stream().filter(roles.protectedAttributes()::contains).toList();
        List<String> proxied = roles.features().stream().filter(f -> proxies.contains(f) && !used.contains(f)).toList();
        List<String> parts = new ArrayList<>();
        if (!used.isEmpty()) {
            parts.add("protected attribute(s) used as features: " + String.join(", ", used));
        }
        if (!proxied.isEmpty()) {
            parts.add("proxies of protected attributes used as features: " + String.join(", ", proxied));
        }
        return MetricValue.defined(PROHIBITED_FEATURE, null, null, used.size() + proxied.size(), null, roles.features().size(), null)
                .withNote(parts.isEmpty() ? "no protected attribute" + (proxies.isEmpty() ? "" : " or named proxy")
                        + " among the model's features" : String.join("; ", parts));
    }
}
