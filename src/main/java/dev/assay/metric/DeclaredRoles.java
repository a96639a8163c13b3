package dev.assay.metric;

import java.util.List;

/** The column roles the model card declares, as the privacy checks need them. */
public record DeclaredRoles(List<String> protectedAttributes, List<String> sensitive, List<String> quasiIdentifiers,
                            List<String> features) {

    public static final DeclaredRoles NONE = new DeclaredRoles(List.of(), List.of(), List.of(), List.of());

    public DeclaredRoles {
        protectedAttributes = List.copyOf(protectedAttributes);
        sensitive = List.copyOf(sensitive);
        quasiIdentifiers = List.copyOf(quasiIdentifiers);
        features = List.copyOf(features);
    }
}
