package dev.assay.metric.privacy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The value dictionary of GDPR Art. 9(1) special categories: whole values that name a category. Apart
 * from {@link SpecialCategories} so that the personal-data scan ({@link PiiSampler}) can count terms
 * while the metric reads the scan's counts, without the two depending on each other.
 */
final class SpecialCategoryValues {

    /** Whole values per category, normalized (lower case, '_' and '-' as spaces). */
    static final Map<String, List<String>> VALUES = values();

    private SpecialCategoryValues() {
    }

    private static Map<String, List<String>> values() {
        Map<String, List<String>> d = new LinkedHashMap<>();
        d.put("racial or ethnic origin", List.of("african american", "black", "white", "caucasian", "hispanic", "latino",
                "latina", "latinx", "asian", "native american", "american indian", "alaska native", "amer indian eskimo",
                "asian pac islander", "pacific islander", "native hawaiian", "arab", "roma", "mixed race", "multiracial"));
        d.put("political opinions", List.of("democrat", "democratic", "republican", "labour", "tory", "socialist", "communist",
                "green party", "libertarian"));
        d.put("religious or philosophical beliefs", List.of("christian", "catholic", "protestant", "orthodox", "muslim",
                "islam", "jewish", "judaism", "hindu", "buddhist", "sikh", "atheist", "agnostic", "mormon"));
        d.put("trade union membership", List.of("union member", "unionized", "non union", "union"));
        d.put("health", List.of("diabetes", "diabetic", "hiv", "hiv positive", "aids", "cancer", "depression", "asthma",
                "hypertension", "pregnant", "disabled", "schizophrenia", "bipolar", "epilepsy", "dementia"));
        d.put("sex life or sexual orientation", List.of("heterosexual", "homosexual", "gay", "lesbian", "bisexual", "straight",
                "asexual", "queer", "pansexual"));
        return d;
    }

    private static final Map<String, String> CATEGORY_OF_VALUE = valueIndex();

    private static Map<String, String> valueIndex() {
        Map<String, String> index = new HashMap<>();
        VALUES.forEach((category, terms) -> terms.forEach(t -> index.put(t, category)));
        return index;
    }

    /** The category a whole value names, if it is a term of the value dictionary. */
    static Optional<String> category(String value) {
        return Optional.ofNullable(CATEGORY_OF_VALUE.get(value.trim().toLowerCase(Locale.ROOT).replaceAll("[_\\-]+", " ")
                .replaceAll("\\s+", " ")));
    }

}
