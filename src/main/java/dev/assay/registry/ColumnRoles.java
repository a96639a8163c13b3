package dev.assay.registry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which columns of a dataset play which role, as the model card declares them.
 *
 * @param weight    a frequency-weight column (each row stands for that many identical rows), if any
 * @param timestamp the prediction time of production logs (ISO-8601 or epoch milliseconds), if any; not in
 *                  {@link #named()}: evaluation datasets need not carry it, prediction batches must
 */
public record ColumnRoles(
        Optional<String> id,
        Optional<String> label,
        String prediction,
        Optional<String> score,
        Optional<String> weight,
        List<String> protectedAttributes,
        List<String> quasiIdentifiers,
        List<String> sensitive,
        List<String> features,
        Optional<String> timestamp) {

    /** Without a timestamp column: cards of evaluation datasets. */
    public ColumnRoles(Optional<String> id, Optional<String> label, String prediction, Optional<String> score,
                       Optional<String> weight, List<String> protectedAttributes, List<String> quasiIdentifiers,
                       List<String> sensitive, List<String> features) {
        this(id, label, prediction, score, weight, protectedAttributes, quasiIdentifiers, sensitive, features, Optional.empty());
    }

    public ColumnRoles {
        protectedAttributes = List.copyOf(protectedAttributes);
        quasiIdentifiers = List.copyOf(quasiIdentifiers);
        sensitive = List.copyOf(sensitive);
        features = List.copyOf(features);
    }

    /** Every column the card names, each once, in the order of the card. */
    public Set<String> named() {
        List<String> all = new ArrayList<>();
        id.ifPresent(all::add);
        label.ifPresent(all::add);
        all.add(prediction);
        score.ifPresent(all::add);
        weight.ifPresent(all::add);
        all.addAll(protectedAttributes);
        all.addAll(quasiIdentifiers);
        all.addAll(sensitive);
        all.addAll(features);
        return new LinkedHashSet<>(all);
    }
}
