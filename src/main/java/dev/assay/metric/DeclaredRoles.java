package dev.assay.metric;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The column roles the model card declares, as the privacy and drift checks need them.
 *
 * @param outcomes the prediction, score and label columns by role name, each absent when the card names none
 */
public record DeclaredRoles(List<String> protectedAttributes, List<String> sensitive, List<String> quasiIdentifiers,
                            List<String> features, Map<String, Optional<String>> outcomes) {

    public static final DeclaredRoles NONE = new DeclaredRoles(List.of(), List.of(), List.of(), List.of());

    public DeclaredRoles {
        protectedAttributes = List.copyOf(protectedAttributes);
        sensitive = List.copyOf(sensitive);
        quasiIdentifiers = List.copyOf(quasiIdentifiers);
        features = List.copyOf(features);
        outcomes = Map.copyOf(outcomes);
    }

    public DeclaredRoles(List<String> protectedAttributes, List<String> sensitive, List<String> quasiIdentifiers,
                         List<String> features) {
        this(protectedAttributes, sensitive, quasiIdentifiers, features, Map.of());
    }

    /** The column of an outcome role (prediction, score, label), if the card names one. */
    public Optional<String> outcome(String role) {
        return outcomes.getOrDefault(role, Optional.empty());
    }
}
